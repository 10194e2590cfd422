import { parseConstraint, violation } from '@shoal/scheduler';
import { candidateOf } from '../../scheduler/candidates';
import type { NodeObject, ServiceObject } from '../../store/objects';

/**
 * The nodes a global service keeps a task on: ready, not drained, and passing its
 * placement constraints. A paused node keeps the task it has but gets no new one
 * (`availability === 'ACTIVE'` says whether it may). Resources and ports are left to
 * the scheduler: a node short of them holds a PENDING task that says why.
 */
export function globalNodes(nodes: readonly NodeObject[], service: ServiceObject): NodeObject[] {
  let constraints;
  try {
    constraints = (service.spec.placement?.constraints ?? []).map(parseConstraint);
  } catch {
    return []; // refused by validation; a stored one that no longer parses places nothing
  }
  return nodes
    .filter((n) => n.status.state === 'READY' && n.availability !== 'DRAIN')
    .filter((n) => {
      const c = candidateOf(n);
      return constraints.every((x) => violation(c, x) === null);
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** How many tasks a global service should run now: its nodes that are active. */
export function globalDesired(nodes: readonly NodeObject[], service: ServiceObject): number {
  return globalNodes(nodes, service).filter((n) => n.availability === 'ACTIVE').length;
}
