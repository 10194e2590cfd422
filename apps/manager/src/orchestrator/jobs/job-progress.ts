import { TaskState } from '@shoal/protocol';
import { containerSpecOf, taskKey } from '../../services/container-spec';
import type { NodeObject, ServiceObject, TaskObject } from '../../store/objects';
import { globalNodes } from '../global/global-nodes';

/**
 * How far a job has got: slots (a REPLICATED_JOB's 1..totalCompletions, a GLOBAL_JOB's
 * nodes) whose latest task of the current spec exited 0, out of all. Null for a
 * service that is not a job.
 */
export function jobProgress(service: ServiceObject, tasks: readonly TaskObject[], nodes: readonly NodeObject[]): { completed: number; total: number } | null {
  const mode = service.spec.mode;
  if (mode !== 'REPLICATED_JOB' && mode !== 'GLOBAL_JOB') return null;
  const key = taskKey(containerSpecOf(service.spec), service.spec.placement);
  const latest = new Map<string, TaskObject>();
  for (const t of tasks) {
    const slot = mode === 'GLOBAL_JOB' ? (t.targetNodeId ?? '') : String(t.slot);
    const seen = latest.get(slot);
    if (!seen || seen.createdAt < t.createdAt) latest.set(slot, t);
  }
  const done = new Set([...latest].filter(([, t]) => t.status.state === TaskState.COMPLETE && taskKey(t.spec, t.placement) === key).map(([slot]) => slot));
  if (mode === 'REPLICATED_JOB') {
    const total = service.spec.job?.totalCompletions ?? 0;
    return { completed: [...done].filter((s) => Number(s) <= total).length, total };
  }
  const active = globalNodes(nodes, service)
    .filter((n) => n.availability === 'ACTIVE')
    .map((n) => n.id);
  return { completed: done.size, total: new Set([...active, ...done]).size };
}
