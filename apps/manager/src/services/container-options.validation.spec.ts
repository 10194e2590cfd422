import { ShoalError } from '../common/errors';
import type { ServiceSpec } from '../store/objects';
import { validateServiceSpec } from './service-spec.validation';

const ok: ServiceSpec = { name: 'web', image: 'shoal-test/busybox:1', replicas: 1 };

/** The field a spec is refused for, or undefined when it is accepted. */
function fieldOf(spec: Partial<ServiceSpec>): string | undefined {
  try {
    validateServiceSpec({ ...ok, ...spec });
  } catch (e) {
    expect(e).toBeInstanceOf(ShoalError);
    expect((e as ShoalError).code).toBe('BAD_USER_INPUT');
    return (e as ShoalError).field;
  }
  return undefined;
}

describe('container options, health checks and restart policies', () => {
  it('accepts what operators use', () => {
    expect(
      fieldOf({
        container: {
          workdir: '/srv',
          user: '1000:1000',
          hostname: 'web-1.internal',
          labels: { 'com.example.team': 'a' },
          mounts: [
            { type: 'bind', source: '/var/log', target: '/logs', readOnly: true },
            { type: 'volume', source: 'data', target: '/data' },
            { type: 'volume', target: '/cache' },
            { type: 'tmpfs', target: '/run', tmpfsSizeBytes: 64 * 2 ** 20, tmpfsMode: 0o1777 },
          ],
          stopSignal: 'SIGQUIT',
          stopGracePeriodMs: 30_000,
          init: true,
          readOnly: true,
          capAdd: ['NET_ADMIN', 'CAP_SYS_TIME'],
          capDrop: ['ALL'],
          ulimits: [
            { name: 'nofile', soft: 1024, hard: 4096 },
            { name: 'core', soft: -1, hard: -1 },
          ],
        },
        healthCheck: { shell: 'wget -q -O- localhost:8080', intervalMs: 1000, timeoutMs: 500, retries: 3, startPeriodMs: 0 },
        restartPolicy: { condition: 'on-failure', delayMs: 0, maxAttempts: 3, windowMs: 60_000 },
      }),
    ).toBeUndefined();
    for (const stopSignal of ['TERM', 'sighup', '9', 'SIGRTMIN+3']) expect(fieldOf({ container: { stopSignal } })).toBeUndefined();
    expect(fieldOf({ healthCheck: { disable: true } })).toBeUndefined();
    expect(fieldOf({ healthCheck: { command: ['/bin/check', '--quick'] } })).toBeUndefined();
    expect(fieldOf({ restartPolicy: { condition: 'none' } })).toBeUndefined();
  });

  it.each<[string, Partial<ServiceSpec>, string]>([
    ['a relative workdir', { container: { workdir: 'srv' } }, 'input.container.workdir'],
    ['a user with spaces', { container: { user: 'a b' } }, 'input.container.user'],
    ['a hostname with underscores', { container: { hostname: 'a_b' } }, 'input.container.hostname'],
    ["a container label in Shoal's namespace", { container: { labels: { 'shoal.task.id': 'x' } } }, 'input.container.labels'],
    ['a relative bind source', { container: { mounts: [{ type: 'bind', source: 'logs', target: '/logs' }] } }, 'input.container.mounts[0].source'],
    ['a bind without source', { container: { mounts: [{ type: 'bind', target: '/logs' }] } }, 'input.container.mounts[0].source'],
    ['a relative target', { container: { mounts: [{ type: 'tmpfs', target: 'run' }] } }, 'input.container.mounts[0].target'],
    ['an unknown mount type', { container: { mounts: [{ type: 'nfs' as 'bind', target: '/x' }] } }, 'input.container.mounts[0].type'],
    [
      'two mounts on one target',
      {
        container: {
          mounts: [
            { type: 'tmpfs', target: '/x' },
            { type: 'volume', target: '/x' },
          ],
        },
      },
      'input.container.mounts[1].target',
    ],
    [
      'tmpfs options on a bind mount',
      { container: { mounts: [{ type: 'bind', source: '/a', target: '/b', tmpfsSizeBytes: 1 }] } },
      'input.container.mounts[0].type',
    ],
    ['a tmpfs with a source', { container: { mounts: [{ type: 'tmpfs', source: '/a', target: '/b' }] } }, 'input.container.mounts[0].source'],
    ['a bad volume name', { container: { mounts: [{ type: 'volume', source: 'a/b', target: '/b' }] } }, 'input.container.mounts[0].source'],
    ['a bad signal name', { container: { stopSignal: 'SIGNOPE' } }, 'input.container.stopSignal'],
    ['signal 65', { container: { stopSignal: '65' } }, 'input.container.stopSignal'],
    ['a negative grace period', { container: { stopGracePeriodMs: -1 } }, 'input.container.stopGracePeriodMs'],
    ['an unknown capability', { container: { capAdd: ['NET_FLY'] } }, 'input.container.capAdd[0]'],
    ['a capability added and dropped', { container: { capAdd: ['CAP_CHOWN'], capDrop: ['chown'] } }, 'input.container.capAdd'],
    ['an unknown ulimit', { container: { ulimits: [{ name: 'files', soft: 1, hard: 1 }] } }, 'input.container.ulimits[0].name'],
    ['a soft limit above the hard one', { container: { ulimits: [{ name: 'nofile', soft: 2, hard: 1 }] } }, 'input.container.ulimits[0].soft'],
    ['a health check with command and shell', { healthCheck: { command: ['true'], shell: 'true' } }, 'input.healthCheck.shell'],
    ['a disabled health check with an interval', { healthCheck: { disable: true, intervalMs: 1000 } }, 'input.healthCheck.intervalMs'],
    ['a zero health check interval', { healthCheck: { shell: 'true', intervalMs: 0 } }, 'input.healthCheck.intervalMs'],
    ['zero retries', { healthCheck: { shell: 'true', retries: 0 } }, 'input.healthCheck.retries'],
    ['an unknown restart condition', { restartPolicy: { condition: 'always' as 'any' } }, 'input.restartPolicy.condition'],
    ['a negative restart delay', { restartPolicy: { condition: 'any', delayMs: -5 } }, 'input.restartPolicy.delayMs'],
    ['max attempts with condition none', { restartPolicy: { condition: 'none', maxAttempts: 3 } }, 'input.restartPolicy.maxAttempts'],
    ['a window without max attempts', { restartPolicy: { condition: 'any', windowMs: 1000 } }, 'input.restartPolicy.windowMs'],
  ])('refuses %s', (_what, spec, field) => {
    expect(fieldOf(spec)).toBe(field);
  });
});
