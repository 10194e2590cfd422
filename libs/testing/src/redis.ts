import { ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './ports';
import { waitFor } from './wait-for';

export interface TestRedis {
  port: number;
  url: string;
  /** Starts (or restarts) the server on the same port and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops the server (SIGKILL: an outage, not a goodbye) and waits for its exit. */
  stop(): Promise<void>;
}

/**
 * A real redis-server of the test's own, on a free loopback port, without persistence.
 * Never the shared one on 6379: tests stop theirs to see how Shoal copes with an outage.
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const accepts = () =>
    new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
  const redis: TestRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    start: async () => {
      const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      child = c;
      await waitFor(
        `redis-server on port ${port}`,
        async () => (c.exitCode !== null ? Promise.reject(new Error('redis-server exited')) : accepts()),
        10_000,
        50,
      );
    },
    stop: async () => {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGKILL');
      await exited;
    },
  };
  await redis.start();
  return redis;
}
