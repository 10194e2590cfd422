import { SetMetadata } from '@nestjs/common';
import type { Rule } from './roles';

export const ALLOW_METADATA = 'shoal:allow';

/**
 * Who may call a query, mutation or subscription: the least role, or PUBLIC. Every
 * root operation must carry one (the guard refuses one without; a test enumerates
 * the schema). On a field resolver it restricts that field further.
 */
export const Allow = (rule: Rule): MethodDecorator => SetMetadata(ALLOW_METADATA, rule);

export function ruleOf(handler: object): Rule | undefined {
  return Reflect.getMetadata(ALLOW_METADATA, handler) as Rule | undefined;
}
