import { Logger } from '@nestjs/common';

/**
 * A level-triggered control loop: `kick()` asks for a run soon; kicks that arrive
 * during a run cause exactly one more run after it; a periodic kick catches anything
 * missed. A run reads the store, compares desired with observed state and proposes
 * one entry for the difference.
 */
export class Loop {
  private readonly log: Logger;
  private running = false;
  private dirty = false;
  private scheduled: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    readonly name: string,
    /** Resolves to a delay in ms when the loop wants to run again after it, regardless of kicks. */
    private readonly body: () => Promise<number | void | undefined>,
    private readonly periodMs: number,
  ) {
    this.log = new Logger(name);
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.periodMs);
    this.timer.unref();
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake);
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.scheduled ??= setImmediate(() => {
      this.scheduled = undefined;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    this.dirty = false;
    try {
      const again = await this.body();
      if (typeof again === 'number') {
        if (this.wake) clearTimeout(this.wake);
        this.wake = setTimeout(() => this.kick(), again);
        this.wake.unref();
      }
    } catch (err) {
      // CONFLICT means the state moved under us: run again on the new state.
      const code = (err as { code?: string }).code;
      if (code === 'CONFLICT' || code === 'NOT_FOUND') this.dirty = true;
      else this.log.error(`run failed: ${(err as Error).stack ?? String(err)}`);
    } finally {
      this.running = false;
    }
    if (this.dirty) this.kick();
  }
}
