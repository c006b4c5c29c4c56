import { admin, expect, openApp, screenshotBothSizes, seriousViolations, test, testPassword } from './fixtures';

test.describe.configure({ mode: 'serial' });
// A bridge of its own: this file starts from a database with no account at all.
test.use({ bridgeArgs: ['--demo-customers', '1200'] });

const executive = { displayName: 'Dilani Fernando', username: 'dilani', password: testPassword };

test('first start: create the administrator, who adds a Marketing Executive', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Create the administrator account' })).toBeVisible();
  expect(await seriousViolations(page), 'first start').toEqual([]);
  await screenshotBothSizes(page, 'auth-first-start');

  await page.getByLabel('Your name').fill(admin.displayName);
  await page.getByLabel('User name').fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Password again').fill('something else');
  await page.getByRole('button', { name: 'Create administrator account' }).click();
  await expect(page.getByRole('alert')).toHaveText('The two passwords are not the same. Type them again.');
  expect(app.query<number>('SELECT count(*) FROM users')).toBe(0);

  await page.getByLabel('Password again').fill(admin.password);
  await page.getByRole('button', { name: 'Create administrator account' }).click();
  const me = page.getByTestId('signed-in-user');
  await expect(me).toContainText(admin.displayName);
  await expect(me).toContainText('Administrator');
  const hash = app.query<string>(`SELECT password_hash FROM users WHERE username = '${admin.username}'`);
  expect(hash).toMatch(/^scrypt\$/);
  expect(hash).not.toContain(admin.password);

  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await expect(menu.getByRole('button')).toHaveText(['Customer Segmentation', 'Import Data', 'Reports History', 'Settings', 'Sign out']);
  await menu.getByRole('button', { name: 'Settings' }).click();
  const users = page.getByRole('region', { name: 'Users' });
  const adding = users.getByRole('form', { name: 'Add a user' });
  await adding.getByLabel('Name', { exact: true }).fill(executive.displayName);
  await adding.getByLabel('User name').fill(executive.username);
  await adding.getByLabel('Role').selectOption('marketingExecutive');
  await adding.getByLabel('First password').fill('short');
  await adding.getByRole('button', { name: 'Add user' }).click();
  await expect(users.getByRole('alert')).toHaveText('A password needs at least 8 characters');
  await adding.getByLabel('First password').fill(executive.password);
  await adding.getByRole('button', { name: 'Add user' }).click();
  await expect(users.getByRole('status')).toHaveText(`Added ${executive.displayName} as Marketing Executive. Give them their user name and password.`);
  await expect(users.getByRole('row', { name: new RegExp(executive.displayName) })).toContainText('Active');
  expect(app.query<string>(`SELECT role FROM users WHERE username = '${executive.username}'`)).toBe('marketingExecutive');
  expect(await seriousViolations(page), 'Settings with users and audit log').toEqual([]);
  await screenshotBothSizes(page, 'auth-settings-admin');

  await menu.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await seriousViolations(page), 'sign in').toEqual([]);
  await screenshotBothSizes(page, 'auth-sign-in');
});

test('five wrong passwords lock the account, even against the right one, until an administrator unlocks it', async ({ page, app }) => {
  await page.goto(app.url);
  const signIn = async (username: string, password: string) => {
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  for (let i = 1; i <= 4; i++) {
    await signIn(executive.username, `wrong-password-${i}`);
    await expect(page.getByRole('alert')).toHaveText(/user name or password is not right/);
  }
  await signIn(executive.username, 'wrong-password-5');
  await expect(page.getByRole('alert')).toHaveText(/account is locked for 5 minutes \(until \d\d:\d\d\)/);
  await signIn(executive.username, executive.password);
  await expect(page.getByRole('alert')).toHaveText(/This account is locked after 5 wrong passwords/);
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
  expect(app.query<number>(`SELECT locked_until > 0 FROM users WHERE username = '${executive.username}'`)).toBe(1);
  await screenshotBothSizes(page, 'auth-locked');

  // The administrator sees the lock in the audit log and lifts it.
  await signIn(admin.username, admin.password);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Settings' }).click();
  const audit = page.getByRole('region', { name: 'Audit log' });
  await expect(audit.getByRole('row', { name: /dilani Account locked 5 wrong passwords/ })).toBeVisible();
  const users = page.getByRole('region', { name: 'Users' });
  const row = users.getByRole('row', { name: new RegExp(executive.displayName) });
  await expect(row).toContainText(/Locked until \d\d:\d\d/);
  await row.getByRole('button', { name: 'Unlock' }).click();
  await expect(row).toContainText('Active');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Sign out' }).click();
});

test('a Marketing Executive sees segments but cannot open user management, imports or settings', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByLabel('User name').fill(executive.username);
  await page.getByLabel('Password').fill(executive.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const me = page.getByTestId('signed-in-user');
  await expect(me).toContainText(`${executive.displayName}Marketing Executive`);
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await expect(menu.getByRole('button')).toHaveText(['Customer Segmentation', 'Reports History', 'Settings', 'Sign out']);
  await expect(page.getByRole('region', { name: 'Customer segments' })).toContainText('ask them to open Customer Segmentation');

  await menu.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('region', { name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Audit log' })).toHaveCount(0);
  await screenshotBothSizes(page, 'auth-settings-executive');
  // Not just hidden: the backend refuses the executive's own calls too.
  for (const call of ['listUsers', 'listAuditLog', 'listImports']) {
    expect(await app.call(call), call).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  }
  expect(await app.call('addUser', { displayName: 'Eve', username: 'eve', role: 'administrator', password: 'let-me-in-please' })).toMatchObject({
    ok: false,
    error: { kind: 'forbidden', message: 'Managing users needs an administrator. Ask your administrator if you need it.' },
  });
  expect(app.query<number>("SELECT count(*) FROM users WHERE username = 'eve'")).toBe(0);
});

test('the session ends after the idle time the administrator sets, and the sign-in screen says why', async ({ page, app }) => {
  test.setTimeout(180_000);
  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Sign out after').fill('1');
  await page.getByRole('region', { name: 'Your account' }).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Everyone is now signed out after 1 minute without activity.')).toBeVisible();
  // Nobody touches the page for a minute.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 100_000 });
  await expect(page.getByRole('status')).toHaveText('You were signed out after 1 minute without activity. Sign in again to go on.');
  expect(await app.call('getDashboardSummary')).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
  expect(app.query<string>("SELECT action FROM audit_log WHERE action <> 'refused' ORDER BY id DESC LIMIT 1")).toBe('sessionExpired');
  // The call made after the session ended is in the audit log as refused, made by nobody signed in.
  expect(app.query<string>("SELECT coalesce(username, 'not signed in') || ' ' || detail FROM audit_log ORDER BY id DESC LIMIT 1")).toBe('not signed in getDashboardSummary: needs permission view');
  // Put it back for whoever comes next.
  await openApp(page, app);
  expect(await app.call('setIdleMinutes', { minutes: 15 })).toMatchObject({ ok: true });
});
