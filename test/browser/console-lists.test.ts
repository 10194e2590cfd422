import type { Locator, Page } from 'playwright-core';
import {
  logInWithToken,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  startManager,
  TEST_IMAGE,
  waitFor,
  type ManagerHandle,
  type TestBrowser,
} from '@shoal/testing';

const SERVICES = 1000;
const REPLICAS = 10; // 10,000 tasks
const name = (i: number) => `lists-${String(i).padStart(4, '0')}`;

/**
 * The console with 1,000 services and 10,000 tasks (issue 6): the lists come from the API a
 * page at a time and render only the rows in view. Seeded through the API on a manager with
 * no node, so every task stays pending and nothing runs on the engine.
 */
describe('console with long lists', () => {
  let manager: ManagerHandle;
  let browser: TestBrowser;
  let page: Page;
  const LONG = { timeout: 120_000 };

  beforeAll(async () => {
    manager = await startManager();
    const todo = Array.from({ length: SERVICES }, (_, i) => i);
    const create = async () => {
      for (let i = todo.shift(); i !== undefined; i = todo.shift()) {
        await manager.api.must('mutation($i: CreateServiceInput!) { createService(input: $i) { id } }', {
          i: { name: name(i), image: TEST_IMAGE, replicas: REPLICAS },
        });
      }
    };
    await Promise.all(Array.from({ length: 16 }, create));
    await waitFor(
      '10,000 tasks pending',
      async () =>
        (await manager.api.must<{ tasks: { totalCount: number } }>('{ tasks(first: 1, filter: { state: PENDING }) { totalCount } }')).tasks.totalCount ===
        SERVICES * REPLICAS,
      300_000,
      500,
    );
    browser = await launchBrowser();
    page = browser.page;
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await manager?.process.kill('SIGTERM');
  });

  /** Table rows in the DOM, spacer rows left out. */
  const renderedRows = (table: Locator) => table.locator('tbody tr:not(.virtual-pad)').count();
  /**
   * Waits until the table's row headers are exactly `expected`. The virtualizer renders
   * its overscan first and the rows in view once it has measured its scroll region, so
   * right after the data arrives the last rows of a short table may not be drawn yet.
   */
  const rowsAre = async (table: Locator, expected: string[]) => {
    let seen: string[] = [];
    await waitFor(`rows ${expected.join(', ')}`, async () => {
      seen = await table.getByRole('rowheader').allTextContents();
      return JSON.stringify(seen) === JSON.stringify(expected);
    }).catch(() => undefined);
    expect(seen).toEqual(expected);
  };

  it('logs in and counts 1,000 services and 10,000 pending tasks on the dashboard', async () => {
    await logInWithToken(page, manager.apiUrl.replace(/\/graphql$/, ''), manager.token);
    await page.getByRole('region', { name: 'Services' }).getByText(`0 converged · ${SERVICES} converging`).waitFor(LONG);
    expect(await page.getByRole('region', { name: 'Tasks by state' }).getByRole('listitem').allTextContents()).toEqual([`PENDING ${SERVICES * REPLICAS}`]);
  });

  it('lists the services a page at a time, scrolls to the last one, and keeps few rows in the DOM', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services', exact: true }).click();
    const table = page.getByRole('region', { name: 'Services table' });
    await table.getByRole('link', { name: name(0), exact: true }).waitFor(LONG);
    await page.getByText(`100 of ${SERVICES} loaded`).waitFor();
    expect(await renderedRows(table)).toBeLessThan(60);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'services-1000');

    // Scrolling to the bottom (End in the focused table) loads the next pages until the last service shows.
    const last = table.getByRole('link', { name: name(SERVICES - 1), exact: true });
    const lastInView = async () => {
      await table.focus();
      await page.keyboard.press('End');
      if ((await last.count()) === 0) return false;
      const [region, link] = [await table.boundingBox(), await last.boundingBox()];
      return region !== null && link !== null && link.y >= region.y && link.y + link.height <= region.y + region.height;
    };
    await waitFor('the last service in view', lastInView, 120_000, 200);
    await page.getByText(`${SERVICES} of ${SERVICES} loaded`).waitFor();
    expect(await renderedRows(table)).toBeLessThan(60);
    expect(await table.getByRole('link', { name: name(0), exact: true }).count()).toBe(0); // scrolled away: not rendered
    await screenshot(page, 'services-1000-end');
  });

  it('filters on the server and opens a service with its slots', async () => {
    await page.getByLabel('Name contains').fill('lists-099');
    const table = page.getByRole('region', { name: 'Services table' });
    await page.getByText('10 of 10 loaded').waitFor(LONG);
    await rowsAre(
      table,
      Array.from({ length: 10 }, (_, i) => name(990 + i)),
    );
    await page.getByLabel('State').selectOption('true');
    await page.getByText('No service matches.').waitFor(LONG);
    await page.getByLabel('State').selectOption('');
    await table.getByRole('link', { name: name(999), exact: true }).click();
    await page.getByRole('heading', { name: `Service ${name(999)}` }).waitFor();
    const slots = page.getByRole('region', { name: 'Slots table' });
    await page.getByText(`${REPLICAS} of ${REPLICAS} loaded`).waitFor(LONG);
    await rowsAre(
      slots,
      Array.from({ length: REPLICAS }, (_, i) => String(i + 1)),
    );
  });
});
