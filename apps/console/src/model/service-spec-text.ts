import { isMap, isScalar, isSeq, parseDocument, stringify, type Document } from 'yaml';
import { formatKeyValueLines } from './key-values';
import { parseServiceForm, type CreateServiceInput, type ResolveImageValue, type ServiceFormValues, type ServiceModeValue } from './service-form';

const MODES: readonly ServiceModeValue[] = ['REPLICATED', 'GLOBAL', 'REPLICATED_JOB', 'GLOBAL_JOB'];

/**
 * The create-service form as editable YAML or JSON text, both ways: the form's input as
 * text, and text back to form values. One parser (the `yaml` package) reads both, since
 * JSON is YAML 1.2 flow syntax, so every problem has a place in the text. Imported only by
 * the lazily loaded editor chunk.
 */
export type SpecFormat = 'yaml' | 'json';

export interface TextProblem {
  from: number;
  to: number;
  message: string;
}

export type TextResult = { values: ServiceFormValues; problems: [] } | { values?: undefined; problems: TextProblem[] };

/** The form's input as text; null while the form has errors (its own fields say which). */
export function formatSpec(values: ServiceFormValues, format: SpecFormat): string | null {
  const { input } = parseServiceForm(values);
  if (!input) return null;
  return format === 'json' ? `${JSON.stringify(input, null, 2)}\n` : stringify(input);
}

const RESOLVE: readonly ResolveImageValue[] = ['CHANGED', 'NEVER', 'ALWAYS'];
const KNOWN = new Set(['name', 'image', 'resolveImage', 'mode', 'job', 'replicas', 'command', 'args', 'env', 'labels', 'ports', 'placement', 'resources']);
const MIB = 1024 * 1024;

/** Text back to form values, or where it is wrong and why; `lockedName`: the name the text must keep (an existing service's). */
export function parseSpecText(text: string, lockedName?: string): TextResult {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return { problems: doc.errors.map((e) => ({ from: e.pos[0], to: Math.max(e.pos[1], e.pos[0] + 1), message: e.message })) };
  const problems: TextProblem[] = [];
  const at = (path: (string | number)[], message: string): void => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const [from, to] = node?.range ?? [0, Math.max(1, text.length)];
    problems.push({ from, to: Math.max(to, from + 1), message });
  };
  if (!isMap(doc.contents)) {
    at([], 'Write a mapping of fields, like "name: web" on its own line.');
    return { problems };
  }
  for (const pair of doc.contents.items) {
    const node = isScalar(pair.key) ? pair.key : undefined;
    const raw = node?.value;
    const key = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '(a complex key)';
    const [from, to] = node?.range ?? [0, 1];
    if (!KNOWN.has(key)) problems.push({ from, to, message: `"${key}" is not a field this form carries: ${[...KNOWN].join(', ')}.` });
  }
  const input = doc.toJS() as Record<string, unknown>;
  const values = toValues(input, doc, at);
  if (lockedName !== undefined && values.name !== lockedName) at(['name'], `A service's name cannot change: keep "${lockedName}".`);
  return problems.length ? { problems } : { values, problems: [] };
}

type At = (path: (string | number)[], message: string) => void;

function toValues(input: Record<string, unknown>, doc: Document, at: At): ServiceFormValues {
  const text = (key: string): string => {
    const v = input[key];
    if (v === undefined || v === null) return '';
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    at([key], `"${key}" should be a single value.`);
    return '';
  };
  const list = (key: string): string => {
    const v = input[key];
    if (v === undefined || v === null) return '';
    if (!isSeq(doc.getIn([key], true)) || !(v as unknown[]).every((x) => typeof x === 'string' || typeof x === 'number')) {
      at([key], `"${key}" should be a list of strings.`);
      return '';
    }
    return (v as unknown[]).join('\n');
  };
  const labels = Array.isArray(input.labels) ? (input.labels as { key?: unknown; value?: unknown }[]) : [];
  if (input.labels !== undefined && !labels.every((l) => typeof l?.key === 'string' && typeof l.value === 'string'))
    at(['labels'], '"labels" should be a list of { key, value }.');
  const ports = Array.isArray(input.ports) ? (input.ports as { target?: unknown; published?: unknown; protocol?: unknown }[]) : [];
  if (input.ports !== undefined && !ports.every((p) => typeof p?.target === 'number'))
    at(['ports'], '"ports" should be a list of { target, published, protocol }.');
  const placement = (input.placement ?? {}) as CreateServiceInput['placement'] & object;
  const r = (input.resources ?? {}) as { reservations?: { nanoCpus?: number; memoryBytes?: number }; limits?: { nanoCpus?: number; memoryBytes?: number } };
  const amount = (n: number | undefined, scale: number): string => (n ? String(+(n / scale).toFixed(6)) : '');
  const mode = input.mode === undefined ? 'REPLICATED' : MODES.find((m) => m === input.mode);
  if (!mode) at(['mode'], `"mode" should be one of ${MODES.join(', ')}.`);
  const resolveImage = input.resolveImage === undefined ? 'CHANGED' : RESOLVE.find((m) => m === input.resolveImage);
  if (!resolveImage) at(['resolveImage'], `"resolveImage" should be one of ${RESOLVE.join(', ')}.`);
  const job = (input.job ?? {}) as { maxConcurrent?: unknown; totalCompletions?: unknown };
  const jobNumber = (key: 'maxConcurrent' | 'totalCompletions'): string => {
    const v = job[key];
    if (v === undefined) return '1';
    if (typeof v === 'number') return String(v);
    at(['job', key], `"job.${key}" should be a number.`);
    return '';
  };
  return {
    name: text('name'),
    image: text('image'),
    resolveImage: resolveImage ?? 'CHANGED',
    mode: mode ?? 'REPLICATED',
    maxConcurrent: jobNumber('maxConcurrent'),
    totalCompletions: jobNumber('totalCompletions'),
    replicas: input.replicas === undefined ? '1' : text('replicas'),
    command: list('command'),
    args: list('args'),
    env: list('env'),
    labels: formatKeyValueLines(labels.filter((l) => typeof l?.key === 'string') as { key: string; value: string }[]),
    ports: ports
      .filter((p) => typeof p?.target === 'number')
      .map((p) => `${typeof p.published === 'number' ? `${p.published}:` : ''}${String(p.target)}/${typeof p.protocol === 'string' ? p.protocol : 'tcp'}`)
      .join('\n'),
    constraints: (placement.constraints ?? []).join('\n'),
    maxReplicasPerNode: placement.maxReplicasPerNode ? String(placement.maxReplicasPerNode) : '',
    strategy: placement.strategy === 'BINPACK' ? 'BINPACK' : 'SPREAD',
    reserveCpus: amount(r.reservations?.nanoCpus, 1e9),
    reserveMemoryMiB: amount(r.reservations?.memoryBytes, MIB),
    limitCpus: amount(r.limits?.nanoCpus, 1e9),
    limitMemoryMiB: amount(r.limits?.memoryBytes, MIB),
  };
}
