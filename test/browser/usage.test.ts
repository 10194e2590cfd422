import {
  logInWithToken,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  startCluster,
  startRedis,
  type TestBrowser,
  type TestCluster,
  type TestRedis,
} from '@shoal/testing';

/**
 * The dashboard's CPU and memory card in Debian's Chromium, against a real manager and
 * agent and a redis-server of the test's own: the figures appear and keep coming, and the
 * card says so when Redis goes away.
 */
describe('console: CPU and memory', () => {
  let redis: TestRedis;
  let cluster: TestCluster;
  let browser: TestBrowser;
  let hostname: string;

  beforeAll(async () => {
    redis = await startRedis();
    cluster = await startCluster({ manager: { SHOAL_REDIS_URL: redis.url, SHOAL_METRICS_INTERVAL_MS: '1000' }, agent: { SHOAL_METRICS_INTERVAL_MS: '1000' } });
    hostname = (await cluster.api.must<{ nodes: { items: { hostname: string }[] } }>('{ nodes { items { hostname } } }')).nodes.items[0].hostname;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
    await redis?.stop();
  });

  it('shows the cluster and the node over time, with the figures in words and in a table', async () => {
    const page = browser.page;
    await logInWithToken(page, cluster.manager.apiUrl.replace(/\/graphql$/, ''), cluster.manager.token);
    const card = page.getByRole('region', { name: 'CPU and memory' });
    // Two samples make a range: the summary then speaks of "the last minute".
    await card.getByRole('img', { name: /^Cluster: CPU \d+\.\d %, memory .* used .*over the last/ }).waitFor({ timeout: 60_000 });
    await card.getByRole('img', { name: new RegExp(`^${hostname}: CPU \\d+\\.\\d %`) }).waitFor();
    const row = card.getByRole('row', { name: new RegExp(hostname) });
    await row.getByRole('cell', { name: /^\d+\.\d %$/ }).waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toMatch(/ of /);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-usage');
  });

  it('says the history is unavailable while Redis is down, and the charts come back after', async () => {
    const page = browser.page;
    const card = page.getByRole('region', { name: 'CPU and memory' });
    await redis.stop();
    await card.getByRole('status').filter({ hasText: 'History is unavailable' }).waitFor({ timeout: 30_000 });
    await redis.start();
    await card.getByRole('status').waitFor({ state: 'detached', timeout: 30_000 });
    await card.getByRole('img', { name: /^Cluster: .*over the last/ }).waitFor({ timeout: 30_000 });
  });
});
