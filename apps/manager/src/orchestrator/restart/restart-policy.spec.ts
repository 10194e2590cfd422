import { DesiredState, TaskState } from '@shoal/protocol';
import type { RestartPolicy } from '../../store/objects';
import { StoreFixture } from '../../testing/store.fixture';
import { ReplicatedOrchestrator } from '../replicated/replicated.orchestrator';
import { restartDecision } from './restart-policy';
import { canonicalJson } from '../../services/container-spec';

describe('restart policy in the replicated orchestrator', () => {
  let f: StoreFixture;
  let orchestrator: ReplicatedOrchestrator;
  let now: number;
  const running = () => f.store.tasks({ desiredState: DesiredState.RUNNING });
  const all = () => f.store.tasks({ serviceId: 'web' });

  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    await f.node('n1');
    orchestrator = new ReplicatedOrchestrator(f.store, f.proposer);
    now = Date.now();
    orchestrator.clock = () => new Date(now);
  });
  afterEach(() => f.close());

  const service = async (restartPolicy?: RestartPolicy) => {
    await f.service('web', { replicas: 1, restartPolicy });
    await orchestrator.run();
  };
  /** The slot's running task ends with this state; returns when it ended (its last update). */
  const end = async (state: TaskState, exitCode: number) => {
    const [t] = running();
    await f.patchTask(t.id, { nodeId: 'n1', status: { state, message: `exit ${exitCode}`, exitCode, timestamp: 'x' } });
    return Date.parse(f.store.task(t.id)!.updatedAt);
  };
  /** Runs the orchestrator `ms` after now (tasks' update times come from the real clock). */
  const runLater = async (ms: number) => {
    now = Date.now() + ms;
    await orchestrator.run();
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('replaces ended tasks by default (condition any), clean exits included', async () => {
    await service();
    await end(TaskState.COMPLETE, 0);
    await runLater(1);
    expect(running()).toHaveLength(1);
    await end(TaskState.FAILED, 1);
    await runLater(1);
    expect(running()).toHaveLength(1);
    expect(all()).toHaveLength(3);
  });

  it('on-failure: replaces a failed task but not one that exited 0', async () => {
    await service({ condition: 'on-failure' });
    await end(TaskState.FAILED, 1);
    await runLater(1);
    expect(running()).toHaveLength(1);
    await end(TaskState.COMPLETE, 0);
    await runLater(60_000);
    expect(running()).toHaveLength(0);
    expect(all()).toHaveLength(2);
  });

  it('none: never replaces, whatever the exit', async () => {
    await service({ condition: 'none' });
    await end(TaskState.FAILED, 1);
    await runLater(60_000);
    expect(running()).toHaveLength(0);
    expect(all()).toHaveLength(1);
  });

  it('max attempts: N replacements, then the slot stays empty', async () => {
    await service({ condition: 'on-failure', maxAttempts: 2 });
    for (let i = 0; i < 3; i++) {
      await end(TaskState.FAILED, 1);
      await runLater(1);
    }
    expect(running()).toHaveLength(0);
    expect(all()).toHaveLength(3);
    await runLater(3_600_000);
    expect(all()).toHaveLength(3);
  });

  it('max attempts still counts failures whose tasks were reaped', async () => {
    await service({ condition: 'any', maxAttempts: 2 });
    for (let i = 0; i < 3; i++) {
      await end(TaskState.FAILED, 1);
      await runLater(1);
      // the reaper deleted every finished task
      const finished = all().filter((t) => t.desiredState === DesiredState.SHUTDOWN);
      await f.proposer.propose(finished.map((t) => ({ op: 'remove' as const, kind: 'task' as const, id: t.id })));
    }
    expect(running()).toHaveLength(0);
  });

  it('window: only failures within the window count towards max attempts', async () => {
    await service({ condition: 'on-failure', maxAttempts: 1, windowMs: 50 });
    for (let i = 0; i < 3; i++) {
      await end(TaskState.FAILED, 1);
      await runLater(1);
      expect(running()).toHaveLength(1);
      await sleep(100); // the next failure comes after the window
    }
    // two failures within the window: the second one is not replaced
    await end(TaskState.FAILED, 1);
    await runLater(1);
    await end(TaskState.FAILED, 1);
    await runLater(1);
    expect(running()).toHaveLength(0);
    expect(all()).toHaveLength(5);
  });

  it('delay: waits the fixed delay before any replacement, without doubling', async () => {
    await service({ condition: 'any', delayMs: 5000 });
    for (let i = 0; i < 3; i++) {
      const endedAt = await end(i === 0 ? TaskState.COMPLETE : TaskState.FAILED, i);
      now = endedAt;
      await orchestrator.run();
      const ended = all().find((t) => t.desiredState === DesiredState.SHUTDOWN && Date.parse(t.updatedAt) >= endedAt)!;
      now = Date.parse(ended.updatedAt) + 4999;
      await orchestrator.run();
      expect(running()).toHaveLength(0);
      now += 1;
      await orchestrator.run();
      expect(running()).toHaveLength(1);
    }
  });

  it('refills at once after an update, even a slot the policy left empty', async () => {
    await service({ condition: 'none' });
    await end(TaskState.FAILED, 1);
    await runLater(1);
    expect(running()).toHaveLength(0);
    await f.proposer.propose([
      { op: 'patch', kind: 'service', id: 'web', fields: { spec: { name: 'web', image: 'busybox:2', replicas: 1, restartPolicy: { condition: 'none' } } } },
    ]);
    await orchestrator.run();
    expect(running().map((t) => t.spec.image)).toEqual(['busybox:2']);
  });

  it('says why a slot is left empty', async () => {
    await service({ condition: 'on-failure', maxAttempts: 0 });
    await end(TaskState.FAILED, 3);
    await runLater(1);
    const history = all();
    const decision = restartDecision({ condition: 'on-failure', maxAttempts: 0 }, history, canonicalJson(history[0].spec), (t) => canonicalJson(t.spec), 0);
    expect(decision).toEqual({ replace: false, reason: `task ${history[0].id} failed (exit 3); max attempts reached (0 replacements)` });
  });
});
