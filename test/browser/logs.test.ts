import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  gotoPage,
  logInWithToken,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  startCluster,
  TEST_IMAGE,
  waitFor,
  type TestBrowser,
  type TestCluster,
} from '@shoal/testing';

/** The Logs section of a service page in Debian's Chromium, against a real manager and agent on the real engine. */
describe('console: service logs', () => {
  let cluster: TestCluster;
  let browser: TestBrowser;
  let page: Page;
  let serviceId: string;
  let taskId: string;
  let hostname: string;
  const SERVICE = 'e2e-logs';

  beforeAll(async () => {
    cluster = await startCluster();
    const { createService } = await cluster.api.must<{ createService: { id: string } }>(
      'mutation($input: CreateServiceInput!) { createService(input: $input) { id } }',
      {
        input: {
          name: SERVICE,
          image: TEST_IMAGE,
          replicas: 1,
          args: ['sh', '-c', 'echo hello-from-the-container; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.3; done'],
        },
      },
    );
    serviceId = createService.id;
    taskId = await waitFor('a running task', async () => {
      const { tasks } = await cluster.api.must<{ tasks: { items: { id: string; status: { state: string } }[] } }>(
        'query($id: ID!) { tasks(filter: { serviceId: $id }) { items { id status { state } } } }',
        { id: serviceId },
      );
      return tasks.items.find((t) => t.status.state === 'RUNNING')?.id;
    });
    hostname = (await cluster.api.must<{ nodes: { items: { description: { hostname: string } }[] } }>('{ nodes { items { description { hostname } } } }')).nodes
      .items[0].description.hostname;
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  it('shows the lines the container printed, with task and node, live; searches and downloads them', async () => {
    const base = cluster.manager.apiUrl.replace(/\/graphql$/, '');
    await logInWithToken(page, base, cluster.manager.token);
    await gotoPage(page, `${base}/services/${serviceId}`);
    await page.getByRole('heading', { name: 'Logs', level: 2 }).waitFor();

    const log = page.getByRole('log', { name: `Logs of ${SERVICE}` });
    const prefix = `${SERVICE}.1.${taskId}@${hostname} |`;
    await log.getByText(`${prefix} hello-from-the-container`).waitFor();
    // Following: ticks keep arriving after the page opened.
    const lastTick = async () => Number(/tick (\d+)$/.exec((await log.locator('.log-line').last().textContent()) ?? '')?.[1] ?? -1);
    const seen = await lastTick();
    await waitFor('a newer tick', async () => (await lastTick()) > seen);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'service-logs');

    await page.getByLabel('Search').fill('HELLO-from');
    await waitFor('only the hello line', async () => (await log.locator('.log-line').count()) === 1);
    expect(await log.locator('.log-line').textContent()).toBe(`${prefix} hello-from-the-container`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .txt' }).click()]);
    expect(download.suggestedFilename()).toBe(`${SERVICE}-logs.txt`);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text).toMatch(new RegExp(`^${SERVICE}\\.1\\.${taskId}@${hostname} \\| \\d{4}-\\d\\d-\\d\\dT\\S+Z hello-from-the-container\\n$`));
  });
});
