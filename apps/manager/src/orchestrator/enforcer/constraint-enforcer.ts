import { ConstraintError, parseConstraint, violation } from '@shoal/scheduler';
import { DesiredState, isTerminal } from '@shoal/protocol';
import { candidateOf } from '../../scheduler/candidates';
import type { NodeObject, TaskObject } from '../../store/objects';

/**
 * Swarm mode's constraint enforcer: the tasks that a node no longer suits, with why.
 * A task (desired RUNNING, not ended) is misplaced when its node fails one of the
 * task's placement constraints (its labels changed with updateNode), or when the
 * node's CPUs or memory shrank below what the node's tasks reserve: then the newest
 * tasks with a reservation go, until the others fit. The orchestrator shuts misplaced
 * tasks down and refills their slots at once; the scheduler places the replacements
 * where they fit, or leaves them pending with the explanation.
 */
export function misplacedTasks(nodes: readonly NodeObject[], tasks: readonly TaskObject[]): Map<string, string> {
  const misplaced = new Map<string, string>();
  const byNode = new Map<string, TaskObject[]>();
  for (const t of tasks) {
    if (t.nodeId === null || t.desiredState !== DesiredState.RUNNING || isTerminal(t.status.state)) continue;
    const list = byNode.get(t.nodeId);
    if (list) list.push(t);
    else byNode.set(t.nodeId, [t]);
  }
  for (const node of nodes) {
    const list = byNode.get(node.id);
    if (!list) continue;
    const candidate = candidateOf(node);
    const kept: TaskObject[] = [];
    for (const t of list) {
      const why = failedConstraint(candidate, t);
      if (why) misplaced.set(t.id, why);
      else kept.push(t);
    }
    // Oldest first keep their reservations; the newest are the ones that no longer fit.
    kept.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
    let cpuLeft = node.description.cpus * 1e9;
    let memoryLeft = node.description.memoryBytes;
    for (const t of kept) {
      const r = t.spec.resources?.reservations;
      const cpu = r?.nanoCpus ?? 0;
      const memory = r?.memoryBytes ?? 0;
      if (cpu === 0 && memory === 0) continue;
      if (cpu > cpuLeft || memory > memoryLeft) {
        misplaced.set(t.id, `node ${node.description.hostname} no longer has the resources the task reserves`);
        continue;
      }
      cpuLeft -= cpu;
      memoryLeft -= memory;
    }
  }
  return misplaced;
}

function failedConstraint(node: ReturnType<typeof candidateOf>, t: TaskObject): string | undefined {
  for (const text of t.placement?.constraints ?? []) {
    let c;
    try {
      c = parseConstraint(text);
    } catch (e) {
      if (e instanceof ConstraintError) continue; // refused by validation; never move a task over it
      throw e;
    }
    const why = violation(node, c);
    if (why !== null) return `node ${node.hostname} no longer meets constraint ${c.text} (${why})`;
  }
  return undefined;
}
