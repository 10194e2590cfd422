import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { Assignment, LABELS } from '@shoal/protocol';
import type { ContainerInfo, EngineEventHandler, Executor, LogOptions } from '../executor/executor';
import { LogDemuxer } from './log-demux';
import { resourceHostConfig } from './resources';
import { runtimeOptions } from './runtime-options';

interface EngineInfo {
  NCPU?: number;
  MemTotal?: number;
  OSType?: string;
  Architecture?: string;
  ServerVersion?: string;
  Labels?: string[] | null;
}

interface DockerError {
  statusCode?: number;
  json?: { message?: string };
  message: string;
}

/** The Executor on a real Docker Engine, through its API (dockerode). */
export class DockerExecutor implements Executor {
  constructor(private readonly docker: Docker = new Docker()) {}

  async describe() {
    const [info, version] = await Promise.all([this.docker.info() as Promise<EngineInfo>, this.docker.version()]);
    const labels: Record<string, string> = {};
    for (const l of info.Labels ?? []) {
      const i = l.indexOf('=');
      if (i > 0) labels[l.slice(0, i)] = l.slice(i + 1);
    }
    return {
      cpus: Number(info.NCPU ?? 0),
      memoryBytes: Number(info.MemTotal ?? 0),
      os: info.OSType ?? version.Os ?? 'linux',
      arch: version.Arch ?? info.Architecture ?? '',
      engineVersion: version.Version ?? info.ServerVersion ?? '',
      engineLabels: labels,
    };
  }

  async list(nodeId: string): Promise<ContainerInfo[]> {
    const containers = await this.docker.listContainers({ all: true, filters: { label: [`${LABELS.nodeId}=${nodeId}`] } });
    return containers.map((c) => ({
      taskId: c.Labels[LABELS.taskId],
      containerId: c.Id,
      state: c.State as ContainerInfo['state'],
      exitCode: c.State === 'exited' ? exitCodeOf(c.Status) : undefined,
    }));
  }

  async inspect(nodeId: string, taskId: string): Promise<ContainerInfo | null> {
    const found = await this.docker.listContainers({ all: true, filters: { label: [`${LABELS.nodeId}=${nodeId}`, `${LABELS.taskId}=${taskId}`] } });
    if (found.length === 0) return null;
    try {
      const c = await this.docker.getContainer(found[0].Id).inspect();
      return {
        taskId,
        containerId: c.Id,
        state: c.State.Status as ContainerInfo['state'],
        exitCode: c.State.ExitCode,
        error: c.State.Error || undefined,
        ...healthOf(c.State),
      };
    } catch (err) {
      if ((err as DockerError).statusCode === 404) return null;
      throw err;
    }
  }

  async prepare(a: Assignment): Promise<void> {
    try {
      await this.docker.getImage(a.spec.image).inspect();
      return;
    } catch (err) {
      if ((err as DockerError).statusCode !== 404) throw err;
    }
    const stream = await this.docker.pull(a.spec.image);
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(stream, (err: Error | null, output: { error?: string }[]) => {
        const failed = err?.message ?? output?.find((o) => o.error)?.error;
        if (failed) reject(new Error(failed));
        else resolve();
      });
    });
  }

  async create(nodeId: string, a: Assignment): Promise<string> {
    const exposed: Record<string, object> = {};
    const bindings: Record<string, { HostPort: string }[]> = {};
    for (const p of a.spec.ports ?? []) {
      const key = `${p.target}/${p.protocol}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostPort: p.published ? String(p.published) : '' });
    }
    const runtime = runtimeOptions(a.spec);
    const container = await this.docker.createContainer({
      ...runtime.config,
      name: `${a.serviceName}.${a.slot}.${a.taskId}`,
      Image: a.spec.image,
      Entrypoint: a.spec.command,
      Cmd: a.spec.args,
      Env: a.spec.env,
      Labels: {
        ...runtime.labels,
        [LABELS.nodeId]: nodeId,
        [LABELS.serviceId]: a.serviceId,
        [LABELS.serviceName]: a.serviceName,
        [LABELS.taskId]: a.taskId,
        [LABELS.slot]: String(a.slot),
      },
      ExposedPorts: exposed,
      HostConfig: { ...runtime.hostConfig, PortBindings: bindings, RestartPolicy: { Name: 'no' }, ...resourceHostConfig(a.spec.resources) },
    });
    return container.id;
  }

  async start(containerId: string): Promise<void> {
    await ignore(this.docker.getContainer(containerId).start(), 304);
  }

  async stop(containerId: string, timeoutSeconds: number): Promise<void> {
    await ignore(this.docker.getContainer(containerId).stop({ t: timeoutSeconds }), 304, 404);
  }

  async remove(containerId: string): Promise<void> {
    await ignore(this.docker.getContainer(containerId).remove({ force: true, v: true }), 404, 409);
  }

  async logs(nodeId: string, taskId: string, o: LogOptions): Promise<Readable | null> {
    const found = await this.docker.listContainers({ all: true, filters: { label: [`${LABELS.nodeId}=${nodeId}`, `${LABELS.taskId}=${taskId}`] } });
    if (found.length === 0) return null;
    const options = {
      stdout: true,
      stderr: true,
      timestamps: true,
      ...(o.tail !== undefined ? { tail: o.tail } : {}),
      ...(o.since !== undefined ? { since: o.since } : {}),
    };
    const container = this.docker.getContainer(found[0].Id);
    try {
      // Without follow the engine's answer arrives whole (a Buffer); with it, a stream.
      const raw: Readable = o.follow
        ? ((await container.logs({ ...options, follow: true })) as unknown as Readable)
        : Readable.from([await container.logs({ ...options, follow: false })]);
      const lines = new LogDemuxer();
      raw.on('error', (err) => lines.destroy(err));
      lines.on('close', () => raw.destroy());
      return raw.pipe(lines);
    } catch (err) {
      if ((err as DockerError).statusCode === 404) return null;
      throw err;
    }
  }

  watch(nodeId: string, onEvent: EngineEventHandler, onError: (err: Error) => void): () => void {
    let stream: NodeJS.ReadableStream | undefined;
    let closed = false;
    this.docker.getEvents(
      { filters: { type: ['container'], label: [`${LABELS.nodeId}=${nodeId}`], event: ['create', 'start', 'die', 'destroy', 'oom', 'health_status'] } },
      (err, s) => {
        if (err || !s) return onError((err as Error | undefined) ?? new Error('no event stream'));
        if (closed) return (s as unknown as { destroy(): void }).destroy();
        stream = s;
        let buffer = '';
        s.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl).trim();
            buffer = buffer.slice(nl + 1);
            if (!line) continue;
            try {
              const e = JSON.parse(line) as { Action?: string; Actor?: { Attributes?: Record<string, string> } };
              const taskId = e.Actor?.Attributes?.[LABELS.taskId];
              if (taskId && e.Action) onEvent(taskId, e.Action);
            } catch {
              /* a malformed line is skipped; the periodic resync covers it */
            }
          }
        });
        s.on('error', (e: Error) => onError(e));
        s.on('end', () => {
          if (!closed) onError(new Error('engine event stream ended'));
        });
      },
    );
    return () => {
      closed = true;
      (stream as unknown as { destroy?(): void } | undefined)?.destroy?.();
    };
  }
}

interface EngineState {
  Health?: { Status?: string; Log?: { ExitCode?: number; Output?: string }[] };
}

/** The engine's health verdict and, when unhealthy, what the last probe said. */
function healthOf(state: EngineState): Pick<ContainerInfo, 'health' | 'healthOutput'> {
  const status = state.Health?.Status;
  if (status !== 'starting' && status !== 'healthy' && status !== 'unhealthy') return {};
  const last = state.Health?.Log?.at(-1);
  return { health: status, healthOutput: last?.Output?.trim() || (last ? `exit code ${last.ExitCode}` : undefined) };
}

async function ignore(p: Promise<unknown>, ...codes: number[]): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!codes.includes((err as DockerError).statusCode ?? 0)) throw err;
  }
}

/** "Exited (137) 3 seconds ago" → 137 */
function exitCodeOf(status: string): number | undefined {
  const m = /Exited \((-?\d+)\)/.exec(status);
  return m ? Number(m[1]) : undefined;
}

export function engineMessage(err: unknown): string {
  const e = err as DockerError;
  return (e?.json?.message ?? e?.message ?? String(err)).trim();
}
