import { describe, expect, it } from 'vitest';
import { diffForm, replacesTasks, specToFormValues, toUpdateInput } from './service-edit';
import { parseServiceForm } from './service-form';

const service = {
  name: 'web',
  replicas: 3,
  spec: {
    image: 'nginx:1.27',
    mode: 'REPLICATED' as const,
    job: null,
    command: null,
    args: ['httpd', '-f'],
    env: ['MODE=blue'],
    labels: [{ key: 'team', value: 'web' }],
    ports: [
      { target: 80, published: 8080, protocol: 'tcp' },
      { target: 53, published: null, protocol: 'udp' },
    ],
    placement: { constraints: ['node.labels.zone==eu'], preferences: [{ spread: 'node.labels.rack' }], maxReplicasPerNode: 0, strategy: 'SPREAD' as const },
    resources: { reservations: { nanoCpus: 5e8, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 64 * 1024 * 1024, pids: 0 } },
  },
};

describe('editing a service', () => {
  it('starts the form from the spec, and the unchanged form gives the same spec back', () => {
    const values = specToFormValues(service);
    expect(values).toMatchObject({
      replicas: '3',
      args: 'httpd\n-f',
      ports: '8080:80/tcp\n53/udp',
      reserveCpus: '0.5',
      limitMemoryMiB: '64',
      maxReplicasPerNode: '',
    });
    const { input } = parseServiceForm(values);
    expect(toUpdateInput(input!, service.spec)).toEqual({
      image: 'nginx:1.27',
      replicas: 3,
      command: [],
      args: ['httpd', '-f'],
      env: ['MODE=blue'],
      labels: [{ key: 'team', value: 'web' }],
      ports: [
        { target: 80, published: 8080, protocol: 'tcp' },
        { target: 53, protocol: 'udp' },
      ],
      placement: { constraints: ['node.labels.zone==eu'], strategy: 'SPREAD', preferences: [{ spread: 'node.labels.rack' }] },
      resources: { reservations: { nanoCpus: 5e8, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 64 * 1024 * 1024 } },
    });
    expect(diffForm(values, values)).toEqual([]);
  });

  it('starts with the pin left as it is, and asks for a re-pin when chosen', () => {
    const values = specToFormValues(service);
    expect(values.resolveImage).toBe('CHANGED');
    expect(toUpdateInput(parseServiceForm(values).input!, service.spec)).not.toHaveProperty('resolveImage');
    const repin = { ...values, resolveImage: 'ALWAYS' as const };
    expect(toUpdateInput(parseServiceForm(repin).input!, service.spec)).toMatchObject({ image: 'nginx:1.27', resolveImage: 'ALWAYS' });
    expect(diffForm(values, repin)).toEqual([{ field: 'resolveImage', before: 'CHANGED', after: 'ALWAYS' }]);
  });

  it('sends cleared lists as empty, so the API does not keep the old ones', () => {
    const { input } = parseServiceForm({ ...specToFormValues(service), env: '', args: '', ports: '' });
    expect(toUpdateInput(input!, service.spec)).toMatchObject({ env: [], args: [], ports: [] });
  });

  it('lists what changed, ignoring blank lines and spaces at the ends', () => {
    const before = specToFormValues(service);
    const changes = diffForm(before, { ...before, env: 'MODE=blue\n\n DEBUG=1 ', args: 'httpd\n-f\n' });
    expect(changes).toEqual([{ field: 'env', before: 'MODE=blue', after: 'MODE=blue\nDEBUG=1' }]);
    expect(replacesTasks(changes)).toBe(true);
    expect(replacesTasks(diffForm(before, { ...before, replicas: '5' }))).toBe(false);
  });

  it('edits a job: sends its size and never replicas; a new size alone replaces no task', () => {
    const job = { ...service, replicas: 0, spec: { ...service.spec, mode: 'REPLICATED_JOB' as const, job: { maxConcurrent: 2, totalCompletions: 5 } } };
    const before = specToFormValues(job);
    expect(before).toMatchObject({ mode: 'REPLICATED_JOB', maxConcurrent: '2', totalCompletions: '5' });
    const after = { ...before, totalCompletions: '8' };
    const update = toUpdateInput(parseServiceForm(after).input!, job.spec);
    expect(update).toMatchObject({ job: { maxConcurrent: 2, totalCompletions: 8 } });
    expect(update).not.toHaveProperty('replicas');
    expect(replacesTasks(diffForm(before, after))).toBe(false);
  });
});
