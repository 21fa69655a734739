/**
 * Dev tool: drives the Octopus UI mimic in real Chromium, checks its behaviour, and saves screenshots.
 *
 *   npx tsx test/emulator/ui/preview.ts                 # starts the emulator (scale 'tiny') itself
 *   npx tsx test/emulator/ui/preview.ts --url http://127.0.0.1:8080   # uses a running emulator
 *   options: --out /tmp (screenshot folder, files ui-*.png), --headful
 *
 * Exits non-zero when a check fails. Checks look at behaviour the extension depends on (routes, auth,
 * the project menu being rebuilt on navigation), never at the mimic's generated class names.
 */
import puppeteer, { type Page } from 'puppeteer-core';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const OUT = option('out') ?? '/tmp';

const results: { name: string; ok: boolean; detail?: string }[] = [];
function check(name: string, ok: boolean, detail?: string) {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

async function startServer(): Promise<{ url: string; close(): Promise<void> | void }> {
  const url = option('url');
  if (url) return { url: url.replace(/\/$/, ''), close() {} };
  const { startEmulator } = await import('../server');
  return startEmulator({ scale: 'tiny', port: 0 });
}

const server = await startServer();
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: !args.includes('--headful'),
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems: string[] = [];

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  page.on('pageerror', (error) => problems.push(`page error: ${error}`));
  page.on('console', (message) => {
    // Failed HTTP responses are logged by Chromium too; those are judged by the checks, not here.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    const url = response.url();
    if (response.status() >= 400 && !url.endsWith('/favicon.ico') && !url.endsWith('/api/users/login') && !url.endsWith('/api/users/me')) {
      console.log(`     (${response.status()} ${response.request().method()} ${url.slice(server.url.length)})`);
    }
  });
  page.on('requestfailed', (request) => {
    if (!request.failure()?.errorText.includes('ERR_ABORTED')) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  // Anything not from the server itself would be an external resource.
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) problems.push(`external request: ${request.url()}`);
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });

  // ---- sign in ---------------------------------------------------------------------------------------
  await page.goto(`${server.url}/app#/Spaces-1/projects`, { waitUntil: 'networkidle0' });
  check('signed-out visit goes to sign-in with redirectTo', page.url().includes('#/users/sign-in?redirectTo=%2FSpaces-1%2Fprojects'), page.url());
  await shot(page, 'signin');
  await signIn(page, 'admin', 'wrong-password');
  const error = await page.waitForFunction(() => document.querySelector('[role="alert"]:not([hidden])')?.textContent, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => '');
  check('failed sign-in shows the API ErrorMessage', Boolean(error), String(error));
  await signIn(page, 'admin', 'octopus');
  await page.waitForFunction(() => location.hash === '#/Spaces-1/projects', { timeout: 5000 }).catch(() => {});
  check('sign-in returns to redirectTo', (await page.evaluate(() => location.hash)) === '#/Spaces-1/projects');
  await settle(page);
  await shot(page, 'projects');

  // ---- a project, via a projects-list card (history.pushState, no hashchange) -----------------------------
  const hashchanges = await page.evaluate(() => {
    (window as unknown as { __hc: number }).__hc = 0;
    window.addEventListener('hashchange', () => (window as unknown as { __hc: number }).__hc++);
    return 0;
  });
  const projectHref = await page.$$eval('main a[href*="/projects/"]', (links) => links.map((l) => l.getAttribute('href')).find((h) => h?.endsWith('/deployments')));
  check('projects list links to project overviews', Boolean(projectHref), String(projectHref));
  const slug = String(projectHref).split('/projects/')[1].split('/')[0];
  const adminSlugs = await page.evaluate(async () => {
    const list = await (await fetch('/api/Spaces-1/projects?take=100000')).json();
    return (list.Items ?? []).map((p: { Slug: string }) => p.Slug) as string[];
  });
  await page.click(`main a[href="${projectHref}"]`);
  await settle(page);
  const afterPush = await page.evaluate(() => ({ hash: location.hash, hc: (window as unknown as { __hc: number }).__hc }));
  check('project card navigates with pushState (no hashchange)', afterPush.hash === projectHref && afterPush.hc === hashchanges, JSON.stringify(afterPush));
  await shot(page, 'project-overview');

  const nav = await describeProjectNav(page, slug);
  check('project menu links Overview/Releases/Process/Variables/Settings/Runbooks/Insights', ['deployments', 'deployments/releases', 'deployments/process', 'variables', 'settings', 'operations/runbooks', 'insights/overview'].every((s) => nav.subroutes.includes(s)), nav.subroutes.join(', '));
  check('navigation carries no ids or data-* attributes', nav.idsOrData === 0, `${nav.idsOrData} found`);
  check('class names look generated', nav.classes.every((c) => /^(css-[0-9a-z]+|_[0-9a-z]+)$/.test(c)), nav.classes.slice(0, 6).join(' '));

  // ---- remount on navigation --------------------------------------------------------------------------
  await page.evaluate(() => {
    const link = document.querySelector('a[href$="/variables"]');
    const marker = document.createElement('li');
    marker.textContent = 'Injected';
    link?.closest('ul')?.append(marker);
    (window as unknown as { __oldLink: Element | null }).__oldLink = link;
    (window as unknown as { __marker: Element }).__marker = marker;
  });
  await page.click('a[href$="/deployments/releases"]');
  await settle(page);
  const remount = await page.evaluate(() => {
    const w = window as unknown as { __oldLink: Element; __marker: Element };
    return { markerGone: !w.__marker.isConnected, linkReplaced: !w.__oldLink.isConnected && document.querySelector('a[href$="/variables"]') !== null };
  });
  check('side menu is rebuilt on hashchange (injected entry removed)', remount.markerGone && remount.linkReplaced, JSON.stringify(remount));
  await shot(page, 'releases');

  const releaseHref = await page.$eval('main table a[href*="/deployments/releases/"]', (a) => a.getAttribute('href')).catch(() => null);
  if (releaseHref) {
    await page.click(`main table a[href="${releaseHref}"]`);
    await settle(page);
    check('release page renders', (await page.$eval('main h1', (h) => h.textContent)).startsWith('Release'), releaseHref);
    await shot(page, 'release');
    const deploymentHref = await page.$eval('main table a[href*="/deployments/Deployments-"]', (a) => a.getAttribute('href')).catch(() => null);
    if (deploymentHref) {
      await page.click(`main a[href="${deploymentHref}"]`);
      await settle(page);
      await shot(page, 'deployment');
      const taskLink = await page.$eval('main a[href*="/tasks/ServerTasks-"]', (a) => a.getAttribute('href')).catch(() => null);
      check('deployment page shows state and links its task', Boolean(taskLink), String(taskLink));
    }
  } else check('project has releases', false);

  for (const sub of ['deployments/process', 'deployments/channels', 'deployments/triggers', 'variables', 'settings', 'operations/runbooks', 'insights/overview']) {
    await go(page, `#/Spaces-1/projects/${slug}/${sub}`);
    const active = await page.$eval('a[aria-current="page"][href*="/projects/"]', (a) => a.getAttribute('href')).catch(() => null);
    check(`project ${sub} renders with its menu entry active`, Boolean(active?.endsWith(sub)), String(active));
    if (sub === 'settings' || sub === 'insights/overview') await shot(page, `project-${sub.replace('/', '-')}`);
  }

  // ---- id-based links from the API's Web links ----------------------------------------------------------
  const ids = await page.evaluate(async (s) => {
    const project = await (await fetch(`/api/Spaces-1/projects/${s}`)).json();
    const deps = await (await fetch(`/api/Spaces-1/deployments?projects=${project.Id}&take=1`)).json();
    return { projectId: project.Id, deploymentId: deps.Items[0]?.Id, releaseId: deps.Items[0]?.ReleaseId };
  }, slug);
  await go(page, `#/Spaces-1/projects/${ids.projectId}`);
  check('#/Spaces-1/projects/<id> → slug overview', (await hash(page)) === `#/Spaces-1/projects/${slug}/deployments`, await hash(page));
  if (ids.releaseId) {
    await go(page, `#/Spaces-1/releases/${ids.releaseId}`);
    check('#/Spaces-1/releases/<id> → release route', /\/deployments\/releases\/[^/]+$/.test(await hash(page)), await hash(page));
    await go(page, `#/Spaces-1/deployments/${ids.deploymentId}`);
    check('#/Spaces-1/deployments/<id> → deployment route', (await hash(page)).endsWith(`/deployments/${ids.deploymentId}`), await hash(page));
  }

  // ---- space pages ----------------------------------------------------------------------------------------
  for (const [route, name] of [
    ['#/Spaces-1', 'dashboard'],
    ['#/Spaces-1/tasks', 'tasks'],
    ['#/Spaces-1/infrastructure/environments', 'environments'],
    ['#/Spaces-1/tenants', 'tenants'],
    ['#/Spaces-1/insights/reports', 'insights-reports'],
    ['#/Spaces-1/no/such/page', 'not-found'],
  ]) {
    await go(page, route);
    const text = await page.$eval('main', (m) => m.textContent ?? '');
    check(`${route} renders`, text.length > 0 && !text.includes('Something went wrong'), text.slice(0, 80));
    await shot(page, name);
  }
  check('unknown route shows Page not found', (await page.$eval('main', (m) => m.textContent)).includes('Page not found'));
  await go(page, '#/Spaces-1/tasks');
  const taskHref = await page.$eval('main table a[href*="/tasks/ServerTasks-"]', (a) => a.getAttribute('href')).catch(() => null);
  if (taskHref) {
    await go(page, taskHref);
    await shot(page, 'task');
    check('task page renders', !(await page.$eval('main', (m) => m.textContent)).includes('Something went wrong'));
  }

  // ---- dark theme, narrow window ------------------------------------------------------------------------------
  await go(page, `#/Spaces-1/projects/${slug}/deployments`);
  await openMenu(page, 'User menu');
  await clickMenuItem(page, 'Dark theme');
  check('theme toggle sets data-theme=dark and color-scheme', (await page.evaluate(() => [document.documentElement.dataset.theme, getComputedStyle(document.documentElement).colorScheme].join())) === 'dark,dark');
  await page.setViewport({ width: 1000, height: 760 });
  await settle(page);
  await shot(page, 'project-overview-dark-1000');
  await go(page, '#/Spaces-1');
  await shot(page, 'dashboard-dark-1000');
  await page.reload({ waitUntil: 'networkidle0' });
  check('theme persists across reloads', (await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark');
  await openMenu(page, 'User menu');
  await shot(page, 'user-menu-dark');
  await clickMenuItem(page, 'Dark theme');
  await page.setViewport({ width: 1280, height: 860 });

  // ---- space switcher -------------------------------------------------------------------------------------
  await openMenu(page, 'Switch space');
  await page.waitForSelector('[role="menu"]:not([hidden]) a[href^="#/Spaces-"]');
  await shot(page, 'space-switcher');
  const spaceLinks = await page.$$eval('[role="menu"]:not([hidden]) a[href^="#/Spaces-"]', (as) => as.map((a) => a.getAttribute('href')));
  check('space switcher lists spaces', spaceLinks.length > 0, spaceLinks.join(' '));
  await page.keyboard.press('Escape');

  // ---- session expiry and sign out ------------------------------------------------------------------------
  const csrfCookie = await page.evaluate(() => document.cookie.split('; ').find((c) => c.startsWith('Octopus-Csrf-Token_')));
  const sentHeader = new Promise<string | undefined>((resolve) => {
    page.on('request', (request) => {
      if (request.url().endsWith('/api/users/logout')) resolve(request.headers()['x-octopus-csrf-token']);
    });
  });
  await go(page, '#/Spaces-1/projects');
  await openMenu(page, 'User menu');
  await clickMenuItem(page, 'Sign out');
  const header = await Promise.race([sentHeader, new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000))]);
  check('sign out sends X-Octopus-Csrf-Token exactly as the cookie stores it', Boolean(header) && csrfCookie?.slice(csrfCookie.indexOf('=') + 1) === header, `${header}`);
  await page.waitForFunction(() => location.hash.startsWith('#/users/sign-in'), { timeout: 5000 }).catch(() => {});
  check('sign out goes to the sign-in page', (await hash(page)).startsWith('#/users/sign-in'), await hash(page));

  // A later 401 (cookie gone) sends the user back to sign-in, remembering where they were.
  await signIn(page, 'admin', 'octopus');
  await page.waitForFunction(() => !location.hash.startsWith('#/users/sign-in'), { timeout: 5000 }).catch(() => {});
  await go(page, `#/Spaces-1/projects/${slug}/settings`);
  const cookies = await page.cookies();
  await page.deleteCookie(...cookies.filter((c) => c.name.startsWith('OctopusIdentificationToken')));
  await go(page, `#/Spaces-1/projects/${slug}/deployments/releases`);
  check('a 401 after sign-in returns to sign-in with redirectTo', (await hash(page)).startsWith('#/users/sign-in?redirectTo=%2FSpaces-1%2Fprojects'), await hash(page));

  // ---- the restricted user ------------------------------------------------------------------------------
  await signIn(page, 'restricted', 'octopus');
  await page.waitForFunction(() => !location.hash.startsWith('#/users/sign-in'), { timeout: 5000 }).catch(() => {});
  await settle(page);
  await shot(page, 'restricted-after-signin');
  await go(page, '#/Spaces-1/projects');
  await shot(page, 'restricted-projects');
  const visible = await page.evaluate(async () => {
    const list = await (await fetch('/api/Spaces-1/projects?take=100000')).json();
    return (list.Items ?? []).map((p: { Slug: string }) => p.Slug) as string[];
  });
  const hidden = adminSlugs.find((s) => !visible.includes(s));
  if (hidden) {
    await go(page, `#/Spaces-1/projects/${hidden}/deployments`);
    const alert = await page.$eval('main [role="alert"]', (a) => a.textContent ?? '').catch(() => '');
    check('a project the user may not see shows the API ErrorMessage', alert.length > 0, alert);
    await shot(page, 'restricted-forbidden');
  } else {
    console.log('     (skipped the forbidden-project check: the restricted user sees every project)');
  }
} finally {
  await browser.close();
  await server.close();
}

for (const problem of problems) console.log(`FAIL ${problem}`);
const failed = results.filter((r) => !r.ok).length + problems.length;
console.log(`\n${results.length - results.filter((r) => !r.ok).length}/${results.length} checks passed, ${problems.length} page problems; screenshots in ${OUT}/ui-*.png`);
process.exitCode = failed ? 1 : 0;

// ---- helpers ----------------------------------------------------------------------------------------------

async function signIn(page: Page, username: string, password: string) {
  await page.waitForSelector('input[autocomplete="username"]');
  await page.$eval('input[autocomplete="username"]', (i) => ((i as HTMLInputElement).value = ''));
  await page.$eval('input[type="password"]', (i) => ((i as HTMLInputElement).value = ''));
  await page.type('input[autocomplete="username"]', username);
  await page.type('input[type="password"]', password);
  await page.click('button[type="submit"]');
}

/** Waits until the page has no loading indicator and the network is quiet. */
async function settle(page: Page) {
  await page.waitForNetworkIdle({ idleTime: 150, timeout: 5000 }).catch(() => {});
  await page.waitForFunction(() => !document.querySelector('[role="status"]'), { timeout: 5000 }).catch(() => {});
}

async function go(page: Page, route: string) {
  await page.evaluate((r) => (location.hash = r), route);
  await new Promise((r) => setTimeout(r, 30));
  await settle(page);
}

function hash(page: Page) {
  return page.evaluate(() => location.hash);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${OUT}/ui-${name}.png` as `${string}.png` });
}

async function openMenu(page: Page, label: string) {
  await page.click(`button[aria-label="${label}"]`);
}

async function clickMenuItem(page: Page, text: string) {
  await page.evaluate((t) => {
    const items = [...document.querySelectorAll('[role="menu"]:not([hidden]) [role^="menuitem"]')] as HTMLElement[];
    items.find((i) => i.textContent?.includes(t))?.click();
  }, text);
  await settle(page);
}

/** The project menu as an extension would find it: links to the project's own sub-routes. */
function describeProjectNav(page: Page, slug: string) {
  return page.evaluate((s) => {
    const prefix = `#/Spaces-1/projects/${s}/`;
    const links = [...document.querySelectorAll('a[href]')].filter((a) => a.getAttribute('href')?.startsWith(prefix));
    const nav = links.map((a) => a.closest('nav')).find(Boolean);
    const elements = nav ? [nav, ...nav.querySelectorAll('*')] : [];
    return {
      subroutes: links.filter((a) => nav?.contains(a)).map((a) => a.getAttribute('href')!.slice(prefix.length)),
      idsOrData: elements.filter((e) => e.id || [...e.attributes].some((a) => a.name.startsWith('data-'))).length,
      classes: [...new Set(elements.flatMap((e) => [...e.classList]))],
    };
  }, slug);
}
