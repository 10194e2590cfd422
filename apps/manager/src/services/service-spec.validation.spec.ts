import { ShoalError } from '../common/errors';
import type { ServiceSpec } from '../store/objects';
import { validateServiceSpec } from './service-spec.validation';

const ok: ServiceSpec = { name: 'web', image: 'shoal-test/busybox:1', replicas: 3 };

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

describe('validateServiceSpec', () => {
  it('accepts ordinary specs', () => {
    for (const image of [
      'nginx',
      'nginx:1.27',
      'library/nginx:latest',
      '127.0.0.1:5000/team/app:v1',
      'registry.example.com/a/b@sha256:' + 'a'.repeat(64),
      'localhost:5000/x:1@sha256:' + 'b'.repeat(64),
    ]) {
      expect(fieldOf({ image })).toBeUndefined();
    }
    expect(
      fieldOf({
        env: ['A=1', 'B', 'C=x=y'],
        ports: [
          { target: 80, published: 8080, protocol: 'tcp' },
          { target: 53, protocol: 'udp' },
        ],
        replicas: 0,
      }),
    ).toBeUndefined();
    expect(
      fieldOf({
        placement: {
          constraints: ['node.labels.zone==nowhere', 'node.role != manager', 'engine.labels.disk==ssd'],
          preferences: [{ spread: 'node.labels.zone' }, { spread: 'engine.labels.rack' }],
          maxReplicasPerNode: 2,
          strategy: 'BINPACK',
        },
        // more than any node has: accepted, the tasks wait with an explanation
        resources: { reservations: { nanoCpus: 1e12, memoryBytes: 2 ** 50 }, limits: { nanoCpus: 2e12, memoryBytes: 2 ** 51, pids: 100 } },
      }),
    ).toBeUndefined();
  });

  it.each([
    [{ image: 'UPPER/case' }, 'input.image'],
    [{ image: 'nginx::1' }, 'input.image'],
    [{ image: '' }, 'input.image'],
    [{ image: 'a'.repeat(300) }, 'input.image'],
    [{ image: 'nginx@sha256:123' }, 'input.image'],
    [{ name: '' }, 'input.name'],
    [{ name: '-web' }, 'input.name'],
    [{ name: 'web/1' }, 'input.name'],
    [{ name: 'x'.repeat(64) }, 'input.name'],
    [{ replicas: -1 }, 'input.replicas'],
    [{ replicas: 1_000_000 }, 'input.replicas'],
    [{ replicas: 1.5 }, 'input.replicas'],
    [{ env: ['=x'] }, 'input.env[0]'],
    [{ env: ['A B=1'] }, 'input.env[0]'],
    [{ args: ['x'.repeat(5000)] }, 'input.args[0]'],
    [{ command: Array(300).fill('x') }, 'input.command'],
    [{ ports: [{ target: 0, protocol: 'tcp' as const }] }, 'input.ports[0].target'],
    [{ ports: [{ target: 80, published: 70000, protocol: 'tcp' as const }] }, 'input.ports[0].published'],
    [{ ports: [{ target: 80, protocol: 'http' as never }] }, 'input.ports[0].protocol'],
    [
      {
        ports: [
          { target: 80, published: 8080, protocol: 'tcp' as const },
          { target: 81, published: 8080, protocol: 'tcp' as const },
        ],
      },
      'input.ports[1].published',
    ],
    [{ placement: { constraints: ['zone==eu'] } }, 'input.placement.constraints[0]'],
    [{ placement: { constraints: ['node.labels.zone==eu', 'node.labels.zone=eu'] } }, 'input.placement.constraints[1]'],
    [{ placement: { constraints: ['node.role==boss'] } }, 'input.placement.constraints[0]'],
    [{ placement: { constraints: ['node.labels.zone=='] } }, 'input.placement.constraints[0]'],
    [{ placement: { preferences: [{ spread: 'node.hostname' }] } }, 'input.placement.preferences[0].spread'],
    [{ placement: { preferences: [{ spread: 'zone' }] } }, 'input.placement.preferences[0].spread'],
    [{ placement: { maxReplicasPerNode: -1 } }, 'input.placement.maxReplicasPerNode'],
    [{ placement: { strategy: 'RANDOM' as never } }, 'input.placement.strategy'],
    [{ resources: { reservations: { nanoCpus: -1 } } }, 'input.resources.reservations.nanoCpus'],
    [{ resources: { reservations: { memoryBytes: 1.5 } } }, 'input.resources.reservations.memoryBytes'],
    [{ resources: { limits: { pids: -5 } } }, 'input.resources.limits.pids'],
    [{ resources: { limits: { memoryBytes: 1024 } } }, 'input.resources.limits.memoryBytes'],
    [{ resources: { limits: { nanoCpus: 1000 } } }, 'input.resources.limits.nanoCpus'],
    [{ resources: { reservations: { nanoCpus: 2e9 }, limits: { nanoCpus: 1e9 } } }, 'input.resources.limits.nanoCpus'],
    [{ resources: { reservations: { memoryBytes: 2 ** 30 }, limits: { memoryBytes: 2 ** 29 } } }, 'input.resources.limits.memoryBytes'],
    [{ labels: { '': 'x' } }, 'input.labels'],
    [{ labels: { a: 'x'.repeat(5000) } }, 'input.labels.a'],
  ])('refuses %j at %s', (spec, field) => {
    expect(fieldOf(spec as Partial<ServiceSpec>)).toBe(field);
  });
});
