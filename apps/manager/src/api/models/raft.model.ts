import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum RaftRole {
  LEADER = 'LEADER',
  FOLLOWER = 'FOLLOWER',
  CANDIDATE = 'CANDIDATE',
  PRECANDIDATE = 'PRECANDIDATE',
  LEARNER = 'LEARNER',
}
registerEnumType(RaftRole, { name: 'RaftRole', description: "A manager's part in Raft; PRECANDIDATE is a pre-vote that changes no term." });

@ObjectType('RaftMember')
export class RaftMemberModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'Its cluster address (host:port), where agents and managers connect.' }) address!: string;
  @Field(() => RaftRole, { description: 'LEADER, FOLLOWER or LEARNER as far as the answering manager knows.' }) role!: RaftRole;
  @Field({ description: 'The answering manager heard from it within an election timeout (always true for itself).' }) reachable!: boolean;
  @Field(() => Int, { nullable: true, description: 'The last log index the leader knows it holds; null unless the answering manager leads.' })
  matchIndex!: number | null;
}

@ObjectType('Raft', { description: "The managers' replicated log, as the manager that answers sees it." })
export class RaftModel {
  @Field({ description: "The answering manager's member id." }) id!: string;
  @Field(() => RaftRole) role!: RaftRole;
  @Field(() => String, { nullable: true, description: 'Member id of the leader; null during an election.' }) leader!: string | null;
  @Field(() => Int) term!: number;
  @Field(() => Int, { description: 'Entries up to here are committed (held by a majority).' }) commitIndex!: number;
  @Field(() => Int, { description: "Entries up to here are applied to this manager's state." }) appliedIndex!: number;
  @Field(() => Int, { description: "The oldest entry this manager's log still holds; earlier ones are compacted into a snapshot." })
  firstIndex!: number;
  @Field(() => Int) lastIndex!: number;
  @Field(() => [RaftMemberModel]) members!: RaftMemberModel[];
}
