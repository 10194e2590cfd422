import type { Page } from 'playwright-core';
import {
  gotoPage,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  SLEEPER_ARGS,
  startCluster,
  TEST_IMAGE,
  waitFor,
  type TestBrowser,
  type TestCluster,
} from '@shoal/testing';

/**
 * The console in Debian's Chromium against a real manager and agent on the real Docker
 * Engine: what an operator does and sees, step by step. The steps share one browser tab
 * and build on each other, as a person's session would.
 */
describe('console', () => {
  let cluster: TestCluster;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let serviceUrl: string;
  const SERVICE = 'e2e-web';
  const LONG = { timeout: 120_000 };
  /** Prints one line, then sleeps until stopped (and stops within a second of SIGTERM). */
  const PRINTER_ARGS = ['sh', '-c', `echo ready on $HOSTNAME; ${SLEEPER_ARGS[2]}`];

  beforeAll(async () => {
    cluster = await startCluster();
    base = cluster.manager.apiUrl.replace(/\/graphql$/, '');
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  /** Every page is checked the same way: no serious or critical axe violation, and a screenshot. */
  async function checkPage(name: string): Promise<void> {
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, name);
  }

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  /** Through the navigation to a page, once its heading shows (pages load lazily). */
  async function goTo(name: string): Promise<void> {
    await nav(name).click();
    await page.getByRole('heading', { name, level: 1, exact: true }).waitFor();
  }

  /** Through the navigation to the services list, then to the service's page. */
  async function openService(): Promise<void> {
    await goTo('Services');
    await page.getByRole('link', { name: SERVICE, exact: true }).click();
    await page.getByRole('heading', { name: `Service ${SERVICE}` }).waitFor();
  }

  it('refuses a wrong token with a clear message', async () => {
    await gotoPage(page, base);
    await checkPage('login');
    await page.getByRole('button', { name: 'Use an API token instead' }).click();
    await checkPage('login-token');
    await page.getByLabel('API token').fill('not-the-token');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The manager refused this token' }).waitFor();
    await screenshot(page, 'login-refused');
  });

  it('logs in with the admin token, by keyboard alone, and shows the dashboard', async () => {
    await gotoPage(page, base);
    await page.getByLabel('Username').waitFor();
    // Username, password, Log in, then the switch to the token form, which focuses its field.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Use an API token instead');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('token');
    await page.keyboard.type(cluster.manager.token);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const managers = page.getByRole('region', { name: 'Managers' });
    await managers.getByText('Quorum', { exact: true }).waitFor();
    expect(await managers.textContent()).toContain('1 of 1 reachable');
    await page.getByRole('region', { name: 'Nodes' }).getByText('1 ready').waitFor();
    await checkPage('dashboard');
  });

  it('moves through the pages with the keyboard', async () => {
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    // Tab through the header to the navigation, then to Nodes.
    for (let i = 0; i < 10 && (await page.evaluate('document.activeElement.textContent')) !== 'Nodes'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Nodes', level: 1 }).waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
  });

  it('creates a service with 3 replicas and shows it reach 3/3 without a reload', async () => {
    await goTo('Services');
    await checkPage('services-empty');
    await page.getByRole('link', { name: 'Create service' }).click();
    // The services page has a "Name contains" filter: fill the form's Name only once it shows.
    await page.getByRole('heading', { name: 'Create service', level: 1 }).waitFor();
    await page.getByText('As YAML or JSON').click();
    const yaml = page.getByRole('textbox', { name: 'Service input as YAML' });
    await yaml.waitFor();
    await page.evaluate('window.__sameDocument = true');

    await page.getByLabel('Name', { exact: true }).fill(SERVICE);
    await page.getByLabel('Image', { exact: true }).fill(TEST_IMAGE);
    await page.getByLabel('Replicas', { exact: true }).fill('2');
    await page.getByLabel('Arguments').fill(PRINTER_ARGS.join('\n'));
    await page.getByLabel('Reserved CPUs').fill('0.1');
    await page.getByLabel('Reserved memory (MiB)').fill('16');
    await checkPage('create-service');
    // The YAML follows the form; an edit of the YAML fills the form.
    const text = await yaml.innerText();
    expect(text).toContain(`name: ${SERVICE}\n`);
    await yaml.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(text.replace('replicas: 2', 'replicas: 3'));
    await waitFor('the form to take the replicas from the YAML', async () => (await page.getByLabel('Replicas', { exact: true }).inputValue()) === '3');
    await page.getByRole('button', { name: 'Create service' }).click();

    await page.getByRole('heading', { name: `Service ${SERVICE}` }).waitFor();
    await page.getByText('3/3 running').waitFor(LONG);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    serviceUrl = page.url();
    await checkPage('service');
  });

  it('opens its logs and shows a line the container printed', async () => {
    const log = page.getByRole('log', { name: `Logs of ${SERVICE}` });
    await log
      .getByText(new RegExp(`^${SERVICE}\\.[123]\\.[0-9a-z]{25}@\\S+ \\| ready on [0-9a-f]{12}$`))
      .first()
      .waitFor(LONG);
    await checkPage('service-logs');
  });

  it('shows the API error next to the field when the name is taken', async () => {
    await goTo('Services');
    await page.getByRole('link', { name: 'Create service' }).click();
    // The services page has a "Name contains" filter: fill the form's Name only once it shows.
    await page.getByRole('heading', { name: 'Create service', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(SERVICE);
    await page.getByLabel('Image', { exact: true }).fill(TEST_IMAGE);
    await page.getByRole('button', { name: 'Create service' }).click();
    await page.getByText(`a service named "${SERVICE}" already exists`).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'create-service-error');
  });

  it('scales to 5 and shows 5/5', async () => {
    await openService();
    await page.getByLabel('Replicas', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Scale' }).click();
    await page.getByText('5/5 running').waitFor(LONG);
    const slots = page.getByRole('region', { name: 'Tasks by slot' });
    expect(await slots.getByRole('rowheader').allTextContents()).toEqual(['1', '2', '3', '4', '5']);

    await goTo('Dashboard');
    await page.getByRole('region', { name: 'Services' }).getByText('1 converged · 0 converging').waitFor(LONG);
    await page.getByRole('region', { name: 'Tasks by state' }).getByText('RUNNING', { exact: true }).waitFor();
    // 5 tasks reserving 0.1 CPU and 16 MiB each, on the one node and in total.
    const capacity = page.getByRole('region', { name: 'CPU and memory reserved' });
    await capacity
      .getByRole('row', { name: /^All nodes/ })
      .getByText(/^0\.5 CPU of \d+ CPU/)
      .waitFor();
    expect(await capacity.getByRole('row', { name: /^All nodes/ }).textContent()).toContain('80.0 MiB of');
    await checkPage('dashboard-running');
  });

  it('drains the node and shows the tasks pending with the placement explanation', async () => {
    await goTo('Nodes');
    await checkPage('nodes');
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('button', { name: 'Drain' }).click();
    await page.getByText('DRAIN', { exact: true }).first().waitFor();
    await checkPage('node-drained');

    await openService();
    const explanation = page.getByRole('region', { name: '5 tasks wait for a node' });
    await explanation.waitFor(LONG);
    expect(await explanation.textContent()).toContain('node is drained');
    await page.getByText('0/5 running').waitFor(LONG);
    await checkPage('service-pending');
  });

  it('activates the node and the service runs 5/5 again', async () => {
    await goTo('Nodes');
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Node / }).waitFor();
    await page.getByRole('button', { name: 'Activate' }).click();
    await openService();
    await page.getByText('5/5 running').waitFor(LONG);
    expect(await page.getByRole('region', { name: /wait for a node/ }).count()).toBe(0);
  });

  it('edits the spec, shows the change before applying it, and the new tasks run', async () => {
    await page.getByRole('link', { name: 'Edit spec' }).click();
    await page.getByRole('heading', { name: `Edit service ${SERVICE}` }).waitFor();
    await page.getByLabel('Environment').fill('MODE=blue');
    await page.getByRole('button', { name: 'Review changes' }).click();
    const review = page.getByRole('region', { name: 'Review the changes' });
    await review.waitFor();
    expect(await review.getByRole('row').allTextContents()).toEqual(['FieldNowAfter', 'Environment(none)MODE=blue']);
    expect(await review.textContent()).toContain('All 5 running tasks are replaced');
    await checkPage('edit-service-review');
    await review.getByRole('button', { name: 'Apply changes' }).click();

    await page.getByRole('heading', { name: `Service ${SERVICE}` }).waitFor();
    await page.getByRole('region', { name: 'Spec' }).getByText('MODE=blue').waitFor();
    await page.getByText('5/5 running').waitFor(LONG);
  });

  it('rolls the edit back with the Roll back button, after asking', async () => {
    const rollout = page.getByRole('region', { name: /Rolling update in progress|Update completed|Rolling back|Rolled back/ });
    await rollout.getByRole('button', { name: 'Roll back' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm rollback' });
    expect(await confirm.textContent()).toContain(`Put the previous spec (${TEST_IMAGE}) back?`);
    await confirm.getByRole('button', { name: 'Roll back now' }).click();
    await page.getByRole('heading', { name: /Rolled back/ }).waitFor(LONG);
    expect(await rollout.textContent()).toContain('rollback completed: requested by rollbackService');
    await page.getByRole('region', { name: 'Spec' }).getByText('MODE=blue').waitFor({ state: 'detached' });
    expect(await rollout.getByRole('button', { name: 'Roll back' }).count()).toBe(0);
    await page.getByText('5/5 running').waitFor(LONG);
  });

  it('redeploys every task after asking, through a rolling update', async () => {
    const before = (await cluster.containers()).map((c) => c.Id);
    await page.getByRole('button', { name: 'Redeploy' }).click();
    const confirm = page.getByRole('group', { name: `Replace every task of ${SERVICE}? They are replaced batch by batch, as its update config says.` });
    await confirm.getByRole('button', { name: `Yes, redeploy ${SERVICE}` }).click();
    await page.getByRole('heading', { name: /Update completed/ }).waitFor(LONG);
    await page.getByText('5/5 running').waitFor(LONG);
    const after = await waitFor('5 new containers', async () => {
      const ids = (await cluster.containers()).map((c) => c.Id);
      return ids.length === 5 ? ids : undefined;
    });
    expect(after.filter((id) => before.includes(id))).toEqual([]);
  });

  it('shows an update that fails its health check live, slot by slot, until it has rolled back, without a reload', async () => {
    await goTo('Services');
    await checkPage('services');
    await openService();
    await page.evaluate('window.__sameDocument = true');
    const id = serviceUrl.split('/').pop()!;
    const { service } = await cluster.api.must<{ service: { version: number } }>(`{ service(id: "${id}") { version } }`);
    // As automation would start it: the new tasks turn unhealthy after a few probes, and the update rolls back.
    await cluster.api.must('mutation($id: ID!, $v: Int!, $i: UpdateServiceInput!) { updateService(id: $id, version: $v, input: $i) { id } }', {
      id,
      v: service.version,
      i: {
        healthCheck: { shell: 'echo broken; exit 1', intervalMs: 2000, retries: 3 },
        updateConfig: { parallelism: 1, failureAction: 'ROLLBACK', monitorMs: 10_000 },
      },
    });
    const rollout = page.getByRole('region', { name: /Rolling update in progress|Rolling back|Rolled back/ });
    await page.getByRole('heading', { name: /Rolling update in progress/ }).waitFor(LONG);
    const slots = rollout.getByRole('list', { name: 'Slots' });
    await slots.getByText('Slot 2: old spec').waitFor();
    await rollout.getByText('0 failed of 0 allowed').waitFor();
    await checkPage('service-rolling-update');

    await page.getByRole('heading', { name: /Rolled back/ }).waitFor(LONG);
    expect(await rollout.textContent()).toMatch(/rollback completed: 1 of 5 new tasks failed .*health check failed: broken/);
    await page.getByText('5/5 running').waitFor(LONG);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await checkPage('service-rolled-back');
  });

  it('labels the node, and the nodes list shows the label', async () => {
    await goTo('Nodes');
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Node / }).waitFor();
    await page.getByRole('textbox', { name: 'Labels' }).fill('zone=eu\nrack = r1');
    await page.getByRole('button', { name: 'Save labels' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await goTo('Nodes');
    await page.getByRole('table').getByText('zone=eu').waitFor();
    expect(await page.getByRole('table').getByText('rack=r1').count()).toBe(1);
  });

  it("shows on the node page why the only manager's node can be neither demoted nor removed", async () => {
    await goTo('Nodes');
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Node / }).waitFor();
    const managers = page.getByRole('region', { name: 'Managers' });
    await managers.getByText(/^Runs manager \S+: a voter, the leader, reachable\.$/).waitFor();
    await managers.getByRole('button', { name: 'Demote to worker' }).click();
    await managers.getByRole('alert').filter({ hasText: 'runs the last manager: promote another node first' }).waitFor();
    expect(await managers.getByRole('button', { name: /^Yes, demote/ }).isDisabled()).toBe(true);
    await managers.getByRole('button', { name: 'Remove node' }).click();
    await managers.getByRole('alert').filter({ hasText: 'is a manager: demote it first' }).waitFor();
    await checkPage('node-membership');
    await managers.getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows the cluster settings, managers and the join token on request', async () => {
    await goTo('Settings');
    await checkPage('settings');
    expect(await page.getByText('SHOALTKN-1-').count()).toBe(0);
    await page.getByRole('button', { name: 'Show the join token' }).click();
    await page.getByText(/SHOAL_JOIN_TOKEN=SHOALTKN-1-/).waitFor();
  });

  it('lists the changes live on the events page and filters them', async () => {
    await goTo('Events');
    await checkPage('events');
    const events = page.getByRole('list', { name: 'Events, newest first' });
    await events.getByText(`service ${SERVICE} updated`).first().waitFor();
    await page.getByLabel('Kind').selectOption('NODE');
    await events
      .getByText(/node .* updated: READY, ACTIVE/)
      .first()
      .waitFor();
    expect(await events.getByText(/^task /).count()).toBe(0);
  });

  it('says when the manager is away and catches up once it is back', async () => {
    await openService();
    await page.getByText('5/5 running').waitFor(LONG);
    await page.evaluate('window.__sameDocument = true');
    const connection = page.getByRole('banner').getByRole('status');

    await cluster.manager.process.kill('SIGTERM');
    await connection.filter({ hasText: 'Reconnecting' }).waitFor(LONG);
    await cluster.manager.start();
    const id = serviceUrl.split('/').pop()!;
    await waitFor('the restarted manager to take a scale', () => cluster.api.must(`mutation { scaleService(id: "${id}", replicas: 4) { id } }`));

    await page.getByText('4/4 running').waitFor(LONG);
    await connection.filter({ hasText: 'Live' }).waitFor(LONG);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
  });

  it('is usable on a narrow screen', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    const overflow = () => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    for (const [link, heading] of [
      ['Dashboard', 'Dashboard'],
      ['Nodes', 'Nodes'],
      ['Services', 'Services'],
      ['Events', 'Events'],
      ['Settings', 'Settings'],
    ]) {
      await nav(link).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await overflow()).toBe(0);
    }
    await openService();
    await page.getByRole('heading', { name: `Service ${SERVICE}` }).waitFor();
    expect(await overflow()).toBe(0);
    await screenshot(page, 'service-narrow');
    await goTo('Dashboard');
    await checkPage('dashboard-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('opens a page by its address and shows a missing page as such', async () => {
    await gotoPage(page, serviceUrl);
    await page.getByRole('heading', { name: `Service ${SERVICE}` }).waitFor();
    await gotoPage(page, `${base}/no/such/page`);
    await checkPage('not-found');
  });

  it('removes the service', async () => {
    await gotoPage(page, serviceUrl);
    await page.getByRole('button', { name: 'Remove service' }).click();
    await page.getByRole('button', { name: `Yes, remove ${SERVICE}` }).click();
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    await page.getByText('No services yet.').waitFor(LONG);
    expect(await cluster.api.must<{ services: { items: unknown[] } }>('{ services { items { id } } }')).toEqual({ services: { items: [] } });
  });

  it('logs out, and the login page stays after a reload', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Username').waitFor();
    await gotoPage(page, page.url());
    await page.getByLabel('Username').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
  });
});
