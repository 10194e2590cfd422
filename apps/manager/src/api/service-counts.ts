import { DesiredState, TaskState } from '@shoal/protocol';
import { globalDesired } from '../orchestrator/global/global-nodes';
import { jobProgress } from '../orchestrator/jobs/job-progress';
import type { ServiceObject } from '../store/objects';
import type { Store } from '../store/store';

/** Tasks that should run: replicas; for GLOBAL its eligible nodes; for a job, slots not completed yet. */
export function desiredTaskCount(store: Store, service: ServiceObject): number {
  const progress = jobProgress(service, store.tasks({ serviceId: service.id }), store.nodes());
  if (progress) return progress.total - progress.completed;
  return service.spec.mode === 'GLOBAL' ? globalDesired(store.nodes(), service) : service.spec.replicas;
}

/** Tasks that should run and do. */
export function runningTaskCount(store: Store, serviceId: string): number {
  return store.tasks({ serviceId, desiredState: DesiredState.RUNNING }).filter((t) => t.status.state === TaskState.RUNNING).length;
}
