import { editEnv } from './service';
import { modeInput, modeName, replicasColumn } from './service-mode';

describe('editEnv', () => {
  it('replaces a key given again, removes keys and keeps the rest in order', () => {
    expect(editEnv(['A=1', 'B=2', 'C=3'], ['B=20', 'D=4'], ['C'])).toEqual(['A=1', 'B=20', 'D=4']);
  });

  it('refuses an entry without =', () => {
    expect(() => editEnv([], ['NOPE'], [])).toThrow(/--env-add NOPE: expected KEY=VALUE/);
  });
});

describe('modeInput', () => {
  it("reads docker's --mode, with --replicas as a replicated job's total completions", () => {
    expect(modeInput(undefined, '3', undefined)).toEqual({ replicas: 3 });
    expect(modeInput('global', undefined, undefined)).toEqual({ mode: 'GLOBAL' });
    expect(modeInput('global-job', undefined, undefined)).toEqual({ mode: 'GLOBAL_JOB' });
    expect(modeInput('replicated-job', '5', '2')).toEqual({ mode: 'REPLICATED_JOB', job: { maxConcurrent: 2, totalCompletions: 5 } });
    expect(modeInput('replicated-job', undefined, undefined)).toEqual({ mode: 'REPLICATED_JOB', job: { maxConcurrent: 1, totalCompletions: 1 } });
  });

  it('refuses an unknown mode and flags that do not go with the mode', () => {
    expect(() => modeInput('daemon', undefined, undefined)).toThrow('--mode daemon: expected one of replicated, global, replicated-job, global-job');
    expect(() => modeInput('global', '2', undefined)).toThrow('--replicas cannot be used with --mode global');
    expect(() => modeInput('replicated', undefined, '2')).toThrow('--max-concurrent is for --mode replicated-job only');
  });

  it('shows running out of desired tasks, and for a job how many completed', () => {
    expect(replicasColumn({ mode: 'REPLICATED', replicas: 2, runningReplicas: 1, desiredTasks: 2, jobProgress: null })).toBe('1/2');
    expect(replicasColumn({ mode: 'REPLICATED_JOB', replicas: 0, runningReplicas: 2, desiredTasks: 3, jobProgress: { completed: 2, total: 5 } })).toBe(
      '2/3 (2/5 completed)',
    );
    expect(modeName('REPLICATED_JOB')).toBe('replicated-job');
  });
});
