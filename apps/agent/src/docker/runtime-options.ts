import type { ContainerSpec, HealthCheck, Mount } from '@shoal/protocol';

/** Nanoseconds, the engine's unit for health check durations. */
const NS_PER_MS = 1_000_000;

/** The part of the engine's create options that comes from a task's container options and health check. */
export interface RuntimeOptions {
  config: {
    WorkingDir?: string;
    User?: string;
    Hostname?: string;
    StopSignal?: string;
    StopTimeout?: number;
    Healthcheck?: EngineHealthcheck;
  };
  /** Container labels: merged under Shoal's own labels, which win. */
  labels: Record<string, string>;
  hostConfig: {
    Mounts?: EngineMount[];
    Init?: boolean;
    ReadonlyRootfs?: boolean;
    CapAdd?: string[];
    CapDrop?: string[];
    Ulimits?: { Name: string; Soft: number; Hard: number }[];
  };
}

interface EngineHealthcheck {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  Retries?: number;
  StartPeriod?: number;
}

interface EngineMount {
  Type: Mount['type'];
  /** Empty for tmpfs and anonymous volumes. */
  Source: string;
  Target: string;
  ReadOnly?: boolean;
  /** 0 keeps the engine's default (no size limit, mode 1777). */
  TmpfsOptions?: { SizeBytes: number; Mode: number };
}

/** Maps the spec's container options (everything but image, command, env and ports) to the engine's create options. */
export function runtimeOptions(spec: ContainerSpec): RuntimeOptions {
  const config: RuntimeOptions['config'] = {};
  if (spec.workdir) config.WorkingDir = spec.workdir;
  if (spec.user) config.User = spec.user;
  if (spec.hostname) config.Hostname = spec.hostname;
  if (spec.stopSignal) config.StopSignal = spec.stopSignal;
  if (spec.stopGracePeriodMs !== undefined) config.StopTimeout = Math.ceil(spec.stopGracePeriodMs / 1000); // the engine counts whole seconds
  if (spec.healthCheck) config.Healthcheck = healthcheck(spec.healthCheck);
  const hostConfig: RuntimeOptions['hostConfig'] = {};
  if (spec.mounts?.length) hostConfig.Mounts = spec.mounts.map(mount);
  if (spec.init) hostConfig.Init = true;
  if (spec.readOnly) hostConfig.ReadonlyRootfs = true;
  if (spec.capAdd?.length) hostConfig.CapAdd = spec.capAdd;
  if (spec.capDrop?.length) hostConfig.CapDrop = spec.capDrop;
  if (spec.ulimits?.length) hostConfig.Ulimits = spec.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard }));
  return { config, labels: { ...spec.labels }, hostConfig };
}

function healthcheck(h: HealthCheck): EngineHealthcheck {
  if (h.disable) return { Test: ['NONE'] };
  const out: EngineHealthcheck = {};
  if (h.command?.length) out.Test = ['CMD', ...h.command];
  else if (h.shell) out.Test = ['CMD-SHELL', h.shell];
  if (h.intervalMs !== undefined) out.Interval = h.intervalMs * NS_PER_MS;
  if (h.timeoutMs !== undefined) out.Timeout = h.timeoutMs * NS_PER_MS;
  if (h.startPeriodMs !== undefined) out.StartPeriod = h.startPeriodMs * NS_PER_MS;
  if (h.retries !== undefined) out.Retries = h.retries;
  return out;
}

function mount(m: Mount): EngineMount {
  const out: EngineMount = { Type: m.type, Source: m.source ?? '', Target: m.target };
  if (m.readOnly) out.ReadOnly = true;
  if (m.type === 'tmpfs' && (m.tmpfsSizeBytes !== undefined || m.tmpfsMode !== undefined)) {
    out.TmpfsOptions = { SizeBytes: m.tmpfsSizeBytes ?? 0, Mode: m.tmpfsMode ?? 0 };
  }
  return out;
}
