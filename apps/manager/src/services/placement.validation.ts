import type { Resources } from '@shoal/protocol';
import { ConstraintError, checkLabelAttribute, parseConstraint } from '@shoal/scheduler';
import { badInput } from '../common/errors';
import type { ServicePlacement } from '../store/placement';

export const PLACEMENT_LIMITS = {
  constraints: 64,
  constraintLength: 512,
  preferences: 8,
  maxReplicasPerNode: 10_000,
} as const;

/** The engine refuses a memory limit under 6 MiB and a CPU limit under 0.01 CPU. */
const MIN_MEMORY_LIMIT = 6 * 2 ** 20;
const MIN_CPU_LIMIT = 1e7;
const STRATEGIES = ['SPREAD', 'BINPACK'];

/**
 * Refuses placement rules that can never mean anything (a constraint that does not
 * parse, a preference that is not a label). Rules no node meets today are accepted:
 * their tasks wait with an explanation.
 */
export function validatePlacement(p: ServicePlacement | undefined, field: string): void {
  if (!p) return;
  const constraints = p.constraints ?? [];
  if (constraints.length > PLACEMENT_LIMITS.constraints) throw badInput(`${field}.constraints`, `at most ${PLACEMENT_LIMITS.constraints} constraints`);
  constraints.forEach((c, i) => {
    const at = `${field}.constraints[${i}]`;
    if (c.length > PLACEMENT_LIMITS.constraintLength) throw badInput(at, `must be at most ${PLACEMENT_LIMITS.constraintLength} characters`);
    wrap(at, () => parseConstraint(c));
  });
  const preferences = p.preferences ?? [];
  if (preferences.length > PLACEMENT_LIMITS.preferences) throw badInput(`${field}.preferences`, `at most ${PLACEMENT_LIMITS.preferences} preferences`);
  preferences.forEach((pref, i) => wrap(`${field}.preferences[${i}].spread`, () => checkLabelAttribute(pref.spread)));
  const max = p.maxReplicasPerNode;
  if (max !== undefined && (!Number.isInteger(max) || max < 0 || max > PLACEMENT_LIMITS.maxReplicasPerNode)) {
    throw badInput(`${field}.maxReplicasPerNode`, `must be a whole number from 0 (no limit) to ${PLACEMENT_LIMITS.maxReplicasPerNode}`);
  }
  if (p.strategy !== undefined && !STRATEGIES.includes(p.strategy)) throw badInput(`${field}.strategy`, `must be one of ${STRATEGIES.join(', ')}`);
}

/**
 * Refuses resources that are wrong whatever the cluster: negative or fractional
 * amounts, limits the engine refuses, limits below reservations. A reservation larger
 * than every node is accepted: its tasks wait with an explanation.
 */
export function validateResources(r: Resources | undefined, field: string): void {
  if (!r) return;
  const amounts: [string, number | undefined][] = [
    ['reservations.nanoCpus', r.reservations?.nanoCpus],
    ['reservations.memoryBytes', r.reservations?.memoryBytes],
    ['limits.nanoCpus', r.limits?.nanoCpus],
    ['limits.memoryBytes', r.limits?.memoryBytes],
    ['limits.pids', r.limits?.pids],
  ];
  for (const [name, v] of amounts) {
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) throw badInput(`${field}.${name}`, 'must be a whole number, 0 or more');
  }
  const limits = r.limits ?? {};
  if (limits.nanoCpus && limits.nanoCpus < MIN_CPU_LIMIT) throw badInput(`${field}.limits.nanoCpus`, 'must be at least 10000000 (0.01 CPU), or 0 for no limit');
  if (limits.memoryBytes && limits.memoryBytes < MIN_MEMORY_LIMIT) {
    throw badInput(`${field}.limits.memoryBytes`, `must be at least ${MIN_MEMORY_LIMIT} (6 MiB), or 0 for no limit`);
  }
  const reservations = r.reservations ?? {};
  if (limits.nanoCpus && reservations.nanoCpus && limits.nanoCpus < reservations.nanoCpus) {
    throw badInput(`${field}.limits.nanoCpus`, `the limit (${limits.nanoCpus}) is below the reservation (${reservations.nanoCpus})`);
  }
  if (limits.memoryBytes && reservations.memoryBytes && limits.memoryBytes < reservations.memoryBytes) {
    throw badInput(`${field}.limits.memoryBytes`, `the limit (${limits.memoryBytes}) is below the reservation (${reservations.memoryBytes})`);
  }
}

function wrap(field: string, check: () => unknown): void {
  try {
    check();
  } catch (e) {
    if (e instanceof ConstraintError) throw badInput(field, e.message);
    throw e;
  }
}
