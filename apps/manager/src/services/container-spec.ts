import type { ContainerSpec } from '@shoal/protocol';
import type { ServiceSpec } from '../store/objects';

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
  if (spec.resources) c.resources = spec.resources;
  return c;
}

/** JSON with sorted keys: equal specs give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
