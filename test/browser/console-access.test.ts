import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { gotoPage, launchBrowser, screenshot, seriousAxeViolations, startManager, type ManagerHandle, type TestBrowser } from '@shoal/testing';

/**
 * Password login, logout, API tokens, users and cluster settings in the console, in
 * Debian's Chromium against a real manager. The users are created through the API, as
 * an admin with the bootstrap token would.
 */
describe('console: access and settings', () => {
  let manager: ManagerHandle;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  const ADMIN = { username: 'e2e-admin', password: 'correct horse battery' };
  const VIEWER = { username: 'e2e-viewer', password: 'viewer password 1' };

  beforeAll(async () => {
    manager = await startManager();
    base = manager.apiUrl.replace(/\/graphql$/, '');
    for (const [u, role] of [
      [ADMIN, 'ADMIN'],
      [VIEWER, 'VIEWER'],
    ] as const)
      await manager.api.must('mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { ...u, role } });
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await manager?.process.kill('SIGTERM');
    if (manager) rmSync(manager.dataDir, { recursive: true, force: true });
  });

  async function checkPage(name: string): Promise<void> {
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, name);
  }

  async function logIn(user: { username: string; password: string }): Promise<void> {
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
  }

  const goTo = async (name: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name, level: 1, exact: true }).waitFor();
  };

  /** What the manager says to a request carrying this session cookie. */
  async function withCookie(cookie: string): Promise<string | undefined> {
    const res = await fetch(manager.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `shoal_session=${cookie}`, 'x-shoal-csrf': '1' },
      body: JSON.stringify({ query: '{ me { name } }' }),
    });
    const body = (await res.json()) as { data?: { me: { name: string } }; errors?: { extensions?: { code?: string } }[] };
    return body.data?.me.name ?? body.errors?.[0]?.extensions?.code;
  }

  it('refuses a wrong password with a message a person understands', async () => {
    await gotoPage(page, base);
    await checkPage('login-password');
    await logIn({ username: ADMIN.username, password: 'not the password' });
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password, or this user is disabled' }).waitFor();
    expect(await page.getByLabel('Password').inputValue()).toBe('');
  });

  it('logs in with a username and password and shows the dashboard', async () => {
    await logIn(ADMIN);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('banner').getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await page.getByRole('banner').getByText('e2e-admin (admin)').waitFor();
    const cookies = await browser.context.cookies(base);
    expect(cookies.find((c) => c.name === 'shoal_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  });

  it('creates an API token, shows its secret once, and revokes it', async () => {
    await goTo('Settings');
    await page.getByLabel('Token name').fill('e2e-ci');
    await page.getByLabel('Token role').selectOption('VIEWER');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByLabel('Secret of token e2e-ci').textContent())!.trim();
    expect(secret).toMatch(/^shoal_/);
    expect(await manager.api.withToken(secret).must<{ me: { name: string; role: string } }>('{ me { name role } }')).toEqual({
      me: { name: 'e2e-ci', role: 'VIEWER' },
    });
    await checkPage('settings-token-created');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByText(secret).count()).toBe(0);
    await page.getByRole('row', { name: /e2e-ci VIEWER e2e-admin/ }).waitFor();

    await page.getByRole('button', { name: 'Revoke e2e-ci' }).click();
    await page.getByRole('button', { name: 'Yes, revoke e2e-ci' }).click();
    await page.getByRole('row', { name: /e2e-ci/ }).waitFor({ state: 'detached' });
    const refused = await manager.api.withToken(secret).request('{ me { name } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('changes a cluster setting, and refuses a bad value at its field', async () => {
    await page.getByLabel('Task history limit').fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.getByLabel('Task history limit').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Task history limit').fill('7');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await manager.api.must('{ cluster { settings { taskHistoryLimit } } }')).toEqual({ cluster: { settings: { taskHistoryLimit: 7 } } });
    await page.getByText('7 finished tasks kept per slot').waitFor();
    // The heartbeat period too: it applies at once, and the node stays up at the new pace.
    await page.getByLabel('Heartbeat period (ms)').fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('every 500 ms; a node is down after 3 missed heartbeats').waitFor();
    expect(await manager.api.must('{ cluster { settings { heartbeatPeriodMs heartbeatGrace } } }')).toEqual({
      cluster: { settings: { heartbeatPeriodMs: 500, heartbeatGrace: 3 } },
    });
    await checkPage('settings-admin');
  });

  it('lists users for an admin, who can disable one', async () => {
    await goTo('Users');
    await page.getByRole('row', { name: /e2e-viewer VIEWER/ }).waitFor();
    await checkPage('users');
    await page.getByRole('button', { name: 'Disable e2e-viewer' }).click();
    await page.getByRole('button', { name: 'Enable e2e-viewer' }).waitFor();
    expect(await manager.api.must<{ users: { items: { username: string; disabled: boolean }[] } }>('{ users { items { username disabled } } }')).toMatchObject({
      users: { items: expect.arrayContaining([{ username: 'e2e-viewer', disabled: true }]) },
    });
    await page.getByRole('button', { name: 'Enable e2e-viewer' }).click();
    await page.getByRole('button', { name: 'Disable e2e-viewer' }).waitFor();
  });

  it('is usable on a narrow screen', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      const overflow = () => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      for (const name of ['Settings', 'Users']) {
        await goTo(name);
        expect(await overflow()).toBe(0);
        await checkPage(`${name.toLowerCase()}-narrow`);
      }
      await goTo('Services');
      await page.getByRole('link', { name: 'Create service' }).click();
      // The services page has a "Name contains" filter: fill the form's Name only once it shows.
      await page.getByRole('heading', { name: 'Create service', level: 1 }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('a-service-with-a-rather-long-name');
      await page.getByLabel('Image', { exact: true }).fill('registry.example.com/some/long/path/image:1.2.3');
      await page.getByText('As YAML or JSON').click();
      await page.getByRole('textbox', { name: 'Service input as YAML' }).getByText('name: a-service-with-a-rather-long-name').waitFor();
      expect(await overflow()).toBe(0);
      await checkPage('create-service-yaml-narrow');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('logs out, ending the session on the manager', async () => {
    const cookie = (await browser.context.cookies(base)).find((c) => c.name === 'shoal_session')!.value;
    expect(await withCookie(cookie)).toBe(ADMIN.username);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Username').waitFor();
    expect(await withCookie(cookie)).toBe('UNAUTHENTICATED');
    await gotoPage(page, `${base}/settings`);
    await page.getByLabel('Username').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
  });

  it('shows a viewer only what a viewer may do', async () => {
    await logIn(VIEWER);
    // The login page kept the address it was opened at.
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Managers' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Show the join token' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'API tokens' }).count()).toBe(0);
    await checkPage('settings-viewer');
    await goTo('Users');
    await page.getByText('Only admins create and change users.').waitFor();
    await page.getByRole('region', { name: 'Change your password' }).waitFor();
  });
});
