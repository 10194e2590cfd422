import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('ManagerStatus', { description: "The manager on a node's host, as the answering manager sees it in Raft (docker's ManagerStatus)." })
export class ManagerStatusModel {
  @Field({ description: 'Its Raft member id.' }) memberId!: string;
  @Field({ description: 'Its cluster address; empty once it is no longer a member.' }) address!: string;
  @Field({ description: 'A voter (false: a learner catching up, or no longer a member).' }) voter!: boolean;
  @Field({ description: 'It leads Raft.' }) leader!: boolean;
  @Field({ description: 'The answering manager heard from it within an election timeout.' }) reachable!: boolean;
}
