/**
 * A new user's first hour (issue 17) in real Chromium or Firefox (`E2E_BROWSER`) against the emulator: the
 * panel reached, used and closed with the keyboard alone from the top of an Octopus project page; axe-core
 * on the panel, popup, options and report pages; the popup's and the default report's numbers equal for the
 * same space and range, and equal to the ground truth; the expired-session, forbidden-project and
 * never-deployed states; and a range reaching before a project's first deployment, whose rate is over the
 * days with history. Every number is computed here from the emulator's history (test/support/).
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryFile } from '../emulator/history-file';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { expectedSpace } from '../support/ground-truth';
import { referenceMetrics } from '../support/reference-metrics';
import { customWindow } from '../support/report-reference';
import { axeViolations } from './axe';
import { type ExtensionBrowser, gotoExtensionPage, launchWithExtension, screenshot, signIn, waitForPanelFrame } from './browser';

const SPACE = 'Spaces-1';
const DAY = 86_400_000;
const ZONE = 'UTC';
/**
 * A young project: first deployed to its production environment 3 to 14 weeks before the emulator's clock
 * (the generated history moves with the clock, so it is picked from it), with the most deployments since.
 */
let NEW_PROJECT = '';

let emulator: RunningEmulator;
let ext: ExtensionBrowser;
let page: Page;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Each project's production environment from the history: the last of its default channel's lifecycle. */
function production(history: HistoryFile, spaceId: string): Map<string, { environment: string; channel: string }> {
  const space = history.Spaces.find((s) => s.Space.Id === spaceId)!;
  const byOrder = [...space.Environments].sort((a, b) => a.SortOrder - b.SortOrder).map((e) => e.Id);
  const out = new Map<string, { environment: string; channel: string }>();
  for (const project of space.Projects) {
    const channels = space.Channels.filter((c) => c.ProjectId === project.Id).sort((a, b) => a.Name.localeCompare(b.Name));
    const channel = channels.find((c) => c.IsDefault) ?? channels[0];
    const lifecycle = space.Lifecycles.find((l) => l.Id === (channel?.LifecycleId ?? project.LifecycleId));
    const reached = (lifecycle?.Phases ?? []).flatMap((p) => [...p.AutomaticDeploymentTargets, ...p.OptionalDeploymentTargets]);
    const last = (reached.length ? reached : byOrder).at(-1);
    if (last && channel) out.set(project.Id, { environment: last, channel: channel.Id });
  }
  return out;
}

/** The four figures over every project's production environment in `window`, as Octopus defines them. */
function productionTruth(window: { from: number; to: number }) {
  const history = emulator.history();
  const prod = production(history, SPACE);
  const space = expectedSpace(history, SPACE);
  const blocked = new Set(space.releases.filter((r) => r.blocked).map((r) => r.id));
  let successful = 0;
  let failed = 0;
  let total = 0;
  for (const d of space.deployments) {
    if (prod.get(d.project)?.environment !== d.environment || d.completed === null || d.completed < window.from || d.completed >= window.to) continue;
    if (d.state !== 'Success' && d.state !== 'Failed') continue;
    total++;
    const success = d.state === 'Success' && !d.guidedFailure;
    if (success) successful++;
    if (!success || blocked.has(d.release)) failed++;
  }
  return { successful, rate: total ? failed / total : null, total };
}

/** A project's successful deployments to its production environment that finished in `window`. */
function projectSuccesses(projectId: string, window: { from: number; to: number }): number {
  const environment = production(emulator.history(), SPACE).get(projectId)?.environment;
  return expectedSpace(emulator.history(), SPACE).deployments.filter(
    (d) => d.project === projectId && d.environment === environment && d.state === 'Success' && !d.guidedFailure && d.completed !== null && d.completed >= window.from && d.completed < window.to,
  ).length;
}

const panelRoute = (slug: string, query = '') => `#/${SPACE}/projects/${slug}/deployments${query}`;

async function openPanel(slug: string, query: string): Promise<Frame> {
  // A new document: a hash change alone keeps an open panel with its view.
  await page.goto('about:blank');
  await page.goto(`${emulator.url}/app${panelRoute(slug, `?doraLens=insights${query}`)}`);
  return waitForPanelFrame(page, { project: slug, timeout: 60_000 });
}

/** What the host page's focus is on: the panel (its container), a DORA Lens entry, or a host element. */
const hostFocus = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    const ours = el?.closest('[data-dora-lens]')?.getAttribute('data-dora-lens');
    return ours ?? `${el?.tagName.toLowerCase()}:${el?.textContent?.trim().slice(0, 30)}`;
  });

/** Waits until Octopus's page under the panel has no request of its own left to make. */
async function hostSettled() {
  await page.waitForFunction(() => document.querySelector('main') !== null && document.querySelector('.loading') === null, { timeout: 30_000, polling: 100 });
}

/** Waits for `selector` in the panel; failing, says what the panel showed instead. */
async function waitInPanel(frame: Frame, selector: string, timeout = 60_000) {
  try {
    return (await frame.waitForSelector(selector, { timeout }))!;
  } catch (error) {
    const text = await frame.$eval('body', (el) => el.textContent?.replace(/\s+/g, ' ').slice(0, 600)).catch(() => '(no body)');
    throw new Error(`${selector} not in the panel: it shows “${text}”`, { cause: error });
  }
}

function youngProject(): string {
  const history = emulator.history();
  const prod = production(history, SPACE);
  const truth = expectedSpace(history, SPACE);
  const now = emulator.now();
  const candidates = history.Spaces.find((s) => s.Space.Id === SPACE)!.Projects.flatMap((p) => {
    const target = prod.get(p.Id);
    const finished = truth.deployments.filter((d) => d.project === p.Id && d.channel === target?.channel && d.environment === target?.environment && d.completed !== null);
    if (finished.length === 0) return [];
    const first = Math.min(...finished.map((d) => d.completed!));
    const since = finished.filter((d) => d.state === 'Success' && d.completed! < now - 3 * DAY).length;
    return first > now - 100 * DAY && first < now - 20 * DAY && since >= 3 ? [{ slug: p.Slug, since }] : [];
  });
  if (candidates.length === 0) throw new Error('no young project in the generated history');
  return candidates.sort((a, b) => b.since - a.since)[0].slug;
}

beforeAll(async () => {
  emulator = await startEmulator({ scale: 'demo', port: 0, seed: 9 });
  NEW_PROJECT = youngProject();
  ext = await launchWithExtension();
  await ext.evaluateInExtension(`chrome.storage.local.set({ settings: { timeZone: '${ZONE}' } })`);
  page = await ext.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await signIn(page, emulator.url, EMULATOR_USERS.admin, panelRoute(NEW_PROJECT));
});

afterAll(async () => {
  await ext?.close();
  await emulator?.close();
});

describe('a new user’s first hour', () => {
  it('reaches the panel from the top of a project page with the keyboard alone, and Escape returns to the entry', async () => {
    // A warm cache first, so the panel opened below shows its controls at once.
    await openPanel(NEW_PROJECT, '');
    await waitInPanel(await waitForPanelFrame(page), '[data-testid="frequency-value"]', 90_000);
    await page.goto('about:blank');
    await page.goto(`${emulator.url}/app${panelRoute(NEW_PROJECT)}`);
    await page.waitForSelector('[data-dora-lens="nav-entry"]', { timeout: 15_000 });
    const currentLinks = () =>
      page.evaluate(() => {
        const list = document.querySelector('[data-dora-lens="nav-entry"]')!.parentElement!;
        return [...list.querySelectorAll('a[aria-current]')].map((a) => (a.closest('[data-dora-lens]') ? 'DORA Lens' : a.textContent?.trim()));
      });
    const before = await currentLinks();
    expect(before).toHaveLength(1);
    expect(before[0]).not.toBe('DORA Lens');

    // From the top of the page: Tab until the menu entry.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let presses = 0;
    while ((await hostFocus()) !== 'nav-entry' && presses < 80) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await hostFocus()).toBe('nav-entry');
    await page.keyboard.press('Enter');
    const frame = await waitForPanelFrame(page, { project: NEW_PROJECT });
    await waitInPanel(frame, '[data-testid="frequency-value"]', 60_000);
    // The focus moved into the panel; the entry is the current page, and Octopus's item gave it up.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-dora-lens') === 'panel', { timeout: 10_000 });
    expect(await currentLinks()).toEqual(['DORA Lens']);
    // What the panel covers is out of the tab order.
    expect(await page.evaluate(() => document.querySelectorAll('[inert][data-dora-lens-inert]').length)).toBeGreaterThan(0);
    await screenshot(page, 'first-hour-panel-keyboard');

    // Every control of the panel, reached by Tab alone, in order.
    const controls = await frame.evaluate(() => {
      const all = [...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), [tabindex="0"]')].filter(
        (el) => el.getClientRects().length > 0 && !el.closest('[inert]'),
      );
      all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
      return all.length;
    });
    expect(controls).toBeGreaterThan(5);
    const reached = new Set<string>();
    for (let i = 0; i < controls + 20 && reached.size < controls; i++) {
      await page.keyboard.press('Tab');
      const at = await frame.evaluate(() => (document.hasFocus() ? document.activeElement?.getAttribute('data-kb') : null));
      if (at === null || at === undefined) {
        if (reached.size > 0) break;
        continue;
      }
      reached.add(at);
    }
    expect(reached.size, `reached ${[...reached].join(',')}`).toBe(controls);

    // Escape on the last control: the panel closes, the entry has the focus, and Octopus's item is current again.
    expect(await frame.evaluate(() => document.hasFocus())).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-dora-lens="panel"]'), { timeout: 10_000 });
    await page.waitForFunction(() => document.activeElement?.closest('[data-dora-lens]')?.getAttribute('data-dora-lens') === 'nav-entry', { timeout: 10_000 });
    expect(await currentLinks()).toEqual(before);
    expect(await page.evaluate(() => document.querySelectorAll('[inert]').length)).toBe(0);
    expect(await page.evaluate(() => location.hash)).not.toContain('doraLens');
  });

  it('states where the history starts, and rates over the days since, as the ground truth gives', async () => {
    const now = emulator.now();
    const range = { from: isoDay(now - 120 * DAY), to: isoDay(now - 3 * DAY) };
    const frame = await openPanel(NEW_PROJECT, `&range=custom&from=${range.from}&to=${range.to}`);
    await waitInPanel(frame, '[data-testid="history-start"]', 60_000);

    const space = emulator.history().Spaces.find((s) => s.Space.Id === SPACE)!;
    const project = space.Projects.find((p) => p.Slug === NEW_PROJECT)!;
    const { environment, channel } = production(emulator.history(), SPACE).get(project.Id)!;
    const truth = expectedSpace(emulator.history(), SPACE);
    const finished = truth.deployments.filter((d) => d.project === project.Id && d.channel === channel && d.environment === environment && d.completed !== null);
    const first = Math.min(...finished.map((d) => d.completed!));
    const start = Date.UTC(new Date(first).getUTCFullYear(), new Date(first).getUTCMonth(), new Date(first).getUTCDate());
    const window = customWindow(range.from, range.to, ZONE);
    expect(start, 'the range reaches before the first deployment').toBeGreaterThan(window.from);

    const r = referenceMetrics(truth.deployments, truth.releases, { project: project.Id, channel, environment, tenant: 'all', ...window });
    expect(r.successful).toBeGreaterThan(0);
    const coveredDays = (window.to - start) / DAY;
    const perWeek = Number(await frame.$eval('[data-testid="frequency-value"]', (el) => el.getAttribute('data-value')));
    expect(perWeek).toBeCloseTo((r.successful / coveredDays) * 7, 9);
    expect(Number(await frame.$eval('[data-testid="frequency-sample"]', (el) => el.getAttribute('data-value')))).toBe(r.successful);

    const stated = await frame.$eval('[data-testid="history-start"]', (el) => el.textContent ?? '');
    const day = new Date(start);
    expect(stated).toMatch(/^History starts /);
    expect(stated).toContain(String(day.getUTCDate()));
    expect(stated).toContain(String(day.getUTCFullYear()));
    expect(stated).toContain(`${Math.round(coveredDays)} days`);
    await screenshot(page, 'first-hour-history-start');
  });

  it('says what is wrong with a custom range whose From is after its To, instead of "nothing deployed"', async () => {
    const frame = await waitForPanelFrame(page, { project: NEW_PROJECT });
    const before = await frame.$eval('[data-testid="frequency-value"]', (el) => el.getAttribute('data-value'));
    const to = await frame.$eval('#f-to', (el) => (el as HTMLInputElement).value);
    const later = isoDay(Date.parse(`${to}T00:00:00Z`) + 5 * DAY);
    await frame.$eval(
      '#f-from',
      (el, v) => {
        const input = el as HTMLInputElement;
        input.value = v;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      later,
    );
    const problem = await waitInPanel(frame, '[data-testid="range-problem"]', 10_000);
    expect(await problem.evaluate((el) => ({ text: el.textContent, role: el.getAttribute('role') }))).toEqual({ text: 'From must be on or before To.', role: 'alert' });
    expect(await frame.$eval('#f-from', (el) => el.getAttribute('aria-invalid'))).toBe('true');
    // The half-typed range is not applied: the numbers stay those of the last whole range.
    expect(await frame.$('[data-testid="panel-empty"]')).toBeNull();
    expect(await frame.$eval('[data-testid="frequency-value"]', (el) => el.getAttribute('data-value'))).toBe(before);
    expect(await page.evaluate(() => location.hash)).not.toContain(`from=${later}`);
    await screenshot(page, 'first-hour-range-problem');
  });

  it('links every deployment and release in the table to its page in Octopus', async () => {
    const frame = await waitForPanelFrame(page, { project: NEW_PROJECT });
    const links = await frame.$$eval('table a', (els) => els.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(new RegExp(`^${emulator.url.replace(/[.]/g, '\\.')}/app#/${SPACE}/(deployments/Deployments|releases/Releases)-\\d+$`));
    // The emulator's web app resolves them, as Octopus's does.
    const deployment = links.find((l) => l.includes('/deployments/'))!;
    const id = deployment.split('/').at(-1)!;
    const response = await fetch(`${emulator.url}/api/${SPACE}/deployments/${id}`, { headers: (await emulator.signIn('admin')).headers });
    expect(response.status).toBe(200);
  });

  it('has no axe-core violations on the panel', async () => {
    const frame = await waitForPanelFrame(page, { project: NEW_PROJECT });
    expect(await axeViolations(frame)).toEqual([]);
  });

  it('shows the same production numbers in the popup and the default report, equal to the ground truth', async () => {
    await page.goto(`${emulator.url}/app#/${SPACE}`);
    const popup = await ext.openPopup(page);
    await popup.waitForFunction(() => document.querySelector('[data-testid="space-summary"]')?.getAttribute('data-state') === 'ready', { timeout: 90_000 });
    const window = await popup.$eval('[data-testid="space-summary"]', (el) => ({ from: Number(el.getAttribute('data-from')), to: Number(el.getAttribute('data-to')) }));
    const popupValue = (id: string) => popup.$eval(`[data-testid="summary-${id}-value"]`, (el) => el.getAttribute('data-value') ?? '');
    const fromPopup = { successful: await popupValue('frequency'), rate: await popupValue('failureRate'), leadTime: await popupValue('leadTime'), recovery: await popupValue('recovery') };
    expect(await popup.$eval('body', (el) => el.textContent ?? '')).toContain('Production environments');
    expect(await axeViolations(popup), 'popup').toEqual([]);
    await popup.close();

    const truth = productionTruth(window);
    expect(truth.total).toBeGreaterThan(0);
    expect(Number(fromPopup.successful)).toBe(truth.successful);
    expect(Number(fromPopup.rate)).toBeCloseTo(truth.rate!, 12);

    const report = await ext.browser.newPage();
    await gotoExtensionPage(report, ext.extensionUrl(`insights.html#server=${encodeURIComponent(emulator.url)}&space=${SPACE}&view=report`));
    const first = await report.waitForSelector('[data-testid="report-view"], [data-testid="continue-here"]', { timeout: 90_000 });
    if (await first!.evaluate((el) => el.getAttribute('data-testid') === 'continue-here')) await first!.click();
    await report.waitForSelector('[data-testid="report-view"] [data-testid="frequency-sample"]', { timeout: 90_000 });
    expect(await report.$eval('[data-testid="report-title"]', (el) => el.textContent)).toBe('Production environments');
    const reportValue = (id: string, part = 'value') => report.$eval(`[data-testid="${id}-${part}"]`, (el) => el.getAttribute('data-value') ?? '');
    const fromReport = { successful: await reportValue('frequency', 'sample'), rate: await reportValue('failureRate'), leadTime: await reportValue('leadTime'), recovery: await reportValue('recovery') };
    expect(fromReport).toEqual(fromPopup);
    // Every card that uses the scope says so.
    const scopes = await report.$$eval('[data-testid="report-cards"] [data-testid$="-scope"]', (els) => els.map((el) => el.textContent ?? ''));
    expect(scopes.length).toBeGreaterThanOrEqual(4);
    for (const scope of scopes) expect(scope).toContain('Production environments');
    // Octopus's trend lists, each change with its samples and whether it is beyond noise: the samples are each
    // project's successful production deployments in the 30 days and the 30 before, as the ground truth counts them.
    const trends = await report.$$eval('[data-testid="trends-project"] li[data-group-key]', (els) =>
      els.map((el) => ({ key: el.getAttribute('data-group-key') ?? '', noise: el.querySelector('[data-testid="trend-noise"]')?.textContent ?? '' })),
    );
    expect(trends.length).toBeGreaterThan(0);
    const before = { from: window.from - (window.to - window.from), to: window.from };
    for (const t of trends) {
      const [, n1, n2] = /^n = ([\d,]+) → ([\d,]+) · (?:beyond noise \(p [<=] [\d.]+\)|within noise \(p = [\d.]+\)|not enough data to tell)$/.exec(t.noise) ?? [];
      expect(n1, t.noise).toBeDefined();
      expect([Number(n1.replace(/,/g, '')), Number(n2.replace(/,/g, ''))], t.key).toEqual([projectSuccesses(t.key, before), projectSuccesses(t.key, window)]);
    }
    await report.$eval('[data-testid="trends-project"]', (el) => el.scrollIntoView());
    await screenshot(report, 'first-hour-report-trends');
    await report.evaluate(() => scrollTo(0, 0));
    await screenshot(report, 'first-hour-report-default');
    expect(await axeViolations(report), 'report').toEqual([]);
    await report.close();
  });

  it('has no axe-core violations on the options page', async () => {
    const options = await ext.browser.newPage();
    await gotoExtensionPage(options, ext.extensionUrl('options.html'));
    await options.waitForSelector('main, h1', { timeout: 15_000 });
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });

  it('shows one clear empty state for a project never deployed', async () => {
    const sandbox = emulator.history().Spaces.find((s) => s.Space.Name === 'Sandbox')!;
    expect(sandbox.Deployments).toHaveLength(0);
    const slug = sandbox.Projects[0].Slug;
    await page.goto(`${emulator.url}/app#/${sandbox.Space.Id}/projects/${slug}/deployments?doraLens=insights`);
    const frame = await waitForPanelFrame(page, { project: slug, timeout: 60_000 });
    const empty = await waitInPanel(frame, '[data-testid="panel-empty"]', 90_000);
    expect(await empty!.evaluate((el) => el.textContent)).toContain('never been deployed');
    const text = await frame.$eval('body', (el) => el.textContent ?? '');
    expect(text).not.toMatch(/0\.00 \/ week|No tier|Not rated|not enough deployments/);
    expect(await frame.$$('[data-metric]')).toHaveLength(0);
    await screenshot(page, 'first-hour-never-deployed');
  });

  it('after an expired session, asks to sign in without calling the old numbers current, and signing in returns to the same view', async () => {
    const frame = await openPanel(NEW_PROJECT, '&range=lastYear');
    await waitInPanel(frame, '[data-testid="frequency-value"]', 60_000);
    // The cached numbers can show before Octopus's own page under the panel has loaded: a request of its
    // still on the way after the expiry gets a 401, and Octopus's page then goes to sign-in by itself.
    await hostSettled();
    emulator.expireSessions();
    await frame.click('[data-testid="sync-bar"] button');
    const link = await waitInPanel(frame, '[data-testid="error-not-signed-in"] a', 60_000);
    const status = await frame.$eval('[data-testid="last-synced"]', (el) => ({ text: el.textContent ?? '', stale: el.getAttribute('data-stale') }));
    expect(status.stale).toBe('true');
    // Not "Synced just now" as if current: it says the numbers are not up to date, and why.
    expect(status.text).toMatch(/^Not up to date: signed out of Octopus\. Last synced /);
    await screenshot(page, 'first-hour-expired-session');

    // The link is Octopus's sign-in on the same server, and brings the user back to this panel view.
    const href = (await link!.evaluate((a) => a.getAttribute('href')))!;
    expect(href.startsWith(`${emulator.url}/app#/users/sign-in?redirectTo=`)).toBe(true);
    await Promise.all([page.waitForFunction(() => location.hash.startsWith('#/users/sign-in'), { timeout: 15_000 }), link!.click()]);
    await (await page.waitForSelector('::-p-aria(Username)', { timeout: 15_000 }))!.type(EMULATOR_USERS.admin.username);
    await (await page.waitForSelector('::-p-aria(Password)'))!.type(EMULATOR_USERS.admin.password);
    await (await page.waitForSelector('::-p-aria([name="Sign in"][role="button"])'))!.click();
    await page.waitForFunction((route) => location.hash.startsWith(route), { timeout: 15_000 }, panelRoute(NEW_PROJECT, '?doraLens=insights'));
    expect(await page.evaluate(() => location.hash)).toContain('range=lastYear');
    const back = await waitForPanelFrame(page, { project: NEW_PROJECT, timeout: 30_000 });
    await waitInPanel(back, '[data-testid="frequency-value"]', 60_000);
  });
});

describe('after "Clear" in the options', () => {
  it('an open panel no longer shows the cleared numbers as current', async () => {
    const frame = await openPanel(NEW_PROJECT, '');
    await waitInPanel(frame, '[data-testid="frequency-value"]', 60_000);
    const options = await ext.browser.newPage();
    await gotoExtensionPage(options, ext.extensionUrl('options.html'));
    await (await options.waitForSelector('::-p-aria([name="Clear all"][role="button"])', { timeout: 15_000 }))!.click();
    await options.waitForFunction(() => document.querySelector('[data-testid="caches-notice"]')?.textContent === 'Cleared all cached data.', { timeout: 15_000 });
    await options.close();
    await page.bringToFront();
    await waitInPanel(frame, '[data-testid="cache-cleared"]', 15_000);
    expect(await frame.$('[data-metric]')).toBeNull();
    expect(await frame.$eval('body', (el) => el.textContent ?? '')).not.toContain('Synced just now');
    await screenshot(page, 'first-hour-cache-cleared');

    // Syncing again is a first sync: one bar across its steps that never starts over, with the time left.
    emulator.setFaults(`latency=150ms:route=/api/${SPACE}/*`);
    await frame.click('[data-testid="cache-cleared"] button');
    const seen: { value: number; text: string }[] = [];
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      const now = await frame.evaluate(() => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid="sync-progress"]');
        // An indeterminate bar (no value yet) says nothing about the progress.
        return bar ? { value: bar.hasAttribute('value') ? bar.value : -1, text: document.querySelector('[data-testid="sync-progress-text"]')?.textContent ?? '' } : null;
      });
      if (now) seen.push(now);
      else if (seen.length > 0) break;
      if (seen.length === 20) await screenshot(page, 'first-hour-first-sync-progress');
      await new Promise((r) => setTimeout(r, 150));
    }
    emulator.setFaults('');
    const values = seen.map((s) => s.value).filter((v) => v >= 0);
    expect(values.length, seen.map((s) => s.text).join(' | ')).toBeGreaterThan(5);
    for (let i = 1; i < values.length; i++) expect(values[i], `progress ${values.slice(0, i + 1).join(', ')}`).toBeGreaterThanOrEqual(values[i - 1]);
    expect(new Set(values).size).toBeGreaterThan(2);
    expect(seen.some((s) => /left$/.test(s.text))).toBe(true);
    await waitInPanel(frame, '[data-testid="frequency-value"]', 60_000);
  });
});

describe('a project Octopus forbids', () => {
  let restricted: ExtensionBrowser;
  let tab: Page;
  beforeAll(async () => {
    restricted = await launchWithExtension();
    tab = await restricted.browser.newPage();
    await tab.setViewport({ width: 1280, height: 900 });
    await signIn(tab, emulator.url, EMULATOR_USERS.restricted);
  });
  afterAll(async () => {
    await restricted?.close();
  });

  it('gets no floating button, and an open panel says Octopus does not allow it', async () => {
    const { cookie } = await emulator.signIn('restricted');
    const space = emulator.history().Spaces.find((s) => s.Space.Id === SPACE)!;
    let forbidden: string | undefined;
    for (const p of space.Projects) {
      const status = (await fetch(`${emulator.url}/api/${SPACE}/projects/${p.Id}`, { headers: { Cookie: cookie } })).status;
      if (status === 403) {
        forbidden = p.Slug;
        break;
      }
    }
    expect(forbidden, 'the restricted user has a project Octopus forbids').toBeDefined();

    await tab.goto(`${emulator.url}/app#/${SPACE}/projects/${forbidden}/deployments`);
    await tab.waitForFunction(() => document.body.textContent?.includes('You do not have permission'), { timeout: 15_000 });
    // Past the menu's grace period and the worker's answer: still no button.
    await new Promise((r) => setTimeout(r, 4000));
    expect(await tab.$('[data-dora-lens="overlay"], [data-dora-lens="nav-entry"]')).toBeNull();
    await screenshot(tab, 'first-hour-forbidden-page');

    await tab.goto(`${emulator.url}/app#/${SPACE}/projects/${forbidden}/deployments?doraLens=insights`);
    const frame = await waitForPanelFrame(tab, { project: forbidden, timeout: 60_000 });
    const notice = await waitInPanel(frame, '[data-testid="project-forbidden"]', 90_000);
    expect(await notice!.evaluate((el) => el.textContent)).toContain('permission');
    expect(await frame.$('[data-metric]')).toBeNull();
    await screenshot(tab, 'first-hour-forbidden-panel');
  });
});
