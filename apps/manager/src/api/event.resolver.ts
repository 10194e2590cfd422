import { Allow } from '../auth/allow.decorator';
import { Args, Subscription, Resolver } from '@nestjs/graphql';
import { PubSub } from 'graphql-subscriptions';
import { OnModuleDestroy } from '@nestjs/common';
import { Store } from '../store/store';
import type { Change, ChangeSet } from '../store/actions';
import type { NodeObject, ServiceObject, TaskObject } from '../store/objects';
import { EventAction, EventModel, ObjectKind } from './models/event.model';
import { toNodeModel } from './models/node.model';
import { toServiceModel } from './models/service.model';
import { toTaskModel } from './models/task.model';

const TOPIC = 'events';

/** Streams every change to nodes, services and tasks. Fan-out across managers moves to Redis later. */
@Resolver(() => EventModel)
export class EventResolver implements OnModuleDestroy {
  private readonly pubsub = new PubSub();
  private readonly unwatch: () => void;

  constructor(store: Store) {
    this.unwatch = store.watch((set) => {
      for (const change of set.changes) {
        const event = toEvent(set, change);
        if (event) void this.pubsub.publish(TOPIC, { events: event });
      }
    });
  }

  onModuleDestroy(): void {
    this.unwatch();
  }

  @Allow('VIEWER')
  @Subscription(() => EventModel, {
    description: 'Object changes as they are applied. Optionally only some kinds.',
    filter: (payload: { events: EventModel }, variables: { kinds?: ObjectKind[] | null }) => !variables.kinds || variables.kinds.includes(payload.events.kind),
  })
  events(@Args('kinds', { type: () => [ObjectKind], nullable: true }) _kinds?: ObjectKind[]): AsyncIterableIterator<unknown> {
    return this.pubsub.asyncIterableIterator(TOPIC);
  }
}

function toEvent(set: ChangeSet, c: Change): EventModel | null {
  const base = { action: c.action as EventAction, id: c.object.id, index: set.index, at: set.at };
  switch (c.kind) {
    case 'service':
      return { ...base, kind: ObjectKind.SERVICE, service: toServiceModel(c.object as ServiceObject) };
    case 'task':
      return { ...base, kind: ObjectKind.TASK, task: toTaskModel(c.object as TaskObject) };
    case 'node':
      return { ...base, kind: ObjectKind.NODE, node: toNodeModel(c.object as NodeObject) };
    case 'cluster':
      return { ...base, kind: ObjectKind.CLUSTER };
    case 'token':
    case 'user':
    case 'session':
      return null; // never stream credentials, not even hashed
    case 'audit':
      return null; // streamed to admins by the auditRecords subscription
  }
}
