import { DesiredState, TaskState } from '@shoal/protocol';
import { ServicesService } from '../../services/services.service';
import type { ServiceSpec } from '../../store/objects';
import type { UpdateConfig } from '../../store/update';
import { StoreFixture } from '../../testing/store.fixture';
import { ReplicatedOrchestrator } from '../replicated/replicated.orchestrator';
import { rolloutOf } from './rollout';

/** The rollout view of a service while the real orchestrator updates it on a real store, with a fake clock. */
describe('rolloutOf', () => {
  let f: StoreFixture;
  let orchestrator: ReplicatedOrchestrator;
  let services: ServicesService;
  let now: number;

  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    await f.node('n1');
    now = Date.parse('2026-06-01T00:00:00.000Z');
    const clock = () => new Date(now);
    orchestrator = new ReplicatedOrchestrator(f.store, f.proposer);
    services = new ServicesService(f.store, f.proposer);
    orchestrator.clock = f.proposer.clock = services.clock = clock;
  });
  afterEach(() => f.close());

  const service = () => f.store.service('web')!;
  const rollout = () => rolloutOf(service(), f.store.tasks({ serviceId: 'web' }));
  const states = () => rollout().slots.map((s) => `${s.slot}:${s.state}`);
  /** The agent's part: every pending task running, or failed for the args given. */
  const agent = async (fail: string[] = []) => {
    for (const t of f.store.tasks({ serviceId: 'web', desiredState: DesiredState.RUNNING })) {
      if (t.status.state !== TaskState.PENDING) continue;
      const at = new Date(now).toISOString();
      await f.patchTask(t.id, {
        nodeId: 'n1',
        status: fail.includes(t.spec.args?.[0] ?? '')
          ? { state: TaskState.FAILED, message: 'unhealthy', timestamp: at, startedAt: at }
          : { state: TaskState.RUNNING, message: 'started', timestamp: at, startedAt: at },
      });
    }
  };
  const running = async (replicas: number, updateConfig?: UpdateConfig) => {
    await f.service('web', { replicas, args: ['v1'], updateConfig });
    await orchestrator.run();
    await agent();
  };
  const update = (patch: Partial<ServiceSpec>) => services.update('web', service().version, patch);

  it('shows slots moving from the old spec to the new, then the monitor deadline once all run it', async () => {
    await running(3, { monitorMs: 5000 });
    await update({ args: ['v2'] });
    expect(states()).toEqual(['1:OUTDATED', '2:OUTDATED', '3:OUTDATED']);
    await orchestrator.run();
    expect(states()).toEqual(['1:STARTING', '2:OUTDATED', '3:OUTDATED']);
    expect(rollout().slots[0]).toMatchObject({ taskId: expect.any(String) });
    await agent();
    expect(states()).toEqual(['1:UPDATED', '2:OUTDATED', '3:OUTDATED']);
    expect(rollout().monitorUntil).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      await orchestrator.run();
      await agent();
    }
    expect(states()).toEqual(['1:UPDATED', '2:UPDATED', '3:UPDATED']);
    expect(rollout().monitorUntil).toBe(new Date(now + 5000).toISOString());
    now += 5000;
    await orchestrator.run();
    expect(service().updateStatus?.state).toBe('COMPLETED');
    expect(rollout().monitorUntil).toBeUndefined();
  });

  it('counts failed new tasks against the allowed ratio of the slots', async () => {
    await running(4, { maxFailureRatio: 0.5, failureAction: 'PAUSE' });
    expect(rollout().failuresAllowed).toBe(2);
    await update({ args: ['bad'] });
    await orchestrator.run();
    await agent(['bad']);
    expect(rollout()).toMatchObject({ failures: 1, failuresAllowed: 2 });
    expect(states()[0]).toBe('1:FAILED');
  });

  it('during a rollback, the spec rolled back to is the one slots move to', async () => {
    await running(2, { failureAction: 'ROLLBACK' });
    await update({ args: ['bad'] });
    await orchestrator.run();
    await agent(['bad']);
    await orchestrator.run(); // past the allowed failures: the rollback starts
    expect(service().updateStatus?.state).toBe('ROLLBACK_STARTED');
    expect(rollout().failures).toBe(0);
    await orchestrator.run();
    await agent();
    expect(states()).toEqual(['1:UPDATED', '2:UPDATED']);
  });
});
