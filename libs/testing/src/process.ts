import { ChildProcess, spawn } from 'node:child_process';

/** A real child process whose output is kept for assertions and failure reports. */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  output = '';
  exitCode: number | null | undefined;

  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    this.exitCode = undefined;
    const child = spawn(process.execPath, this.args, { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (b: Buffer) => {
      this.output += b.toString();
      if (this.output.length > 1_000_000) this.output = this.output.slice(-500_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? -1 : null);
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined;
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  async waitForExit(timeoutMs = 15_000): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.exitCode === undefined) {
      if (Date.now() > deadline) throw new Error(`${this.name} did not exit within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.exitCode;
  }
}
