import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * The first port the kernel hands out for outgoing connections. A port below it can't be
 * taken by a client socket between the moment a test picks it and the moment a process it
 * starts (or restarts, after a SIGKILL) binds it; a port the kernel chose with bind(0) can.
 */
function ephemeralLow(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && low > 20_000) return low;
  } catch {
    // not Linux: fall back to the IANA range's start
  }
  return 32_768;
}

const FIRST = 20_000;
const handedOut = new Set<number>();

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * A TCP port free on 127.0.0.1 right now, below the ephemeral range and not handed out
 * before by this process, so it stays free for the process a test gives it to.
 */
export async function freePort(): Promise<number> {
  const last = ephemeralLow() - 1;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (last - FIRST + 1));
    if (handedOut.has(port)) continue;
    if (await bindable(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port found between ${FIRST} and ${last}`);
}
