import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagerHandle, REPO_ROOT, TEST_IMAGE, startManager } from '@shoal/testing';

const CLI = join(REPO_ROOT, 'apps/cli/dist/main.js');
const SERVICES = 1200;
const name = (i: number) => `page-${String(i).padStart(4, '0')}`;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
  totalCount: number;
}

/**
 * Cursor pagination against a real manager (docs/design/api-pagination.md). The manager has
 * no node: services with 0 replicas cost nothing on the engine, and replicas stay pending.
 */
describe('pagination of the API lists', () => {
  let manager: ManagerHandle;
  beforeAll(async () => {
    manager = await startManager();
    // One createService per service, a few at a time: what automation would do.
    const todo = Array.from({ length: SERVICES }, (_, i) => i);
    const create = async () => {
      for (let i = todo.shift(); i !== undefined; i = todo.shift()) {
        await manager.api.must('mutation($i: CreateServiceInput!) { createService(input: $i) { id } }', {
          i: { name: name(i), image: TEST_IMAGE, replicas: 0 },
        });
      }
    };
    await Promise.all(Array.from({ length: 16 }, create));
  }, 600_000);
  afterAll(() => manager?.process.kill('SIGTERM'));

  const services = (first: number, after: string | null, filter?: Record<string, unknown>) =>
    manager.api
      .must<{ services: Page<{ id: string; name: string }> }>(
        'query($first: Int, $after: String, $filter: ServiceFilterInput) { services(first: $first, after: $after, filter: $filter) { items { id name } nextCursor totalCount } }',
        { first, after, filter },
      )
      .then((d) => d.services);

  it('pages through 1,200 services: each once, by name, with the count on every page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await services(500, after);
      expect(page.totalCount).toBe(SERVICES);
      seen.push(...page.items.map((s) => s.name));
      after = page.nextCursor;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: SERVICES }, (_, i) => name(i)));
    // 100 by default.
    expect((await manager.api.must<{ services: Page<unknown> }>('{ services { items { id } nextCursor } }')).services.items).toHaveLength(100);
  });

  it('neither repeats nor skips a service when others are created and removed between pages', async () => {
    const seen: string[] = [];
    const created: string[] = [];
    let after: string | null = null;
    let n = 0;
    do {
      const page = await services(250, after);
      seen.push(...page.items.map((s) => s.name));
      after = page.nextCursor;
      // One before every cursor, one after; and remove a service already seen.
      for (const extra of [`page-0000-x${n}`, `page-9999-x${n}`]) {
        const { createService } = await manager.api.must<{ createService: { id: string } }>(
          'mutation($i: CreateServiceInput!) { createService(input: $i) { id } }',
          { i: { name: extra, image: TEST_IMAGE, replicas: 0 } },
        );
        created.push(createService.id);
      }
      n++;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    for (let i = 0; i < SERVICES; i++) expect(seen).toContain(name(i));
    expect(seen.filter((s) => s.startsWith('page-0000-x'))).toEqual([]); // created before the cursor
    expect(seen.filter((s) => s.startsWith('page-9999-x')).length).toBeGreaterThan(0); // created after it
    for (const id of created) await manager.api.must('mutation($id: ID!) { removeService(id: $id) }', { id });
    expect((await services(1, null)).totalCount).toBe(SERVICES);
  });

  it('filters on the server before paging', async () => {
    const page = await services(5, null, { nameContains: 'PAGE-011' });
    expect([page.totalCount, page.items.map((s) => s.name)]).toEqual([10, ['page-0110', 'page-0111', 'page-0112', 'page-0113', 'page-0114']]);
    const rest = await services(500, page.nextCursor, { nameContains: 'page-011' });
    expect([rest.items.map((s) => s.name), rest.nextCursor]).toEqual([['page-0115', 'page-0116', 'page-0117', 'page-0118', 'page-0119'], null]);
    // Zero replicas, nothing running: converged.
    expect((await services(1, null, { converged: false, mode: 'REPLICATED' })).totalCount).toBe(0);
    expect((await services(1, null, { converged: true })).totalCount).toBe(SERVICES);
  });

  it('pages tasks with filters, and caps the nested list', async () => {
    const { createService } = await manager.api.must<{ createService: { id: string } }>(
      'mutation($i: CreateServiceInput!) { createService(input: $i) { id } }',
      { i: { name: 'zz-pending', image: TEST_IMAGE, replicas: 30 } },
    );
    const tasks = (first: number, after: string | null, filter: Record<string, unknown>) =>
      manager.api
        .must<{ tasks: Page<{ slot: number; status: { state: string } }> }>(
          'query($first: Int, $after: String, $filter: TaskFilterInput) { tasks(first: $first, after: $after, filter: $filter) { items { slot status { state } } nextCursor totalCount } }',
          { first, after, filter },
        )
        .then((d) => d.tasks);
    const slots: number[] = [];
    let after: string | null = null;
    do {
      const page = await tasks(7, after, { serviceId: createService.id, desiredState: 'RUNNING' });
      expect(page.totalCount).toBe(30);
      slots.push(...page.items.map((t) => t.slot));
      after = page.nextCursor;
    } while (after);
    expect(slots).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await tasks(500, null, { serviceId: createService.id, slot: 7 })).items.map((t) => t.slot)).toEqual([7]);
    expect((await tasks(500, null, { serviceId: createService.id, state: 'RUNNING' })).totalCount).toBe(0);
    const nested = await manager.api.must<{ service: { tasks: unknown[]; all: unknown[] } }>(
      'query($id: ID!) { service(id: $id) { tasks(first: 5) { id } all: tasks { id } } }',
      { id: createService.id },
    );
    expect([nested.service.tasks.length, nested.service.all.length]).toEqual([5, 30]);
    await manager.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
  });

  it('refuses a page size out of range and a cursor that is malformed or from another list, naming the argument', async () => {
    const field = async (query: string, variables: Record<string, unknown>) => {
      const r = await manager.api.request(query, variables);
      return [r.errors?.[0].extensions?.code, r.errors?.[0].extensions?.field];
    };
    const q = 'query($first: Int, $after: String) { services(first: $first, after: $after) { items { id } } }';
    expect(await field(q, { first: 0 })).toEqual(['BAD_USER_INPUT', 'first']);
    expect(await field(q, { first: 501 })).toEqual(['BAD_USER_INPUT', 'first']);
    expect(await field(q, { after: 'not-a-cursor' })).toEqual(['BAD_USER_INPUT', 'after']);
    const foreign = (await services(1, null)).nextCursor; // a services cursor, given to tasks
    expect(await field('query($after: String) { tasks(after: $after) { items { id } } }', { after: foreign })).toEqual(['BAD_USER_INPUT', 'after']);
    expect(await field('{ service(name: "page-0001") { tasks(first: 501) { id } } }', {})).toEqual(['BAD_USER_INPUT', 'first']);
  });

  it('lists every service with shoal service ls, through all the pages', () => {
    const home = mkdtempSync(join(tmpdir(), 'shoal-pages-'));
    try {
      const r = spawnSync(process.execPath, [CLI, '--format', 'json', 'service', 'ls'], {
        cwd: home,
        env: { ...process.env, SHOAL_URL: manager.apiUrl, SHOAL_TOKEN: manager.token, SHOAL_CONFIG_DIR: home },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect([r.status, r.stderr]).toEqual([0, '']);
      const listed = (JSON.parse(r.stdout) as { name: string }[]).map((s) => s.name);
      expect(listed).toEqual(Array.from({ length: SERVICES }, (_, i) => name(i)));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
