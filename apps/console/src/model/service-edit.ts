import type { ResultOf, VariablesOf } from '../graphql/graphql';
import type { ServiceQuery, UpdateServiceMutation } from '../graphql/services.queries';
import { formatKeyValueLines } from './key-values';
import type { CreateServiceInput, ServiceFormField, ServiceFormValues } from './service-form';

type Service = Pick<NonNullable<ResultOf<typeof ServiceQuery>['service']>, 'name' | 'replicas' | 'spec'>;
export type UpdateServiceInput = VariablesOf<typeof UpdateServiceMutation>['input'];

const MIB = 1024 * 1024;
const amount = (n: number, scale: number): string => (n ? String(+(n / scale).toFixed(6)) : '');

/** A service's spec as the form shows it, so editing starts from what runs. */
export function specToFormValues({ name, replicas, spec }: Service): ServiceFormValues {
  const { reservations, limits } = spec.resources;
  return {
    name,
    image: spec.image,
    resolveImage: 'CHANGED',
    mode: spec.mode,
    replicas: String(replicas),
    maxConcurrent: String(spec.job?.maxConcurrent ?? 1),
    totalCompletions: String(spec.job?.totalCompletions ?? 1),
    command: (spec.command ?? []).join('\n'),
    args: (spec.args ?? []).join('\n'),
    env: spec.env.join('\n'),
    labels: formatKeyValueLines(spec.labels),
    ports: spec.ports.map((p) => `${p.published ? `${p.published}:` : ''}${p.target}/${p.protocol}`).join('\n'),
    constraints: spec.placement.constraints.join('\n'),
    maxReplicasPerNode: spec.placement.maxReplicasPerNode ? String(spec.placement.maxReplicasPerNode) : '',
    strategy: spec.placement.strategy,
    reserveCpus: amount(reservations.nanoCpus, 1e9),
    reserveMemoryMiB: amount(reservations.memoryBytes, MIB),
    limitCpus: amount(limits.nanoCpus, 1e9),
    limitMemoryMiB: amount(limits.memoryBytes, MIB),
  };
}

/**
 * The update for a whole edited spec. The API keeps fields that are left out, so every
 * list and amount is sent, empty or zero when the person cleared it; what the form cannot
 * show (placement preferences) is carried over from the current spec.
 */
export function toUpdateInput(input: CreateServiceInput, current: Service['spec']): UpdateServiceInput {
  const r = input.resources;
  // The form has no field for placement preferences yet: keep the service's own.
  const preferences = current.placement.preferences.map((p) => ({ spread: p.spread }));
  return {
    image: input.image,
    ...(input.resolveImage ? { resolveImage: input.resolveImage } : {}),
    ...(input.replicas !== undefined ? { replicas: input.replicas } : {}),
    ...(input.job ? { job: input.job } : {}),
    command: input.command ?? [],
    args: input.args ?? [],
    env: input.env ?? [],
    labels: input.labels ?? [],
    ports: input.ports ?? [],
    placement: { constraints: [], ...input.placement, preferences },
    resources: {
      reservations: { nanoCpus: r?.reservations?.nanoCpus ?? 0, memoryBytes: r?.reservations?.memoryBytes ?? 0 },
      limits: { nanoCpus: r?.limits?.nanoCpus ?? 0, memoryBytes: r?.limits?.memoryBytes ?? 0 },
    },
  };
}

export interface FieldChange {
  field: ServiceFormField;
  before: string;
  after: string;
}

/** What an edit changes, field by field as the form shows them (whitespace-only differences ignored). */
export function diffForm(before: ServiceFormValues, after: ServiceFormValues): FieldChange[] {
  const norm = (s: string) =>
    s
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join('\n');
  return (Object.keys(before) as ServiceFormField[])
    .filter((f) => norm(before[f]) !== norm(after[f]))
    .map((field) => ({ field, before: norm(before[field]), after: norm(after[field]) }));
}

/** Fields whose change adds or removes tasks but replaces none: the replica count, a job's size. */
const SIZE_FIELDS: readonly ServiceFormField[] = ['replicas', 'maxConcurrent', 'totalCompletions'];

/** Any change but the size replaces every task of the service. */
export const replacesTasks = (changes: readonly FieldChange[]): boolean => changes.some((c) => !SIZE_FIELDS.includes(c.field));
