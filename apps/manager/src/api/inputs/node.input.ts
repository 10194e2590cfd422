import { Field, InputType } from '@nestjs/graphql';
import { KeyValueInput } from '../models/common.model';
import { NodeAvailabilityEnum } from '../models/node.model';

@InputType()
export class UpdateNodeInput {
  @Field(() => NodeAvailabilityEnum, { nullable: true }) availability?: NodeAvailabilityEnum;
  @Field(() => [KeyValueInput], { nullable: true, description: 'Replaces all operator labels.' }) labels?: KeyValueInput[];
}
