import { rmSync } from 'node:fs';
import { ManagerHandle, agentProcess, freePort, prepareManager, waitFor } from '@shoal/testing';

/**
 * A manager listening on every interface tells peers and agents the address it
 * advertises, and one that could tell them nothing dialable refuses to start.
 */
describe('the cluster address a manager advertises', () => {
  let m: ManagerHandle | undefined;
  afterEach(async () => {
    await m?.process.kill('SIGTERM');
    if (m) rmSync(m.dataDir, { recursive: true, force: true });
    m = undefined;
  });

  it('listens on every interface and names the advertised address as its member address and to agents', async () => {
    const port = await freePort();
    m = prepareManager(await freePort(), port, { SHOAL_CLUSTER_ADDR: `0.0.0.0:${port}`, SHOAL_CLUSTER_ADVERTISE_ADDR: `127.0.0.1:${port}` });
    await m.start();
    const { cluster } = await m.api.must<{ cluster: { clusterAddr: string; joinTokens: { worker: string }; raft: { members: { address: string }[] } } }>(
      '{ cluster { clusterAddr joinTokens { worker } raft { members { address } } } }',
    );
    expect(cluster.clusterAddr).toBe(`127.0.0.1:${port}`);
    expect(cluster.raft.members.map((x) => x.address)).toEqual([`127.0.0.1:${port}`]);
    const agent = agentProcess(m, cluster.joinTokens.worker, { SHOAL_HOSTNAME: 'advertised' });
    agent.start();
    try {
      await waitFor('the agent to be told the advertised address', () => agent.process.output.includes(`managers: 127.0.0.1:${port}`));
    } finally {
      await agent.process.kill('SIGTERM');
      rmSync(agent.stateDir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a wildcard address with nothing to advertise, saying what to set', async () => {
    const port = await freePort();
    m = prepareManager(await freePort(), port, { SHOAL_CLUSTER_ADDR: `0.0.0.0:${port}` });
    await expect(m.start()).rejects.toThrow(`SHOAL_CLUSTER_ADDR 0.0.0.0:${port} listens on every interface: set SHOAL_CLUSTER_ADVERTISE_ADDR`);
    expect(m.process.exitCode).toBe(1);
  });
});
