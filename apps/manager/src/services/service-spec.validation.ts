import { badInput } from '../common/errors';
import type { ServiceMode, ServiceSpec } from '../store/objects';

const MODES: readonly ServiceMode[] = ['REPLICATED', 'GLOBAL', 'REPLICATED_JOB', 'GLOBAL_JOB'];
import { validateContainerOptions, validateHealthCheck, validateRestartPolicy } from './container-options.validation';
import { validatePlacement, validateResources } from './placement.validation';
import { validateUpdateConfig } from './update-config.validation';

export const LIMITS = {
  maxReplicas: 10_000,
  nameLength: 63,
  imageLength: 255,
  argLength: 4096,
  listLength: 256,
  envLength: 32 * 1024,
  labelKeyLength: 255,
  labelValueLength: 4096,
  ports: 64,
} as const;

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
// Docker's reference grammar (distribution/reference): [domain[:port]/]path[:tag][@digest].
// The first part is a domain only when it has a '.' or ':' or is "localhost", as in Docker.
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
const PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

export function isImageReference(ref: string): boolean {
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    if (!DIGEST.test(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!DOMAIN.test(first)) return false;
    rest = rest.slice(slash + 1);
  }
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    if (!TAG.test(rest.slice(colon + 1))) return false;
    rest = rest.slice(0, colon);
  }
  return PATH.test(rest);
}

const ENV_KEY = /^[^=\s\0]+$/;
const PROTOCOLS = ['tcp', 'udp', 'sctp'];

/**
 * Checks a whole service spec; throws BAD_USER_INPUT naming the first field at fault.
 * Only what is wrong with the spec itself is refused here: a spec that cannot be placed
 * right now is accepted and its tasks wait with an explanation.
 */
export function validateServiceSpec(spec: ServiceSpec, prefix = 'input'): void {
  const f = (name: string) => `${prefix}.${name}`;
  if (!spec.name || spec.name.length > LIMITS.nameLength || !NAME.test(spec.name)) {
    throw badInput(f('name'), `must be 1-${LIMITS.nameLength} characters of letters, digits, '_', '.' or '-', starting with a letter or digit`);
  }
  if (!spec.image || spec.image.length > LIMITS.imageLength || !isImageReference(spec.image)) {
    throw badInput(f('image'), `${JSON.stringify(truncate(spec.image))} is not a valid image reference (like "nginx:1.27", "registry:5000/team/app@sha256:…")`);
  }
  if (!Number.isInteger(spec.replicas) || spec.replicas < 0 || spec.replicas > LIMITS.maxReplicas) {
    throw badInput(f('replicas'), `must be a whole number from 0 to ${LIMITS.maxReplicas}`);
  }
  const mode = spec.mode ?? 'REPLICATED';
  if (!MODES.includes(mode)) throw badInput(f('mode'), `must be one of ${MODES.join(', ')}`);
  if (mode !== 'REPLICATED' && spec.replicas !== 0) throw badInput(f('replicas'), `not allowed with mode ${mode}: leave replicas out`);
  if (mode !== 'REPLICATED_JOB' && spec.job !== undefined) throw badInput(f('job'), 'only for mode REPLICATED_JOB');
  if (mode === 'REPLICATED_JOB') {
    const job = spec.job;
    for (const k of ['maxConcurrent', 'totalCompletions'] as const) {
      const v = job?.[k];
      if (v === undefined || !Number.isInteger(v) || v < 1 || v > LIMITS.maxReplicas)
        throw badInput(f(`job.${k}`), `must be a whole number from 1 to ${LIMITS.maxReplicas}`);
    }
  }
  stringList(spec.command, f('command'), LIMITS.argLength);
  stringList(spec.args, f('args'), LIMITS.argLength);
  stringList(spec.env, f('env'), LIMITS.envLength);
  spec.env?.forEach((e, i) => {
    const key = e.split('=', 1)[0];
    if (!ENV_KEY.test(key)) throw badInput(f(`env[${i}]`), 'must be KEY=VALUE (or KEY) with a non-empty KEY without spaces');
  });
  validateLabels(spec.labels, f('labels'));
  const ports = spec.ports ?? [];
  if (ports.length > LIMITS.ports) throw badInput(f('ports'), `at most ${LIMITS.ports} published ports`);
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const at = f(`ports[${i}]`);
    if (!Number.isInteger(p.target) || p.target < 1 || p.target > 65535) throw badInput(`${at}.target`, 'must be a port from 1 to 65535');
    if (p.published !== undefined && (!Number.isInteger(p.published) || p.published < 1 || p.published > 65535)) {
      throw badInput(`${at}.published`, 'must be a port from 1 to 65535 (leave it out to let the engine choose)');
    }
    if (!PROTOCOLS.includes(p.protocol)) throw badInput(`${at}.protocol`, `must be one of ${PROTOCOLS.join(', ')}`);
    if (p.published !== undefined) {
      const key = `${p.published}/${p.protocol}`;
      if (seen.has(key)) throw badInput(`${at}.published`, `port ${key} is published twice`);
      seen.add(key);
    }
  });
  validateContainerOptions(spec.container, f('container'));
  if (spec.container?.labels) validateLabels(spec.container.labels, f('container.labels'));
  validateHealthCheck(spec.healthCheck, f('healthCheck'));
  validateRestartPolicy(spec.restartPolicy, f('restartPolicy'));
  validatePlacement(spec.placement, f('placement'));
  validateResources(spec.resources, f('resources'));
  validateUpdateConfig(spec.updateConfig, f('updateConfig'), false);
  validateUpdateConfig(spec.rollbackConfig, f('rollbackConfig'), true);
}

/** Labels of services and nodes alike. */
export function validateLabels(labels: Record<string, string> | undefined, field: string): void {
  const entries = Object.entries(labels ?? {});
  if (entries.length > LIMITS.listLength) throw badInput(field, `at most ${LIMITS.listLength} labels`);
  for (const [k, v] of entries) {
    if (!k || k.length > LIMITS.labelKeyLength) throw badInput(field, `label keys must be 1-${LIMITS.labelKeyLength} characters`);
    if (v.length > LIMITS.labelValueLength) throw badInput(`${field}.${k}`, `label values must be at most ${LIMITS.labelValueLength} characters`);
  }
}

function stringList(list: string[] | undefined, field: string, maxLength: number): void {
  if (list === undefined) return;
  if (list.length > LIMITS.listLength) throw badInput(field, `at most ${LIMITS.listLength} items`);
  list.forEach((s, i) => {
    if (s.length > maxLength) throw badInput(`${field}[${i}]`, `must be at most ${maxLength} characters`);
    if (s.includes('\0')) throw badInput(`${field}[${i}]`, 'must not contain NUL characters');
  });
}

function truncate(s: string): string {
  return s && s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
