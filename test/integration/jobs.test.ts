import { TEST_IMAGE, TestCluster, startCluster, waitFor } from '@shoal/testing';

const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { id version } }`;

interface JobView {
  spec: { mode: string; replicas: number; job: { maxConcurrent: number; totalCompletions: number } | null };
  jobProgress: { completed: number; total: number } | null;
  desiredTasks: number;
  tasks: { status: { state: string } }[];
}

/** Jobs on the real engine: tasks run to exit 0 and are not replaced. */
describe('jobs', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startCluster();
  });
  afterAll(() => c?.stop());

  const view = async (id: string) =>
    (
      await c.api.must<{ service: JobView }>(
        'query($id: ID!) { service(id: $id) { spec { mode replicas job { maxConcurrent totalCompletions } } jobProgress { completed total } desiredTasks tasks { status { state } } } }',
        { id },
      )
    ).service;

  it('runs a replicated job to its total completions and stops there', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(CREATE, {
      input: { name: 'batch', image: TEST_IMAGE, args: ['true'], mode: 'REPLICATED_JOB', job: { maxConcurrent: 2, totalCompletions: 3 } },
    });
    const id = createService.id;
    await waitFor('3 of 3 completed', async () => (await view(id)).jobProgress?.completed === 3);
    const v = await view(id);
    expect(v.spec).toEqual({ mode: 'REPLICATED_JOB', replicas: 0, job: { maxConcurrent: 2, totalCompletions: 3 } });
    expect(v.jobProgress).toEqual({ completed: 3, total: 3 });
    expect(v.desiredTasks).toBe(0);
    expect(v.tasks.map((t) => t.status.state)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE']);
    await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id });
  });

  it('runs a replicated job again when updateService gives it a new spec', async () => {
    const { createService } = await c.api.must<{ createService: { id: string; version: number } }>(CREATE, {
      input: { name: 'rerun', image: TEST_IMAGE, args: ['true'], mode: 'REPLICATED_JOB', job: { maxConcurrent: 2, totalCompletions: 2 } },
    });
    const id = createService.id;
    await waitFor('2 of 2 completed', async () => (await view(id)).jobProgress?.completed === 2);
    const { service } = await c.api.must<{ service: { version: number } }>('query($id: ID!) { service(id: $id) { version } }', { id });
    const { updateService } = await c.api.must<{ updateService: { updateStatus: unknown } }>(
      'mutation($id: ID!, $v: Int!) { updateService(id: $id, version: $v, input: { args: ["sh", "-c", "true"] }) { updateStatus { state } } }',
      { id, v: service.version },
    );
    expect(updateService.updateStatus).toBeNull();
    expect((await view(id)).jobProgress).toEqual({ completed: 0, total: 2 });
    await waitFor('2 of 2 completed with the new spec', async () => (await view(id)).jobProgress?.completed === 2);
    expect((await view(id)).tasks.map((t) => t.status.state)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE']);

    // A bigger job of the same spec runs only the new slot.
    const again = await c.api.must<{ service: { version: number } }>('query($id: ID!) { service(id: $id) { version } }', { id });
    await c.api.must('mutation($id: ID!, $v: Int!) { updateService(id: $id, version: $v, input: { job: { maxConcurrent: 2, totalCompletions: 3 } }) { id } }', {
      id,
      v: again.service.version,
    });
    await waitFor('3 of 3 completed', async () => (await view(id)).jobProgress?.completed === 3);
    expect((await view(id)).tasks).toHaveLength(5);
    await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id });
  });

  it('runs a global job once on the node', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(CREATE, {
      input: { name: 'once', image: TEST_IMAGE, args: ['true'], mode: 'GLOBAL_JOB' },
    });
    await waitFor('1 of 1 completed', async () => (await view(createService.id)).jobProgress?.completed === 1);
    expect((await view(createService.id)).tasks.map((t) => t.status.state)).toEqual(['COMPLETE']);
  });

  it('refuses replicas with a job mode, writing nothing', async () => {
    const before = await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
    const r = await c.api.request(CREATE, { input: { name: 'bad', image: TEST_IMAGE, mode: 'REPLICATED_JOB', replicas: 3 } });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.replicas' });
    const after = await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
    expect(after.cluster.appliedIndex).toBe(before.cluster.appliedIndex);
  });
});
