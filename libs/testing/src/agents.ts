import Docker from 'dockerode';
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { AgentHandle, TestCluster, agentProcess } from './cluster';
import { waitFor } from './wait-for';

export interface ExtraAgent {
  agent: AgentHandle;
  nodeId: string;
  hostname: string;
  /** Containers on the real engine that belong to this agent's node. */
  containers(opts?: { all?: boolean }): Promise<Docker.ContainerInfo[]>;
  /** Stops the agent and removes its containers and state. */
  stop(): Promise<void>;
}

const docker = new Docker();

/**
 * One more agent for a cluster from startCluster, on the same local engine: a second
 * node as the manager sees it (its own node id, hostname and labels, e.g.
 * `{ SHOAL_NODE_LABELS: 'zone=b' }`). Host ports are shared with the first node, since the engine is.
 */
export async function addAgent(c: TestCluster, env: NodeJS.ProcessEnv = {}): Promise<ExtraAgent> {
  const { cluster } = await c.api.must<{ cluster: { joinTokens: { worker: string } } }>('{ cluster { joinTokens { worker } } }');
  const hostname = `test-${randomBytes(3).toString('hex')}`;
  const agent = agentProcess(c.manager, cluster.joinTokens.worker, { SHOAL_HOSTNAME: hostname, ...env });
  agent.start();
  const nodeId = await waitFor(`agent ${hostname} to register a ready node`, async () => {
    const {
      nodes: { items: nodes },
    } = await c.api.must<{ nodes: { items: { id: string; hostname: string; status: { state: string } }[] } }>(
      '{ nodes { items { id hostname status { state } } } }',
    );
    return nodes.find((n) => n.hostname === hostname && n.status.state === 'READY')?.id;
  });
  const containers = (opts: { all?: boolean } = {}) => docker.listContainers({ all: opts.all ?? false, filters: { label: [`shoal.node.id=${nodeId}`] } });
  return {
    agent,
    nodeId,
    hostname,
    containers,
    stop: async () => {
      await agent.process.kill('SIGTERM');
      for (const x of await containers({ all: true }))
        await docker
          .getContainer(x.Id)
          .remove({ force: true })
          .catch(() => undefined);
      rmSync(agent.stateDir, { recursive: true, force: true });
    },
  };
}
