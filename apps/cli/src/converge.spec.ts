import type { Api } from './api';
import { waitForConvergence } from './converge';
import { CONVERGENCE } from './documents/services';

type Task = { id: string; slot: number; desiredState: string; status: { state: string; message: string; err: string | null } };
const task = (id: string, slot: number, state = 'RUNNING'): Task => ({ id, slot, desiredState: 'RUNNING', status: { state, message: '', err: null } });

/** An API whose answers follow a script: each poll reads the service, then its tasks. */
function scripted(polls: { desired: number; tasks: Task[] }[]): { api: Api; polls: () => number } {
  let n = 0;
  const api = (async (doc: unknown) => {
    // runningReplicas as a read just before the tasks' would say it: the old task still counted.
    if (doc === CONVERGENCE) return { service: { desiredTasks: polls[Math.min(n, polls.length - 1)].desired, runningReplicas: 2, jobProgress: null } };
    const { tasks } = polls[Math.min(n++, polls.length - 1)];
    return { tasks: { items: tasks, nextCursor: null } };
  }) as unknown as Api;
  return { api, polls: () => n };
}

describe('waitForConvergence', () => {
  const write = process.stderr.write;
  beforeEach(() => {
    process.stderr.write = () => true;
  });
  afterEach(() => {
    process.stderr.write = write;
  });

  it('counts running tasks from the same read as the replaced ones, so a slot between its old and new task is not converged', async () => {
    const { api, polls } = scripted([
      // Slot 2's old task was shut down after the service was read: only slot 1's new task is wanted.
      { desired: 2, tasks: [task('new1', 1)] },
      { desired: 2, tasks: [task('new1', 1), task('new2', 2, 'STARTING')] },
      { desired: 2, tasks: [task('new1', 1), task('new2', 2)] },
    ]);
    await waitForConvergence(api, 's1', 'web', { timeoutMs: 10_000, replaced: new Set(['old1', 'old2']), pollMs: 1 });
    expect(polls()).toBe(3);
  });

  it('waits while a task from before the update is still wanted', async () => {
    const { api, polls } = scripted([
      { desired: 2, tasks: [task('new1', 1), task('old2', 2)] },
      { desired: 2, tasks: [task('new1', 1), task('new2', 2)] },
    ]);
    await waitForConvergence(api, 's1', 'web', { timeoutMs: 10_000, replaced: new Set(['old1', 'old2']), pollMs: 1 });
    expect(polls()).toBe(2);
  });
});
