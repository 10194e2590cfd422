import Docker from 'dockerode';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { GraphQLClient } from './graphql-client';
import { freePort } from './ports';
import { ManagedProcess } from './process';
import { StopWaiting, waitFor } from './wait-for';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const MANAGER_MAIN = join(REPO_ROOT, 'apps/manager/dist/main.js');
export const AGENT_MAIN = join(REPO_ROOT, 'apps/agent/dist/main.js');
/** Built by infra/test-image.sh from Debian's busybox-static. */
export const TEST_IMAGE = process.env.SHOAL_TEST_IMAGE ?? 'shoal-test/busybox:1';
/** A container that runs until stopped and stops within a second of SIGTERM. */
export const SLEEPER_ARGS = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];

export interface ManagerHandle {
  process: ManagedProcess;
  api: GraphQLClient;
  apiUrl: string;
  clusterAddr: string;
  dataDir: string;
  token: string;
  start(): Promise<void>;
}

/** Starts a real manager process on free loopback ports with its own data folder. */
export async function startManager(env: NodeJS.ProcessEnv = {}): Promise<ManagerHandle> {
  const handle = prepareManager(await freePort(), await freePort(), env);
  await handle.start();
  return handle;
}

/** A manager process ready to start on the given loopback ports (not started). */
export function prepareManager(apiPort: number, clusterPort: number, env: NodeJS.ProcessEnv = {}): ManagerHandle {
  const dataDir = mkdtempSync(join(tmpdir(), 'shoal-manager-'));
  const token = env.SHOAL_ADMIN_TOKEN ?? `test-${randomBytes(16).toString('hex')}`;
  const proc = new ManagedProcess('manager', [MANAGER_MAIN], {
    SHOAL_DATA_DIR: dataDir,
    SHOAL_API_ADDR: `127.0.0.1:${apiPort}`,
    SHOAL_CLUSTER_ADDR: `127.0.0.1:${clusterPort}`,
    SHOAL_ADMIN_TOKEN: token,
    ...env,
  });
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  const api = new GraphQLClient(apiUrl, token);
  return {
    process: proc,
    api,
    apiUrl,
    clusterAddr: `127.0.0.1:${clusterPort}`,
    dataDir,
    token,
    start: async () => {
      proc.start();
      await waitFor(
        'the manager to answer /healthz',
        async () => {
          if (!proc.running) throw new StopWaiting(`manager exited (${proc.exitCode}):\n${proc.output.slice(-4000)}`);
          const r = await fetch(`http://127.0.0.1:${apiPort}/healthz`).catch(() => undefined);
          return r?.ok;
        },
        30_000,
        100,
      ).catch((err: Error) => {
        // What the manager printed is what tells why it did not come up.
        if (!(err instanceof StopWaiting)) err.message += `\nmanager output (last 4 kB):\n${proc.output.slice(-4000)}`;
        throw err;
      });
      // The admin token exists once a leader has bootstrapped the cluster.
      if (token)
        await waitFor(
          'the admin token to be accepted',
          async () => !(await api.request('{ nodes { items { id } } }').catch(() => undefined))?.errors && true,
          30_000,
          100,
        );
    },
  };
}

export interface AgentHandle {
  process: ManagedProcess;
  stateDir: string;
  start(): void;
}

export function agentProcess(manager: Pick<ManagerHandle, 'clusterAddr'>, joinToken: string, env: NodeJS.ProcessEnv = {}): AgentHandle {
  const stateDir = mkdtempSync(join(tmpdir(), 'shoal-agent-'));
  const proc = new ManagedProcess('agent', [AGENT_MAIN], {
    SHOAL_MANAGERS: manager.clusterAddr,
    SHOAL_JOIN_TOKEN: joinToken,
    SHOAL_STATE_DIR: stateDir,
    ...env,
  });
  return { process: proc, stateDir, start: () => proc.start() };
}

export interface TestCluster {
  manager: ManagerHandle;
  agent: AgentHandle;
  api: GraphQLClient;
  nodeId: string;
  /** Containers on the real engine that belong to this cluster's node. */
  containers(opts?: { all?: boolean }): Promise<Docker.ContainerInfo[]>;
  stop(): Promise<void>;
}

const docker = new Docker();

/** A single-node cluster of real processes: one manager, one agent on the local engine. */
export async function startCluster(env: { manager?: NodeJS.ProcessEnv; agent?: NodeJS.ProcessEnv } = {}): Promise<TestCluster> {
  const manager = await startManager(env.manager);
  const { cluster } = await manager.api.must<{ cluster: { joinTokens: { worker: string } } }>('{ cluster { joinTokens { worker } } }');
  // The agent runs on the manager's host, as with `npm start`: its node is the manager's.
  const agent = agentProcess(manager, cluster.joinTokens.worker, {
    SHOAL_HOSTNAME: `test-${randomBytes(3).toString('hex')}`,
    SHOAL_AGENT_MANAGER_DATA: manager.dataDir,
    ...env.agent,
  });
  agent.start();
  const linked = env.agent?.SHOAL_AGENT_MANAGER_DATA === undefined;
  const nodeId = await waitFor('the agent to register a ready node (a MANAGER, on the manager host)', async () => {
    const {
      nodes: { items: nodes },
    } = await manager.api.must<{ nodes: { items: { id: string; role: string; status: { state: string } }[] } }>(
      '{ nodes { items { id role status { state } } } }',
    );
    return nodes.find((n) => n.status.state === 'READY' && (!linked || n.role === 'MANAGER'))?.id;
  });
  const containers = (opts: { all?: boolean } = {}) => docker.listContainers({ all: opts.all ?? false, filters: { label: [`shoal.node.id=${nodeId}`] } });
  return {
    manager,
    agent,
    api: manager.api,
    nodeId,
    containers,
    stop: async () => {
      await agent.process.kill('SIGTERM');
      await manager.process.kill('SIGTERM');
      for (const c of await containers({ all: true }))
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined);
      rmSync(manager.dataDir, { recursive: true, force: true });
      rmSync(agent.stateDir, { recursive: true, force: true });
    },
  };
}
