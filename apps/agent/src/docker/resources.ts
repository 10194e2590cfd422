import type { Resources } from '@shoal/protocol';

/** The engine's HostConfig fields for a task's resources (Docker Engine API, ContainerCreate). */
export interface ResourceHostConfig {
  NanoCpus?: number;
  Memory?: number;
  MemoryReservation?: number;
  PidsLimit?: number;
}

/**
 * Limits become hard engine limits; a memory reservation becomes the engine's soft
 * limit (MemoryReservation), as in swarm mode. A CPU reservation only guides the scheduler.
 */
export function resourceHostConfig(r: Resources | undefined): ResourceHostConfig {
  const c: ResourceHostConfig = {};
  if (r?.limits?.nanoCpus) c.NanoCpus = r.limits.nanoCpus;
  if (r?.limits?.memoryBytes) c.Memory = r.limits.memoryBytes;
  if (r?.limits?.pids) c.PidsLimit = r.limits.pids;
  if (r?.reservations?.memoryBytes) c.MemoryReservation = r.reservations.memoryBytes;
  return c;
}
