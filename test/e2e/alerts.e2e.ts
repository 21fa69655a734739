/**
 * Goals and alerts in real Chromium or Firefox (`E2E_BROWSER`) against the emulator: the user turns alerts
 * on in the options page, follows a project and sets its goal in the panel; the emulator's activity
 * (`POST /__emulator/activity`) makes that project miss the goal; the refresh alarm then raises one
 * notification (read back through the extension's `notifications.getAll()`) and a badge count of 1, a
 * second refresh the same day none, and the notification's click listener opens the project's panel.
 *
 * The project, the goal and its target are chosen from the emulator's ground truth with the independent
 * reference (test/support/reference-metrics.ts): a project whose failure or rework rate over the last 28
 * days the activity made worse, the target between its value before and after, so the goal was met before
 * the activity and is missed after it. The click: a system notification cannot be clicked from automation,
 * so the e2e build hands the test the worker's very `notifications.onClicked` listener (entrypoints/background.ts).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryFile } from '../emulator/history-file';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { expectedSpace } from '../support/ground-truth';
import { rateGoal, referenceMetrics, wilson95 } from '../support/reference-metrics';
import { referenceSplit } from '../support/report-reference';
import { type ExtensionBrowser, gotoExtensionPage, launchWithExtension, screenshot, signIn, waitForPanelFrame } from './browser';

const SPACE = 'Spaces-1';
const DAY = 86_400_000;
const WINDOW_MS = 28 * DAY;
type RateMetric = 'failureRate' | 'reworkRate';
const METRIC_WORDS: Record<RateMetric, string> = { failureRate: 'failure rate', reworkRate: 'rework rate' };

/** The project's default view, from the history itself: its default channel and that lifecycle's last environment. */
function defaultView(history: HistoryFile, projectId: string): { channel: string; environment: string } | undefined {
  const space = history.Spaces.find((s) => s.Space.Id === SPACE)!;
  const project = space.Projects.find((p) => p.Id === projectId)!;
  const channels = space.Channels.filter((c) => c.ProjectId === projectId).sort((a, b) => a.Name.localeCompare(b.Name));
  const channel = channels.find((c) => c.IsDefault) ?? channels[0];
  const lifecycle = space.Lifecycles.find((l) => l.Id === (channel?.LifecycleId ?? project.LifecycleId));
  const reached = (lifecycle?.Phases ?? []).flatMap((p) => [...p.AutomaticDeploymentTargets, ...p.OptionalDeploymentTargets]);
  const environment = (reached.length ? reached : [...space.Environments].sort((a, b) => a.SortOrder - b.SortOrder).map((e) => e.Id)).at(-1);
  return channel && environment ? { channel: channel.Id, environment } : undefined;
}

let emulator: RunningEmulator;
let ext: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  // The emulator's clock two hours behind the browser's, so its activity (below) is in the browser's past:
  // the worker judges the 28 days before its own clock.
  emulator = await startEmulator({ scale: 'tiny', port: 0, seed: 11, now: Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000 });
  ext = await launchWithExtension();
  page = await ext.browser.newPage();
});
afterAll(async () => {
  await ext?.close();
  await emulator?.close();
});

const inExtension = <T>(code: string) => ext.evaluateInExtension<T>(code);
// `chrome.*` in both: Firefox's extension pages have it too, with promises.
const api = 'chrome';
const alertsKey = () => `alerts:${emulator.url}:Users-1`;
const readAlerts = async () =>
  (await inExtension<Record<string, { projects: Record<string, { checkedAt?: number }>; log: { id: string; at: number; projectId: string; title: string; message: string; read: boolean }[] }>>(
    `${api}.storage.local.get(${JSON.stringify(alertsKey())})`,
  ))[alertsKey()];
/**
 * The notifications the extension showed, by id. Chromium keeps them (`getAll()`); headless Firefox has no
 * alert service and closes each at once, so there they are the ids its `onShown`/`onClosed` events reported
 * to a listener the test adds in an extension page (`recordNotifications`).
 */
const notifications = async (): Promise<string[]> =>
  ext.name === 'chromium' ? Object.keys(await inExtension<Record<string, unknown>>(`${api}.notifications.getAll()`)) : inExtension<string[]>('globalThis.doraLensSeen ?? []');
const recordNotifications = () =>
  ext.name === 'firefox'
    ? inExtension(`(() => {
        globalThis.doraLensSeen = [];
        const seen = (id) => { if (!globalThis.doraLensSeen.includes(id)) globalThis.doraLensSeen.push(id); };
        browser.notifications.onShown.addListener(seen);
        browser.notifications.onClosed.addListener(seen);
      })()`)
    : Promise.resolve();
const badge = () => inExtension<string>(`${api}.action.getBadgeText({})`);
const fireRefresh = () => inExtension(`${api}.alarms.create('dora-lens-refresh', { when: Date.now() + 100 })`);

/** Polls `check` until it returns a value, or fails after `timeout`. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeout = 90_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('goals and alerts', () => {
  let chosen: { projectId: string; slug: string; name: string; metric: RateMetric; before: number; after: number; target: number };

  it('turns alerts on in the options page (the e2e build declares the notifications permission)', async () => {
    await signIn(page, emulator.url, EMULATOR_USERS.admin, `#/${SPACE}`);
    await gotoExtensionPage(page, ext.extensionUrl('options.html'));
    await (await page.waitForSelector('#alerts-on'))!.click();
    await until('alerts saved on', async () => ((await inExtension<{ settings?: { alerts?: boolean } }>(`${api}.storage.local.get('settings')`)).settings?.alerts ? true : undefined));
    expect(await page.$eval('#alerts-on', (el) => (el as HTMLInputElement).checked)).toBe(true);
  });

  it('follows a project whose goal the emulator’s activity breaks, with the target set in the panel', async () => {
    const space = emulator.history().Spaces.find((s) => s.Space.Id === SPACE)!;
    // The first sync, from a project's panel.
    const first = space.Projects[0];
    await page.goto(`${emulator.url}/app#/${SPACE}/projects/${first.Slug}/deployments?doraLens=insights`);
    let frame = await waitForPanelFrame(page, { project: first.Slug });
    await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 90_000 });

    // Activity after the sync (the cache does not hold it until the refresh): a busy minute, then an hour in
    // which its deployments finish.
    const post = async (body: object) => {
      const response = await fetch(`${emulator.url}/__emulator/activity`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(200);
      return (await response.json()) as { to: string; deployments: string[] };
    };
    const activity = await post({ advanceMinutes: 1, deployments: 400 });
    await post({ advanceMinutes: 60, deployments: 0 });
    expect(emulator.now()).toBeLessThan(Date.now());

    const truth = expectedSpace(emulator.history(), SPACE);
    const added = new Set(activity.deployments);
    const before = truth.deployments.filter((d) => !added.has(d.id));
    const now = Date.now();
    const candidates = space.Projects.flatMap((p) => {
      const view = defaultView(emulator.history(), p.Id);
      if (!view) return [];
      const filter = { project: p.Id, channel: view.channel, environment: view.environment, tenant: 'all' as const, from: now - WINDOW_MS, to: now };
      const [b, a] = [referenceMetrics(before, truth.releases, filter), referenceMetrics(truth.deployments, truth.releases, filter)];
      return (['failureRate', 'reworkRate'] as const).flatMap((metric) => {
        const [x, y] = metric === 'failureRate' ? [b.rate, a.rate] : [b.reworkRate, a.reworkRate];
        return x !== null && y !== null && y > x ? [{ projectId: p.Id, slug: p.Slug, name: p.Name, metric, before: x, after: y, gap: y - x }] : [];
      });
    });
    // The emulator's history and activity are seeded: a project the activity made worse is there.
    expect(candidates.length).toBeGreaterThan(0);
    const best = candidates.sort((x, y) => y.gap - x.gap)[0];
    // A target in the form's unit (percent, two decimals) strictly between the two values.
    const percent = Math.round(((best.before + best.after) / 2) * 10_000) / 100;
    chosen = { ...best, target: percent / 100 };
    expect(chosen.before).toBeLessThan(chosen.target);
    expect(chosen.after).toBeGreaterThan(chosen.target);

    await page.goto(`${emulator.url}/app#/${SPACE}/projects/${chosen.slug}/deployments?doraLens=insights`);
    frame = await waitForPanelFrame(page, { project: chosen.slug });
    await frame.waitForSelector('[data-testid="follow"]', { timeout: 60_000 });
    await frame.click('[data-testid="follow"]');
    await frame.waitForSelector('[data-testid="follow"][aria-pressed="true"]');
    await frame.click('[data-testid="goals"]');
    const input = await frame.waitForSelector(`[data-testid="goal-project-${chosen.metric}"]`);
    await input!.click({ count: 3 });
    await input!.type(String(percent));
    await frame.click('[data-testid="goals-save"]');
    await until('the goal saved', async () => {
      const all = await inExtension<Record<string, { goals?: Record<string, number | null> }>>(`(async () => ({ ...(await ${api}.storage.local.get(null)), ...(await ${api}.storage.sync.get(null)) }))()`);
      const project = all[`project:${emulator.url}:Users-1:${SPACE}:${chosen.projectId}`];
      const saved = project?.goals?.[chosen.metric];
      // The form's percent times 0.01: equal up to floating point.
      return typeof saved === 'number' && Math.abs(saved - chosen.target) < 1e-12 ? true : undefined;
    });
    await recordNotifications();
    expect(await notifications()).toEqual([]);
    expect(await badge()).toBe('');
  });

  let alertId: string;

  it('the refresh alarm raises one notification for the project and a badge count of 1', async () => {
    await fireRefresh();
    const shown = await until('a notification', async () => {
      const ids = await notifications();
      return ids.length > 0 ? ids : undefined;
    });
    expect(shown).toHaveLength(1);
    alertId = shown[0];
    const alerts = await readAlerts();
    expect(alerts.log).toHaveLength(1);
    const [alert] = alerts.log;
    expect(alert.id).toBe(alertId);
    expect(alert.projectId).toBe(chosen.projectId);
    expect(alert.title).toBe(`${chosen.name} missed a goal`);
    // The value the worker judged equals the reference's over the 28 days before its own clock.
    const truth = expectedSpace(emulator.history(), SPACE);
    const view = defaultView(emulator.history(), chosen.projectId)!;
    const r = referenceMetrics(truth.deployments, truth.releases, { project: chosen.projectId, ...view, tenant: 'all', from: alert.at - WINDOW_MS, to: alert.at });
    const value = chosen.metric === 'failureRate' ? r.rate! : r.reworkRate!;
    expect(value).toBeGreaterThan(chosen.target);
    expect(alert.message).toContain(`${METRIC_WORDS[chosen.metric]} ${(value * 100).toFixed(1)}%`);
    expect(await badge()).toBe('1');
  });

  it('a second refresh the same day adds none', async () => {
    const fired = Date.now();
    await fireRefresh();
    await until('the project judged again', async () => ((await readAlerts()).projects[`${SPACE}/${chosen.projectId}`]?.checkedAt ?? 0) > fired || undefined);
    expect(await notifications()).toEqual([alertId]);
    expect((await readAlerts()).log).toHaveLength(1);
    expect(await badge()).toBe('1');
  });

  it('the options page lists the followed project and the alert', async () => {
    await gotoExtensionPage(page, ext.extensionUrl('options.html'));
    await page.waitForSelector('[data-testid="alert-list"] li');
    expect(await page.$$eval('[data-testid="followed-projects"] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent))).toEqual([chosen.name]);
    expect(await page.$$eval('[data-testid="alert-list"] li strong', (els) => els.map((el) => el.textContent))).toEqual([`${chosen.name} missed a goal`]);
    await page.$eval('#alerts', (el) => el.scrollIntoView());
    await screenshot(page, 'options-alerts');
  });

  it('the space report shows each project’s goals over its range and lists the projects that miss one', async () => {
    // A space goal on the failure rate for every project (the followed one keeps its own override).
    const goalsKey = `goals:${emulator.url}:Users-1:${SPACE}`;
    await inExtension(`${api}.storage.local.set(${JSON.stringify({ [goalsKey]: { version: 1, targets: { failureRate: 0.1 } } })})`);
    await gotoExtensionPage(page, ext.extensionUrl(`insights.html#server=${encodeURIComponent(emulator.url)}&space=${SPACE}&view=report`));
    const first = await page.waitForSelector('[data-testid="report-view"], [data-testid="continue-here"]', { timeout: 90_000 });
    if (await first!.evaluate((el) => el.getAttribute('data-testid') === 'continue-here')) await first!.click();
    await page.waitForSelector('[data-testid="goals-table"]', { timeout: 60_000 });
    const window = await page.$eval('[data-testid="report-view"]', (el) => ({ from: Number(el.getAttribute('data-from')), to: Number(el.getAttribute('data-to')) }));
    const whole = { projectGroupIds: [], projectIds: [], channelIds: [], environmentGroups: [], tenantMode: 'TenantedAndUntenanted' as const, tenantIds: [], tenantTags: [] };
    const byProject = referenceSplit({ history: emulator.history(), space: SPACE, report: whole, window, split: 'project' });
    const space = emulator.history().Spaces.find((x) => x.Space.Id === SPACE)!;
    const expected = space.Projects.filter((p) => defaultView(emulator.history(), p.Id))
      .map((p) => {
        const f = byProject.get(p.Id);
        const target = p.Id === chosen.projectId && chosen.metric === 'failureRate' ? chosen.target : 0.1;
        const failureRate = !f || f.total === 0 ? { state: 'no-data', confident: false } : rateGoal(f.failed / f.total, wilson95(f.failed, f.total)!, target);
        return { name: p.Name, failureRate };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const shown = await page.$$eval('[data-testid="goals-table"] tbody tr', (rows) =>
      rows.map((r) => {
        const badge = r.querySelector('[data-testid="report-goal-failureRate"]');
        return { name: r.querySelector('th')?.textContent ?? '', failureRate: { state: badge?.getAttribute('data-state'), confident: badge?.getAttribute('data-confident') === 'true' } };
      }),
    );
    expect(shown).toEqual(expected);
    // The list of projects that miss a goal holds every project whose failure rate misses, and only projects
    // with a goal missed in their row.
    const missing = await page.$$eval('[data-testid="goals-missing"] li', (items) => items.map((li) => li.textContent ?? ''));
    for (const e of expected.filter((x) => x.failureRate.state === 'missed')) expect(missing.some((m) => m.startsWith(`${e.name}:`))).toBe(true);
    const rowsMissing = await page.$$eval('[data-testid="goals-table"] tbody tr', (rows) =>
      rows.filter((r) => r.querySelector('[data-state="missed"]')).map((r) => r.querySelector('th')?.textContent ?? ''),
    );
    expect(missing.map((m) => m.slice(0, m.lastIndexOf(':')))).toEqual(expect.arrayContaining(rowsMissing));
    expect(missing).toHaveLength(rowsMissing.length);
    await page.$eval('[data-testid="report-goals"]', (el) => el.scrollIntoView());
    await screenshot(page, 'report-goals');
    await inExtension(`${api}.storage.local.remove(${JSON.stringify(goalsKey)})`);
  });

  it('a click on the notification opens the project’s panel and reads the alert', async () => {
    const expected = `${emulator.url}/app#/${SPACE}/projects/${chosen.projectId}/deployments?doraLens=insights`;
    const opened = ext.waitForTab((url) => url === expected, { timeout: 20_000 });
    // The worker's own listener: the service worker's global in Chromium, the background page's in Firefox.
    await inExtension(
      ext.name === 'chromium'
        ? `doraLensAlertClicked(${JSON.stringify(alertId)})`
        : `browser.runtime.getBackgroundPage().then((bg) => bg.doraLensAlertClicked(${JSON.stringify(alertId)}))`,
    );
    const tab = await opened;
    const panelPage = await tab.drive();
    // The web app puts the project's slug in place of its id.
    await panelPage.waitForFunction((slug) => location.hash.includes(`/projects/${slug}/`), {}, chosen.slug);
    const frame = await waitForPanelFrame(panelPage, { project: chosen.slug });
    await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 60_000 });
    await until('the badge cleared', async () => ((await badge()) === '' ? true : undefined), 10_000);
    expect((await readAlerts()).log[0].read).toBe(true);
    await panelPage.close();
  });
});
