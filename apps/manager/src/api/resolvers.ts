import { ClusterResolver } from './cluster.resolver';
import { EventResolver } from './event.resolver';
import { NodeResolver } from './node.resolver';
import { ServiceResolver } from './service.resolver';
import { TaskResolver } from './task.resolver';

/** Every resolver of the public API: served by AppModule and printed by print-schema, from this one list. */
export const RESOLVERS = [ClusterResolver, EventResolver, NodeResolver, ServiceResolver, TaskResolver];
