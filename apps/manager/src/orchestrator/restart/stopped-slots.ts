import { isWanted } from '@shoal/protocol';
import { containerSpecOf, taskKey } from '../../services/container-spec';
import type { ServiceObject, TaskObject } from '../../store/objects';
import { restartDecision } from './restart-policy';

export interface StoppedSlot {
  slot: number;
  taskId: string;
  reason: string;
}

/** The service's slots that have no task to run and that the restart policy leaves empty, with the reason. */
export function stoppedSlots(service: ServiceObject, tasks: readonly TaskObject[], restartDelayMs: number): StoppedSlot[] {
  const key = taskKey(containerSpecOf(service.spec), service.spec.placement);
  const out: StoppedSlot[] = [];
  for (let slot = 1; slot <= service.spec.replicas; slot++) {
    const history = tasks.filter((t) => t.slot === slot).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    if (history.length === 0 || history.some((t) => isWanted(t.desiredState))) continue;
    const decision = restartDecision(service.spec.restartPolicy, history, key, (t) => taskKey(t.spec, t.placement), restartDelayMs);
    if (!decision.replace) out.push({ slot, taskId: history[0].id, reason: decision.reason });
  }
  return out;
}
