import type { ContainerSpec } from '@shoal/protocol';
import type { ServiceSpec } from '../store/objects';
import type { ServicePlacement } from '../store/placement';

/** The part of a service spec a task runs; a change to it replaces the service's tasks. */
export function containerSpecOf(spec: ServiceSpec): ContainerSpec {
  const c: ContainerSpec = { image: spec.image };
  if (spec.command?.length) c.command = spec.command;
  if (spec.args?.length) c.args = spec.args;
  if (spec.env?.length) c.env = spec.env;
  if (spec.ports?.length)
    c.ports = spec.ports.map((p) =>
      p.published === undefined ? { target: p.target, protocol: p.protocol } : { target: p.target, published: p.published, protocol: p.protocol },
    );
  if (spec.container) Object.assign(c, withoutEmpty(spec.container));
  if (spec.healthCheck && Object.keys(spec.healthCheck).length > 0) c.healthCheck = spec.healthCheck;
  if (spec.resources) c.resources = spec.resources;
  if (spec.forceUpdate) c.forceUpdate = spec.forceUpdate;
  return c;
}

/** Container options without empty lists, empty maps and false flags: they mean the same as absent. */
function withoutEmpty<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(
      ([, v]) =>
        v !== undefined &&
        v !== null &&
        v !== false &&
        !(Array.isArray(v) && v.length === 0) &&
        !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0),
    ),
  ) as Partial<T>;
}

/**
 * What a task runs and where it may run, as one comparable string: a task whose key
 * differs from its service's is outdated. An empty placement is the same as none.
 */
export function taskKey(spec: ContainerSpec, placement: ServicePlacement | undefined): string {
  return canonicalJson({ spec, placement: placement ?? {} });
}

/** JSON with sorted keys: equal specs give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
