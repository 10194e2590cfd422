import type { VariablesOf } from '../graphql/graphql';
import type { CreateServiceMutation } from '../graphql/services.queries';
import { parseKeyValueLines } from './key-values';

export type CreateServiceInput = VariablesOf<typeof CreateServiceMutation>['input'];

/** The create-service form as a person types it: lists are one item per line. */
export type ServiceModeValue = 'REPLICATED' | 'GLOBAL' | 'REPLICATED_JOB' | 'GLOBAL_JOB';

/** When the manager pins the image to the digest its tag names (the API's ResolveImage). */
export type ResolveImageValue = 'CHANGED' | 'NEVER' | 'ALWAYS';

export interface ServiceFormValues {
  name: string;
  image: string;
  /** CHANGED: pin an image the form names; NEVER: keep the tag; ALWAYS (edit only): re-pin the current tag. */
  resolveImage: ResolveImageValue;
  /** Fixed at creation. */
  mode: ServiceModeValue;
  /** REPLICATED only. */
  replicas: string;
  /** REPLICATED_JOB only. */
  maxConcurrent: string;
  totalCompletions: string;
  command: string;
  args: string;
  env: string;
  labels: string;
  ports: string;
  constraints: string;
  maxReplicasPerNode: string;
  strategy: 'SPREAD' | 'BINPACK';
  reserveCpus: string;
  reserveMemoryMiB: string;
  limitCpus: string;
  limitMemoryMiB: string;
}

export type ServiceFormField = keyof ServiceFormValues;

/** What each field is called on screen (the form's labels, the edit review). */
export const FIELD_LABELS: Record<ServiceFormField, string> = {
  name: 'Name',
  image: 'Image',
  resolveImage: 'Image digest',
  mode: 'Mode',
  replicas: 'Replicas',
  maxConcurrent: 'Max concurrent tasks',
  totalCompletions: 'Total completions',
  command: 'Command',
  args: 'Arguments',
  env: 'Environment',
  labels: 'Labels',
  ports: 'Published ports',
  constraints: 'Placement constraints',
  maxReplicasPerNode: 'Max replicas per node',
  strategy: 'Strategy',
  reserveCpus: 'Reserved CPUs',
  reserveMemoryMiB: 'Reserved memory (MiB)',
  limitCpus: 'CPU limit',
  limitMemoryMiB: 'Memory limit (MiB)',
};
export type FieldErrors = Partial<Record<ServiceFormField, string>>;

export const EMPTY_SERVICE_FORM: ServiceFormValues = {
  name: '',
  image: '',
  resolveImage: 'CHANGED',
  mode: 'REPLICATED',
  replicas: '1',
  maxConcurrent: '1',
  totalCompletions: '1',
  command: '',
  args: '',
  env: '',
  labels: '',
  ports: '',
  constraints: '',
  maxReplicasPerNode: '',
  strategy: 'SPREAD',
  reserveCpus: '',
  reserveMemoryMiB: '',
  limitCpus: '',
  limitMemoryMiB: '',
};

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const ENV = /^[^=\s]+(=.*)?$/;
const PORT = /^(?:(\d+):)?(\d+)(?:\/(tcp|udp|sctp))?$/;
const CONSTRAINT = /^\s*[\w.-]+\s*(==|!=)\s*\S.*$/;
const MIB = 1024 * 1024;

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const isPort = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 65535;

function number(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
}

/**
 * Checks the form the way the API will, so most mistakes show before a round trip, and
 * turns it into the mutation's input. The API stays the authority: its field errors are
 * mapped back with `formFieldOf`.
 */
export function parseServiceForm(v: ServiceFormValues): { input: CreateServiceInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!NAME.test(v.name.trim())) errors.name = "Use 1-63 letters, digits, '_', '.' or '-', starting with a letter or digit.";
  if (v.image.trim() === '' || /\s/.test(v.image.trim())) errors.image = 'Give an image reference without spaces, like nginx:1.27.';
  const replicas = number(v.replicas);
  if (v.mode === 'REPLICATED' && (replicas === null || !Number.isInteger(replicas) || replicas < 0)) errors.replicas = 'Give a whole number, 0 or more.';
  const maxConcurrent = number(v.maxConcurrent);
  const totalCompletions = number(v.totalCompletions);
  if (v.mode === 'REPLICATED_JOB') {
    if (maxConcurrent === null || !Number.isInteger(maxConcurrent) || maxConcurrent < 1) errors.maxConcurrent = 'Give a whole number, 1 or more.';
    if (totalCompletions === null || !Number.isInteger(totalCompletions) || totalCompletions < 1) errors.totalCompletions = 'Give a whole number, 1 or more.';
  }

  const env = lines(v.env);
  const badEnv = env.find((e) => !ENV.test(e));
  if (badEnv !== undefined) errors.env = `"${badEnv}" is not KEY=VALUE.`;

  const { pairs: labels, bad: badLabel } = parseKeyValueLines(v.labels);
  if (badLabel !== null) errors.labels = `"${badLabel}" is not key=value.`;

  const ports: { target: number; published?: number; protocol: string }[] = [];
  for (const l of lines(v.ports)) {
    const m = PORT.exec(l);
    const target = m ? Number(m[2]) : NaN;
    const published = m?.[1] !== undefined ? Number(m[1]) : undefined;
    if (!m || !isPort(target) || (published !== undefined && !isPort(published)))
      errors.ports = `"${l}" is not a port: write 80, 8080:80 or 8080:80/udp (ports 1-65535).`;
    else ports.push({ target, ...(published !== undefined ? { published } : {}), protocol: m[3] ?? 'tcp' });
  }

  const constraints = lines(v.constraints);
  const badConstraint = constraints.find((c) => !CONSTRAINT.test(c));
  if (badConstraint !== undefined) errors.constraints = `"${badConstraint}" is not attribute==value or attribute!=value.`;

  const maxPerNode = number(v.maxReplicasPerNode);
  if (maxPerNode !== null && (!Number.isInteger(maxPerNode) || maxPerNode < 0)) errors.maxReplicasPerNode = 'Give a whole number, 0 or more (0: no limit).';

  const amount = (field: ServiceFormField, text: string, scale: number): number | undefined => {
    const n = number(text);
    if (n === null) return undefined;
    if (Number.isNaN(n) || n < 0) {
      errors[field] = 'Give a number, 0 or more.';
      return undefined;
    }
    return Math.round(n * scale);
  };
  const reservations = { nanoCpus: amount('reserveCpus', v.reserveCpus, 1e9), memoryBytes: amount('reserveMemoryMiB', v.reserveMemoryMiB, MIB) };
  const limits = { nanoCpus: amount('limitCpus', v.limitCpus, 1e9), memoryBytes: amount('limitMemoryMiB', v.limitMemoryMiB, MIB) };
  if (limits.nanoCpus && limits.nanoCpus < 1e7) errors.limitCpus = 'At least 0.01 CPU, or 0 for no limit.';
  if (limits.memoryBytes && limits.memoryBytes < 6 * MIB) errors.limitMemoryMiB = 'At least 6 MiB, or 0 for no limit.';

  if (Object.keys(errors).length > 0) return { input: null, errors };
  const defined = <T extends object>(o: T): T | undefined => (Object.values(o).some((x) => x !== undefined) ? o : undefined);
  return {
    errors,
    input: {
      name: v.name.trim(),
      image: v.image.trim(),
      ...(v.resolveImage !== 'CHANGED' ? { resolveImage: v.resolveImage } : {}),
      // The API refuses replicas outside REPLICATED, and job outside REPLICATED_JOB.
      ...(v.mode === 'REPLICATED' ? { replicas: replicas! } : { mode: v.mode }),
      ...(v.mode === 'REPLICATED_JOB' ? { job: { maxConcurrent: maxConcurrent!, totalCompletions: totalCompletions! } } : {}),
      ...(lines(v.command).length ? { command: lines(v.command) } : {}),
      ...(lines(v.args).length ? { args: lines(v.args) } : {}),
      ...(env.length ? { env } : {}),
      ...(labels.length ? { labels } : {}),
      ...(ports.length ? { ports } : {}),
      placement: { constraints, strategy: v.strategy, ...(maxPerNode !== null ? { maxReplicasPerNode: maxPerNode } : {}) },
      ...(defined(reservations) || defined(limits) ? { resources: { reservations: defined(reservations), limits: defined(limits) } } : {}),
    },
  };
}

/** The form field an API error's `field` ("input.ports[0].target", "input.resources.limits.memoryBytes") belongs to. */
export function formFieldOf(apiField: string): ServiceFormField | null {
  const path = apiField.replace(/^input\./, '').replace(/\[\d+\]/g, '');
  const exact: Record<string, ServiceFormField> = {
    name: 'name',
    image: 'image',
    replicas: 'replicas',
    mode: 'mode',
    'job.maxConcurrent': 'maxConcurrent',
    'job.totalCompletions': 'totalCompletions',
    command: 'command',
    args: 'args',
    env: 'env',
    'placement.constraints': 'constraints',
    'placement.maxReplicasPerNode': 'maxReplicasPerNode',
    'placement.strategy': 'strategy',
    'resources.reservations.nanoCpus': 'reserveCpus',
    'resources.reservations.memoryBytes': 'reserveMemoryMiB',
    'resources.limits.nanoCpus': 'limitCpus',
    'resources.limits.memoryBytes': 'limitMemoryMiB',
  };
  if (exact[path]) return exact[path];
  if (path.startsWith('ports')) return 'ports';
  if (path.startsWith('labels')) return 'labels';
  if (path.startsWith('placement')) return 'constraints';
  return null;
}
