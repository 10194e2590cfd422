import type { Api } from './api';
import { CliError, EXIT } from './errors';
import { CONVERGENCE } from './documents/services';
import { runningTasks } from './pages';
import { progressBar } from './progress';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the service runs its desired tasks (a job: until every slot completed) and, after an update that changed
 * the container spec, none of the tasks that ran before it (`replaced`) is still wanted.
 * Prints progress: a bar on one rewritten line on a TTY, a line per change otherwise.
 */
export async function waitForConvergence(
  api: Api,
  id: string,
  name: string,
  opts: { timeoutMs: number; replaced?: Set<string>; pollMs?: number },
): Promise<void> {
  const tty = process.stderr.isTTY === true;
  const deadline = Date.now() + opts.timeoutMs;
  let last = '';
  const show = (line: string, final = false) => {
    if (line === last && !final) return;
    last = line;
    if (tty) process.stderr.write(`\r\u001b[2K${line}${final ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  };
  for (;;) {
    const { service } = await api(CONVERGENCE, { id });
    if (!service) throw new CliError(`service ${name} was removed while waiting`, EXIT.NOT_FOUND);
    const tasks = await runningTasks(api, id);
    const stale = opts.replaced ? tasks.filter((t) => opts.replaced?.has(t.id)).length : 0;
    // Counted from the same read as `stale`: the service's runningReplicas, read a moment
    // earlier, can still count a task that the update has since shut down.
    const running = tasks.filter((t) => t.status.state === 'RUNNING').length;
    const problem = tasks.find((t) => t.status.err || t.status.state === 'PENDING');
    const why = problem ? ` (slot ${problem.slot}: ${problem.status.err ?? problem.status.message})` : '';
    const job = service.jobProgress;
    const converged = (job ? job.completed === job.total : running === service.desiredTasks) && stale === 0;
    const [done, total] = job ? [job.completed, job.total] : [running, service.desiredTasks];
    const state = tty ? `${progressBar(done, total)} ${job ? 'completed' : 'running'}` : `${done}/${total} ${job ? 'completed' : 'running'}`;
    show(`${name}: ${state}${stale ? `, ${stale} to replace` : ''}${converged ? '' : why}`, converged);
    if (converged) {
      process.stderr.write(`${name}: converged\n`);
      return;
    }
    if (Date.now() >= deadline) {
      if (tty) process.stderr.write('\n');
      throw new CliError(`${name} did not converge in time${why}; it keeps converging: see shoal service ps ${name}`, EXIT.TIMEOUT);
    }
    await sleep(opts.pollMs ?? 500);
  }
}
