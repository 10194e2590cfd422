import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { ShoalError } from '../common/errors';

/** Expected errors go to the client as they are (see format-error.ts), without Nest logging them as crashes. */
@Catch(ShoalError)
export class ShoalErrorFilter implements GqlExceptionFilter {
  catch(error: ShoalError): ShoalError {
    return error;
  }
}
