import type { ServiceSpec } from '../../store/objects';
import type { UpdateConfig } from '../../store/update';
import { UpdateFixture } from '../../testing/update.fixture';
import { ReplicatedOrchestrator } from '../replicated/replicated.orchestrator';
import { rolloutOf } from './rollout';

/** The rollout view of a service while the real orchestrator updates it on a real store, with a fake clock. */
describe('rolloutOf', () => {
  let u: UpdateFixture;
  let orchestrator: ReplicatedOrchestrator;

  beforeEach(async () => {
    u = await UpdateFixture.open();
    ({ orchestrator } = u);
  });
  afterEach(() => u.close());

  const service = () => u.service();
  const rollout = () => rolloutOf(service(), u.f.store.tasks({ serviceId: 'web' }));
  const states = () => rollout().slots.map((s) => `${s.slot}:${s.state}`);
  /** The agent's part; a failing new task fails once started, as on a health check. */
  const agent = (fail: string[] = []) => u.agent(fail, true);
  const running = (replicas: number, updateConfig?: UpdateConfig) => u.running(replicas, updateConfig);
  const update = (patch: Partial<ServiceSpec>) => u.update(patch);

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
    expect(rollout().monitorUntil).toBe(new Date(u.now + 5000).toISOString());
    u.now += 5000;
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
