import { Allow } from '../auth/allow.decorator';
import { Args, Subscription, Resolver } from '@nestjs/graphql';
import { OnModuleDestroy } from '@nestjs/common';
import { Store } from '../store/store';
import type { Change, ChangeSet } from '../store/actions';
import type { NodeObject, ServiceObject, TaskObject } from '../store/objects';
import { EventAction, EventModel, ObjectKind } from './models/event.model';
import { toNodeModel } from './models/node.model';
import { toServiceModel } from './models/service.model';
import { toTaskModel } from './models/task.model';
import { EventFeed, type Payload } from './events/event-feed';

/** Streams every change to nodes, services and tasks, resumable from a cursor. Fan-out across managers moves to Redis later. */
@Resolver(() => EventModel)
export class EventResolver implements OnModuleDestroy {
  private readonly feed: EventFeed;
  private readonly unwatch: () => void;
  private readonly unreset: () => void;

  constructor(store: Store) {
    this.feed = new EventFeed(() => store.cluster()?.id ?? '', store.appliedIndex);
    this.unwatch = store.watch((set) => {
      set.changes.forEach((change, position) => {
        const event = toEvent(set, change);
        if (event) this.feed.publish({ index: set.index, position }, event);
      });
    });
    this.unreset = store.onReset((index) => this.feed.reset(index));
  }

  onModuleDestroy(): void {
    this.unwatch();
    this.unreset();
  }

  @Allow('VIEWER')
  @Subscription(() => EventModel, {
    description:
      'Object changes as they are applied, optionally only some kinds. With `after` (an Event.cursor), first the events after it, or one RESYNC event when this manager no longer has them all.',
    filter: (payload: Payload, variables: { kinds?: ObjectKind[] | null }) =>
      payload.events.action === EventAction.RESYNC || !variables.kinds || variables.kinds.includes(payload.events.kind),
  })
  events(
    @Args('kinds', { type: () => [ObjectKind], nullable: true }) _kinds?: ObjectKind[],
    @Args('after', { nullable: true, description: 'Resume after this Event.cursor.' }) after?: string,
  ): AsyncIterableIterator<Payload> {
    return this.feed.subscribe(after);
  }
}

function toEvent(set: ChangeSet, c: Change): Omit<EventModel, 'cursor'> | null {
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
