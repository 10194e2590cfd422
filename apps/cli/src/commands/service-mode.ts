import { int } from '../args';
import { usageError } from '../errors';

/** Docker's `--mode` values and the API's modes. */
const MODES: Readonly<Record<string, string>> = {
  replicated: 'REPLICATED',
  global: 'GLOBAL',
  'replicated-job': 'REPLICATED_JOB',
  'global-job': 'GLOBAL_JOB',
};

/**
 * `--mode`, `--replicas` and `--max-concurrent` as docker reads them, turned into
 * createService fields: for a replicated job `--replicas` is the total completions
 * (default 1) and `--max-concurrent` how many run at once (default 1); the global modes
 * take neither. Conflicting flags are usage errors, before anything is sent.
 */
export function modeInput(mode: string | undefined, replicas: string | undefined, maxConcurrent: string | undefined): Record<string, unknown> {
  const name = mode ?? 'replicated';
  const apiMode = MODES[name];
  if (!apiMode) throw usageError(`--mode ${name}: expected one of ${Object.keys(MODES).join(', ')}`);
  if (maxConcurrent !== undefined && name !== 'replicated-job') throw usageError('--max-concurrent is for --mode replicated-job only');
  if (replicas !== undefined && name.startsWith('global')) throw usageError(`--replicas cannot be used with --mode ${name}: it runs one task per node`);
  const n = replicas === undefined ? undefined : int(replicas, '--replicas');
  switch (name) {
    case 'replicated':
      return n === undefined ? {} : { replicas: n };
    case 'replicated-job': {
      const totalCompletions = n ?? 1;
      const concurrent = maxConcurrent === undefined ? 1 : int(maxConcurrent, '--max-concurrent');
      return { mode: apiMode, job: { maxConcurrent: concurrent, totalCompletions } };
    }
    default:
      return { mode: apiMode };
  }
}

export interface ModeView {
  mode: string;
  replicas: number;
  runningReplicas: number;
  desiredTasks: number;
  jobProgress: { completed: number; total: number } | null;
}

/** `replicated`, `global-job`: docker's spelling of the API's mode. */
export function modeName(mode: string): string {
  return mode.toLowerCase().replace('_', '-');
}

/** The REPLICAS column: running/desired, and for a job how many completed, as docker shows it. */
export function replicasColumn(s: ModeView): string {
  const running = `${s.runningReplicas}/${s.desiredTasks}`;
  return s.jobProgress ? `${running} (${s.jobProgress.completed}/${s.jobProgress.total} completed)` : running;
}
