import { describe, expect, it } from 'vitest';
import { EMPTY_SERVICE_FORM, formFieldOf, parseServiceForm } from './service-form';

const form = (over: Partial<typeof EMPTY_SERVICE_FORM>) => ({ ...EMPTY_SERVICE_FORM, name: 'web', image: 'nginx:1.27', ...over });

describe('parseServiceForm', () => {
  it('turns lines into lists and amounts into API units', () => {
    const { input, errors } = parseServiceForm(
      form({
        replicas: '3',
        args: 'sh\n-c\n  trap "exit 0" TERM; sleep 9  \n',
        env: 'MODE=blue\n\nDEBUG',
        labels: 'team = web',
        ports: '8080:80\n53/udp',
        constraints: 'node.labels.zone==eu',
        reserveCpus: '0.5',
        limitMemoryMiB: '64',
      }),
    );
    expect(errors).toEqual({});
    expect(input).toEqual({
      name: 'web',
      image: 'nginx:1.27',
      replicas: 3,
      args: ['sh', '-c', 'trap "exit 0" TERM; sleep 9'],
      env: ['MODE=blue', 'DEBUG'],
      labels: [{ key: 'team', value: 'web' }],
      ports: [
        { target: 80, published: 8080, protocol: 'tcp' },
        { target: 53, protocol: 'udp' },
      ],
      placement: { constraints: ['node.labels.zone==eu'], strategy: 'SPREAD' },
      resources: { reservations: { nanoCpus: 5e8, memoryBytes: undefined }, limits: { nanoCpus: undefined, memoryBytes: 64 * 1024 * 1024 } },
    });
  });

  it('names every field that is wrong and gives no input', () => {
    const { input, errors } = parseServiceForm(
      form({ name: '-web', image: '', replicas: '1.5', env: '=x', ports: '70000', constraints: 'zone', limitMemoryMiB: '1', labels: 'novalue' }),
    );
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['constraints', 'env', 'image', 'labels', 'limitMemoryMiB', 'name', 'ports', 'replicas']);
    expect(errors.ports).toContain('"70000"');
  });
});

describe('formFieldOf', () => {
  it('maps the API field paths to form fields', () => {
    expect(formFieldOf('input.name')).toBe('name');
    expect(formFieldOf('input.env[2]')).toBe('env');
    expect(formFieldOf('input.ports[0].target')).toBe('ports');
    expect(formFieldOf('input.placement.constraints[1]')).toBe('constraints');
    expect(formFieldOf('input.resources.limits.memoryBytes')).toBe('limitMemoryMiB');
    expect(formFieldOf('id')).toBeNull();
  });
});
