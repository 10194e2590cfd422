import { runtimeOptions } from './runtime-options';

describe('runtimeOptions', () => {
  it('leaves the engine defaults alone when the spec sets nothing', () => {
    expect(runtimeOptions({ image: 'busybox:1' })).toEqual({ config: {}, labels: {}, hostConfig: {} });
  });

  it('maps health checks: disable, exec form, shell form, durations in nanoseconds', () => {
    expect(runtimeOptions({ image: 'x', healthCheck: { disable: true } }).config.Healthcheck).toEqual({ Test: ['NONE'] });
    expect(runtimeOptions({ image: 'x', healthCheck: { command: ['/check', '-q'], retries: 2 } }).config.Healthcheck).toEqual({
      Test: ['CMD', '/check', '-q'],
      Retries: 2,
    });
    expect(runtimeOptions({ image: 'x', healthCheck: { shell: 'true', intervalMs: 1500, timeoutMs: 200, startPeriodMs: 0 } }).config.Healthcheck).toEqual({
      Test: ['CMD-SHELL', 'true'],
      Interval: 1_500_000_000,
      Timeout: 200_000_000,
      StartPeriod: 0,
    });
    // durations alone keep the image's probe
    expect(runtimeOptions({ image: 'x', healthCheck: { intervalMs: 1000 } }).config.Healthcheck).toEqual({ Interval: 1_000_000_000 });
  });

  it('rounds the stop grace period up to the whole seconds the engine counts', () => {
    expect(runtimeOptions({ image: 'x', stopGracePeriodMs: 1500 }).config.StopTimeout).toBe(2);
    expect(runtimeOptions({ image: 'x', stopGracePeriodMs: 0 }).config.StopTimeout).toBe(0);
  });

  it('maps mounts, with tmpfs options only on tmpfs', () => {
    const { hostConfig } = runtimeOptions({
      image: 'x',
      mounts: [
        { type: 'bind', source: '/srv', target: '/srv', readOnly: true },
        { type: 'tmpfs', target: '/run', tmpfsSizeBytes: 1024 },
      ],
    });
    expect(hostConfig.Mounts).toEqual([
      { Type: 'bind', Source: '/srv', Target: '/srv', ReadOnly: true },
      { Type: 'tmpfs', Source: '', Target: '/run', TmpfsOptions: { SizeBytes: 1024, Mode: 0 } },
    ]);
  });
});
