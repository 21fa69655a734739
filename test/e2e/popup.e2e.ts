/**
 * The toolbar popup's space summary in real Chromium or Firefox (`E2E_BROWSER`) against the emulator,
 * opened as a click on the toolbar button would (`action.openPopup()` while the Octopus tab is active;
 * test/e2e/browser.ts `openPopup` says how Firefox's popup is reached). The numbers shown
 * and the exported CSV are checked against the emulator's ground truth, computed here from its
 * Octopus-shaped history (never with lib/summary/space-summary): for `admin` everything, for `restricted` only
 * what the emulator shows that user.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryFile } from '../emulator/history-file';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { type ExpectedDeployment, expectedSpace } from '../support/ground-truth';
import { rateGoal, wilson95 } from '../support/reference-metrics';
import { ARTIFACTS, emulateColorScheme, type ExtensionBrowser, launchWithExtension, signIn, unnamedControls, waitForDownload } from './browser';

const SPACE = 'Spaces-1';
const SUMMARY = '[data-testid="space-summary"]';
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ scale: 'tiny', port: 0, seed: 7 });
});
afterAll(async () => {
  await emulator?.close();
});

// ------------------------------------------------------------------------------------------ ground truth

/**
 * Each project's production environment, from the history itself: the last environment of the lifecycle of
 * the project's default channel (the channel's own lifecycle, else the project's).
 */
function productionEnvironments(history: HistoryFile): Map<string, string> {
  const space = history.Spaces.find((s) => s.Space.Id === SPACE)!;
  const byOrder = [...space.Environments].sort((a, b) => a.SortOrder - b.SortOrder).map((e) => e.Id);
  const production = new Map<string, string>();
  for (const project of space.Projects) {
    const channels = space.Channels.filter((c) => c.ProjectId === project.Id).sort((a, b) => a.Name.localeCompare(b.Name));
    const channel = channels.find((c) => c.IsDefault) ?? channels[0];
    const lifecycle = space.Lifecycles.find((l) => l.Id === (channel?.LifecycleId ?? project.LifecycleId));
    const reached = (lifecycle?.Phases ?? []).flatMap((p) => [...p.AutomaticDeploymentTargets, ...p.OptionalDeploymentTargets]);
    const last = (reached.length ? reached : byOrder).at(-1);
    if (last) production.set(project.Id, last);
  }
  return production;
}

interface Truth {
  deployments: ExpectedDeployment[];
  /** Successful deployments (frequency): task Success, no guided failure, whatever the release. */
  successful: number;
  /** Failures in the failure rate. */
  failed: number;
  /** Finished Success or Failed: the failure rate's denominator. */
  total: number;
}

/**
 * Octopus's definitions, what completed in [from, to): the frequency counts successful deployments; the
 * failure rate counts deployments that failed, needed a guided failure or — `blockedIsFailure`, the
 * default — whose release is blocked by prevent progression ("Do not promote").
 */
function truthFor(window: { from: number; to: number }, visible?: { deployments: Set<string>; releases: Set<string> }, blockedIsFailure = true): Truth {
  const history = emulator.history();
  const production = productionEnvironments(history);
  const space = expectedSpace(history, SPACE, visible);
  const blocked = new Set(space.releases.filter((r) => r.blocked).map((r) => r.id));
  const deployments = space.deployments.filter(
    (d) => production.get(d.project) === d.environment && d.completed !== null && d.completed >= window.from && d.completed < window.to,
  );
  let successful = 0;
  let failed = 0;
  let total = 0;
  for (const d of deployments) {
    if (d.state !== 'Success' && d.state !== 'Failed') continue;
    total++;
    const success = d.state === 'Success' && !d.guidedFailure;
    if (success) successful++;
    if (!success || (blockedIsFailure && blocked.has(d.release))) failed++;
  }
  return { deployments, successful, failed, total };
}

/**
 * Marks "Do not promote" (an unresolved defect, through Octopus's API as a user would) on the release of a
 * successful deployment to a project's production in the last 20 days, so the summary has a blocked
 * release to count: in the frequency, and as a failure in the failure rate while the option is on.
 */
async function blockAReleaseInProduction(): Promise<string> {
  const history = emulator.history();
  const production = productionEnvironments(history);
  const space = expectedSpace(history, SPACE);
  const since = emulator.now() - 20 * 86_400_000;
  // A release without an unresolved defect yet: Octopus takes one per release (the history has some already).
  const blocked = new Set(space.releases.filter((r) => r.blocked).map((r) => r.id));
  const deployment = space.deployments.find(
    (d) =>
      production.get(d.project) === d.environment && d.state === 'Success' && !d.guidedFailure && d.completed !== null && d.completed >= since && !blocked.has(d.release),
  );
  if (!deployment) throw new Error('no successful production deployment in the last 20 days to block');
  const { headers } = await emulator.signIn('admin');
  const response = await fetch(`${emulator.url}/api/${SPACE}/releases/${deployment.release}/defects`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ Description: 'Found in production' }),
  });
  if (!response.ok) throw new Error(`reporting a defect: ${response.status} ${await response.text()}`);
  return deployment.release;
}

/** What the emulator lets a user see, read page by page with a plain loop (not lib/octopus). */
async function visibleTo(user: keyof typeof EMULATOR_USERS) {
  const { cookie } = await emulator.signIn(user);
  const ids = async (list: string, field = 'Id') => {
    const out = new Set<string>();
    for (let skip = 0; ; skip += 500) {
      const page = await (await fetch(`${emulator.url}/api/${SPACE}/${list}?skip=${skip}&take=500`, { headers: { Cookie: cookie } })).json();
      for (const item of page.Items) out.add(item[field]);
      if (!page.Links['Page.Next']) return out;
    }
  };
  return { deployments: await ids('deployments'), releases: await ids('releases'), projectNames: await ids('projects', 'Name') };
}

// ------------------------------------------------------------------------------------------ the browser

/** RFC 4180, enough for the export: quoted fields with commas, quotes and line breaks; BOM and CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') field += s[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && s[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

interface Session {
  ext: ExtensionBrowser;
  tab: Page;
  downloads: string;
}

async function startBrowser(): Promise<Session> {
  const ext = await launchWithExtension();
  const downloads = mkdtempSync(path.join(tmpdir(), 'dora-lens-downloads-'));
  // Downloads land in a folder of ours, without a prompt, whichever page starts them (the popup here).
  await ext.downloadsTo(downloads);
  const tab = await ext.browser.newPage();
  return { ext, tab, downloads };
}

async function closeBrowser(s: Session | undefined) {
  await s?.ext.close();
  if (s) rmSync(s.downloads, { recursive: true, force: true });
}

/** Opens the toolbar popup over the active Octopus tab, as a click on the toolbar button does. */
async function openPopup(s: Session): Promise<Page> {
  const popup = await s.ext.openPopup(s.tab);
  await popup.waitForSelector(SUMMARY);
  return popup;
}

const waitForState = (popup: Page, ...states: string[]) =>
  popup.waitForFunction(
    (selector, wanted) => wanted.includes(document.querySelector(selector)?.getAttribute('data-state') ?? ''),
    { timeout: 60_000 },
    SUMMARY,
    states,
  );

const summaryState = (popup: Page) => popup.$eval(SUMMARY, (el) => el.getAttribute('data-state'));
const windowOf = (popup: Page) =>
  popup.$eval(SUMMARY, (el) => ({ from: Number(el.getAttribute('data-from')), to: Number(el.getAttribute('data-to')) }));
const rawValue = (popup: Page, metric: string) => popup.$eval(`[data-testid="summary-${metric}-value"]`, (el) => el.getAttribute('data-value'));

/**
 * The popup as a user sees it: headless Chromium gives popup pages a fixed 410 × 510 window, while a real
 * popup takes the body's size (up to 800 × 600). Clip to the document instead of the window.
 */
async function popupScreenshot(popup: Page, name: string): Promise<void> {
  const { width, height } = await popup.evaluate(() => ({ width: document.body.scrollWidth, height: document.documentElement.scrollHeight }));
  mkdirSync(ARTIFACTS, { recursive: true });
  await popup.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), clip: { x: 0, y: 0, width, height }, captureBeyondViewport: true });
}

const localDay = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

// ------------------------------------------------------------------------------------------ tests

describe('Popup space summary, admin', () => {
  let s: Session;
  let popup: Page;
  beforeAll(async () => {
    await blockAReleaseInProduction();
    s = await startBrowser();
    await signIn(s.tab, emulator.url, EMULATOR_USERS.admin, `#/${SPACE}`);
  });
  afterAll(() => closeBrowser(s));

  it('shows the first sync’s progress, then the summary', async () => {
    // Slow the space's requests so the first sync stays visible long enough to look at.
    emulator.setFaults(`latency=400ms:route=/api/${SPACE}/*`);
    popup = await openPopup(s);
    await waitForState(popup, 'first-sync');
    await popup.waitForSelector('[data-testid="sync-bar"] progress');
    expect(await popup.$eval('[data-testid="summary-first-sync"]', (el) => el.textContent)).toContain('first time');
    await popupScreenshot(popup, 'popup-first-sync');
    emulator.setFaults('');
    await waitForState(popup, 'ready');
    expect(await popup.$eval('[data-testid="last-synced"]', (el) => el.textContent)).toContain('Synced just now');
  });

  it('shows the production numbers of the last 30 days that the ground truth gives', async () => {
    const window = await windowOf(popup);
    expect(window.to - window.from).toBe(30 * 86_400_000);
    const truth = truthFor(window);
    const off = truthFor(window, undefined, false);
    expect(truth.total).toBeGreaterThan(0);
    // The blocked release is in the window: a failure in the failure rate only, and only while the option is on.
    expect(truth.failed).toBeGreaterThan(off.failed);
    expect(truth.successful).toBe(off.successful);
    expect(Number(await rawValue(popup, 'frequency'))).toBe(truth.successful);
    expect(Number(await rawValue(popup, 'failureRate'))).toBeCloseTo(truth.failed / truth.total, 12);
    const history = emulator.history().Spaces.find((x) => x.Space.Id === SPACE)!;
    expect(await popup.$eval('[data-testid="summary-coverage"]', (el) => el.textContent)).toContain(`${history.Projects.length} projects`);
    // Five labelled sparklines (DORA's five metrics) and a tier (or why there is none) for the four DORA
    // publishes bands for: none for rework rate.
    const sparklines = await popup.$$eval('svg.sparkline[role="img"]', (els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    expect(sparklines).toHaveLength(5);
    for (const label of sparklines) expect(label).toMatch(/last 30 days: (lowest|no data)/);
    expect(await popup.$$eval('.summary-metric .tier', (els) => els.length)).toBe(4);
    expect(await popup.$('[data-testid="summary-reworkRate"] .tier')).toBeNull();
  });

  it('shows each goal of the space met or missed, and how sure, as the ground truth gives', async () => {
    const window = await windowOf(popup);
    const truth = truthFor(window);
    // The user's goals for this server and space (what the panel's goals editor stores): frequency at exactly
    // the 30 days' rate — the edge, which meets an "at least" — and failure rate at most 10 %.
    const perDay = truth.successful / 30;
    const key = `goals:${emulator.url}:Users-1:${SPACE}`;
    await s.ext.evaluateInExtension(`chrome.storage.local.set(${JSON.stringify({ [key]: { version: 1, targets: { frequency: perDay, failureRate: 0.1 } } })})`);
    await popup.waitForSelector('[data-testid="summary-failureRate-goal"]', { timeout: 15_000 });
    const goal = (metric: string) =>
      popup.$eval(`[data-testid="summary-${metric}-goal"]`, (el) => ({ state: el.getAttribute('data-state'), confident: el.getAttribute('data-confident') === 'true' }));
    expect((await goal('frequency')).state).toBe('met');
    // A count's interval always reaches across its own value: at the edge, never sure.
    expect((await goal('frequency')).confident).toBe(false);
    expect(await goal('failureRate')).toEqual(rateGoal(truth.failed / truth.total, wilson95(truth.failed, truth.total)!, 0.1));
    for (const metric of ['leadTime', 'recovery', 'reworkRate']) expect(await popup.$(`[data-testid="summary-${metric}-goal"]`)).toBeNull();
    await popupScreenshot(popup, 'popup-goals');
    await s.ext.evaluateInExtension(`chrome.storage.local.remove(${JSON.stringify(key)})`);
    await popup.waitForFunction(() => document.querySelector('[data-testid="summary-failureRate-goal"]') === null);
  });

  it('follows the blocked-releases option: off, the blocked release is a success in the failure rate too', async () => {
    // A settings change re-reads and re-prepares the history, which re-anchors the 30 days: wait for that.
    const changed = async (before: { to: number }) => {
      await popup.waitForFunction(
        (selector, to) => {
          const el = document.querySelector(selector);
          return el?.getAttribute('data-state') === 'ready' && Number(el.getAttribute('data-to')) > to;
        },
        { timeout: 30_000 },
        SUMMARY,
        before.to,
      );
      return windowOf(popup);
    };
    const before = await windowOf(popup);
    await s.ext.evaluateInExtension(`chrome.storage.local.set({ settings: { blockedIsFailure: false } })`);
    const window = await changed(before);
    const off = truthFor(window, undefined, false);
    expect(off.failed).toBeLessThan(truthFor(window).failed);
    expect(Number(await rawValue(popup, 'frequency'))).toBe(off.successful);
    expect(Number(await rawValue(popup, 'failureRate'))).toBeCloseTo(off.failed / off.total, 12);

    await s.ext.evaluateInExtension(`chrome.storage.local.remove('settings')`);
    const again = await changed(window);
    const on = truthFor(again);
    expect(Number(await rawValue(popup, 'frequency'))).toBe(on.successful);
    expect(Number(await rawValue(popup, 'failureRate'))).toBeCloseTo(on.failed / on.total, 12);
  });

  it('exports the deployments behind the numbers, from the keyboard', async () => {
    // Tab from the top of the popup to the button, as a keyboard user does.
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let focused = '';
    const reached: string[] = [];
    for (let i = 0; i < 20 && focused !== 'Export CSV'; i++) {
      await popup.keyboard.press('Tab');
      focused = await popup.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      reached.push(focused);
    }
    expect(reached).toEqual(expect.arrayContaining(['Settings', 'Sync now', 'Open space report', 'Export CSV']));
    await popup.keyboard.press('Enter');
    const file = await waitForDownload(s.downloads);
    const window = await windowOf(popup);
    expect(file).toBe(`dora-lens_${SPACE}_production_${localDay(window.from)}_${localDay(window.to - 1)}.csv`);

    const [header, ...rows] = parseCsv(readFileSync(path.join(s.downloads, file), 'utf8'));
    expect(header.slice(0, 3)).toEqual(['Deployment', 'Project', 'Release']);
    const truth = truthFor(window);
    expect(rows.map((r) => r[0]).sort()).toEqual(truth.deployments.map((d) => d.id).sort());
  });

  it('fits the popup and names every control', async () => {
    const size = await popup.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      height: document.documentElement.scrollHeight,
    }));
    expect(size.overflow).toBeLessThanOrEqual(0);
    // Chromium caps popups at 600 px high: the whole summary should show without scrolling.
    expect(size.height, 'popup height').toBeLessThanOrEqual(600);
    expect(await unnamedControls(popup, ['button', 'link', 'img', 'progressbar'])).toEqual([]);
  });

  it('looks right in light and dark', async () => {
    await popup.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      scrollTo(0, 0);
    });
    await emulateColorScheme(popup, 'light');
    await popupScreenshot(popup, 'popup-summary');
    await emulateColorScheme(popup, 'dark');
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 25, 31)');
    await popupScreenshot(popup, 'popup-summary-dark');
    await emulateColorScheme(popup, 'light');
  });

  it('says so when nothing went to production in the last 30 days', async () => {
    const sandbox = emulator.history().Spaces.find((x) => x.Space.Name === 'Sandbox')!;
    expect(sandbox.Deployments).toHaveLength(0);
    await popup.close();
    await s.tab.goto(`${emulator.url}/app#/${sandbox.Space.Id}`);
    popup = await openPopup(s);
    await waitForState(popup, 'ready');
    const empty = sandbox.Projects.length ? 'summary-nothing' : 'summary-no-projects';
    expect(await popup.$(`[data-testid="${empty}"]`)).not.toBeNull();
    expect(await popup.$$('.summary-metric')).toHaveLength(0);
    expect(await popup.$eval('button[aria-describedby="export-hint"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await popupScreenshot(popup, 'popup-nothing');
  });
});

describe('Popup space summary, restricted user', () => {
  let s: Session;
  let popup: Page;
  beforeAll(async () => {
    s = await startBrowser();
  });
  afterAll(() => closeBrowser(s));

  it('asks to sign in when there is no Octopus session, with a link to Octopus’s sign-in page', async () => {
    // The tab stays on a space page with nobody signed in: the emulator UI's requests are held, so it cannot
    // send the tab to its sign-in page (like an Octopus tab that has not yet noticed its session ended).
    const hold = await s.tab.evaluateOnNewDocument(() => {
      window.fetch = () => new Promise<Response>(() => {});
    });
    await s.tab.goto(`${emulator.url}/app#/${SPACE}`);
    popup = await openPopup(s);
    await waitForState(popup, 'signed-out');
    const link = await popup.$eval('[data-testid="summary-signed-out"] a', (a) => ({ href: a.getAttribute('href'), text: a.textContent }));
    expect(link).toEqual({ href: `${emulator.url}/app#/users/sign-in`, text: 'Sign in to Octopus' });
    expect(await popup.$eval('button[aria-describedby="export-hint"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await popupScreenshot(popup, 'popup-signed-out');
    // The link opens Octopus's sign-in page in a tab of its own (and the popup closes).
    const signInTab = s.ext.waitForTab((url) => url === `${emulator.url}/app#/users/sign-in`);
    await popup.click('[data-testid="summary-signed-out"] a');
    await (await signInTab).close();
    await s.tab.removeScriptToEvaluateOnNewDocument(hold.identifier);
    await s.tab.goto('about:blank'); // a hash change alone would keep the held document
  });

  it('explains a failed first sync and recovers with Retry', async () => {
    await signIn(s.tab, emulator.url, EMULATOR_USERS.restricted, `#/${SPACE}`);
    emulator.setFaults(`500:route=/api/${SPACE}/deployments*`);
    popup = await openPopup(s);
    await waitForState(popup, 'failed');
    expect(await popup.$eval('[data-testid="summary-failed"]', (el) => el.textContent)).toMatch(/\S/);
    await popupScreenshot(popup, 'popup-sync-failed');
    emulator.setFaults('');
    await (await popup.waitForSelector('::-p-aria([name="Retry"][role="button"])'))!.click();
    await waitForState(popup, 'ready');
  });

  it('shows only the projects the emulator shows this user, in the popup and in the CSV', async () => {
    const visible = await visibleTo('restricted');
    const all = emulator.history().Spaces.find((x) => x.Space.Id === SPACE)!.Projects.map((p) => p.Name);
    const hidden = all.filter((name) => !visible.projectNames.has(name));
    expect(hidden.length).toBeGreaterThan(0);
    expect(visible.projectNames.size).toBeGreaterThan(0);

    const text = await popup.$eval('body', (el) => el.textContent ?? '');
    for (const name of hidden) expect(text).not.toContain(name);
    expect(await popup.$eval('[data-testid="summary-coverage"]', (el) => el.textContent)).toContain(`${visible.projectNames.size} projects`);

    const window = await windowOf(popup);
    const truth = truthFor(window, visible);
    expect(Number(await rawValue(popup, 'frequency'))).toBe(truth.successful);

    await (await popup.waitForSelector('::-p-aria([name="Export CSV"][role="button"])'))!.click();
    const file = await waitForDownload(s.downloads);
    const [header, ...rows] = parseCsv(readFileSync(path.join(s.downloads, file), 'utf8'));
    const projects = new Set(rows.map((r) => r[header.indexOf('Project')]));
    expect(rows.length).toBeGreaterThan(0);
    for (const name of projects) expect(visible.projectNames.has(name), name).toBe(true);
    expect(rows.map((r) => r[0]).sort()).toEqual(truth.deployments.map((d) => d.id).sort());
    expect(await summaryState(popup)).toBe('ready');
  });
});
