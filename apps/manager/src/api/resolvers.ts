import { AuditResolver } from './audit.resolver';
import { ClusterResolver } from './cluster.resolver';
import { EventResolver } from './event.resolver';
import { LogsResolver } from './logs.resolver';
import { ClusterMetricsResolver, NodeMetricsResolver } from './metrics.resolver';
import { NodeResolver } from './node.resolver';
import { ServiceResolver } from './service.resolver';
import { SessionResolver } from './session.resolver';
import { TaskResolver } from './task.resolver';
import { TokenResolver } from './token.resolver';
import { UserResolver } from './user.resolver';

/** Every resolver of the public API: served by AppModule and printed by print-schema, from this one list. */
export const RESOLVERS = [
  AuditResolver,
  ClusterResolver,
  EventResolver,
  LogsResolver,
  ClusterMetricsResolver,
  NodeMetricsResolver,
  NodeResolver,
  ServiceResolver,
  SessionResolver,
  TaskResolver,
  TokenResolver,
  UserResolver,
];
