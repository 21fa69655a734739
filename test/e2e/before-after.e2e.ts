/**
 * Before and after a change, in the real browser (Chromium or Firefox, `E2E_BROWSER`) with the built
 * extension against the emulator: the user marks a day in the project panel, every chart of the project draws
 * the mark, the panel compares each metric over equal windows on either side — figures checked against
 * test/support/before-after-reference.ts over the emulator's ground truth — and the mark is still there
 * after the panel is opened again (stored per server, Octopus user and project). A click on a chart picks
 * its day for the form.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { beforeAfterReference } from '../support/before-after-reference';
import { expectedSpace } from '../support/ground-truth';
import { sessionFetch } from '../support/session-fetch';
import { type ExtensionBrowser, launchWithExtension, readClipboard, screenshot, signIn, waitForPanelFrame } from './browser';

const SPACE = 'Spaces-1';
const NOW = Date.UTC(2026, 10, 25, 12);
const RANGE = { from: '2025-11-25', to: '2026-11-24' };
const WINDOW = { from: Date.UTC(2025, 10, 25), to: Date.UTC(2026, 10, 25) };
/** The change: 1 October 2026, a day start in UTC (the test's zone setting). The busiest project began in June. */
const CHANGE_DAY = '2026-10-01';
const CHANGE = Date.UTC(2026, 9, 1);
/** Whole days from the change to the emulator's now (25 Nov 12:00): 55, under the 90-day cap. */
const DAYS = Math.min(90, Math.floor((NOW - CHANGE) / 86_400_000));
// Server-supplied names are text; so is the user's own label.
const LABEL = 'Canary <b>deployments</b>';

let emulator: RunningEmulator;
let ext: ExtensionBrowser;
let page: Page;
let frame: Frame;
let expected: ReturnType<typeof beforeAfterReference>;
/** When the view's first deployment (any outcome) completed, from the ground truth. */
let firstDeployment: number;
let project: { Id: string; Slug: string; LifecycleId: string };
let filter: { project: string; channel: string; environment: string; tenant: string };
let deployments: ReturnType<typeof expectedSpace>['deployments'];
let releases: ReturnType<typeof expectedSpace>['releases'];

type Raw = { before: number | null; after: number | null; beforeN: number; afterN: number; difference: number | null; lower: number | null; upper: number | null };
const rowOf = (metric: string) => frame.$eval(`[data-testid="before-after-${metric}"]`, (el) => JSON.parse(el.getAttribute('data-raw') ?? 'null') as Raw);
const chartMarks = () => frame.$$eval('.chart-card .chart[data-axes]', (els) => els.map((el) => el.getAttribute('data-marks')));

beforeAll(async () => {
  emulator = await startEmulator({ scale: 'demo', port: 0, seed: 5, now: NOW });
  const truth = expectedSpace(emulator.history(), SPACE);
  const space = emulator.history().Spaces[0];
  const production = space.Environments.find((e) => e.Name === 'Production')!.Id;
  const inWindow = truth.deployments.filter((d) => d.environment === production && d.completed !== null && d.completed >= WINDOW.from && d.completed < WINDOW.to);
  const count = (p: string) => inWindow.filter((d) => d.project === p).length;
  project = space.Projects.find((p) => p.Id === [...new Set(inWindow.map((d) => d.project))].sort((a, b) => count(b) - count(a))[0])!;
  const channel = space.Channels.find((c) => c.ProjectId === project.Id && c.IsDefault)!.Id;
  firstDeployment = Math.min(...truth.deployments.filter((d) => d.project === project.Id && d.channel === channel && d.environment === production && d.completed !== null).map((d) => d.completed!));
  filter = { project: project.Id, channel, environment: production, tenant: 'all' };
  ({ deployments, releases } = truth);
  expected = beforeAfterReference(deployments, releases, filter, CHANGE, DAYS);
  ext = await launchWithExtension();
  await ext.evaluateInExtension(`chrome.storage.local.set({ settings: { timeZone: 'UTC' } })`);
  page = await ext.browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const address = `#/${SPACE}/projects/${project.Slug}/deployments?doraLens=insights&range=custom&from=${RANGE.from}&to=${RANGE.to}`;
  await signIn(page, emulator.url, EMULATOR_USERS.admin, address);
  frame = await waitForPanelFrame(page);
  await frame.waitForSelector('[data-testid="chart-leadTime"] .chart[data-axes]', { timeout: 90_000 });
});

afterAll(async () => {
  await ext?.close();
  await emulator?.close();
});

describe('before and after a marked day', () => {
  it('compares each metric over equal windows on either side, as computed from the ground truth', async () => {
    await frame.$eval(
      '[data-testid="mark-day"]',
      (el, day) => {
        (el as HTMLInputElement).value = day;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      CHANGE_DAY,
    );
    await frame.type('[data-testid="mark-label"]', LABEL);
    await frame.click('[data-testid="mark-add"]');
    await frame.waitForSelector('[data-testid="before-after-table"]', { timeout: 10_000 });
    // 1 Oct 2026 as the browser's own locale writes a day (every date of the extension follows the reader's locale).
    const day = (await frame.evaluate(
      "new Intl.DateTimeFormat(navigator.language, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(Date.UTC(2026, 9, 1))",
    )) as string;
    expect(await frame.$eval('[data-testid="before-after-table"] caption', (el) => el.textContent)).toBe(`${DAYS} days before vs ${DAYS} days after ${day} (UTC)`);

    const frequency = await rowOf('frequency');
    expect(frequency.beforeN).toBe(expected.frequency.beforeN);
    expect(frequency.afterN).toBe(expected.frequency.afterN);
    for (const key of ['before', 'after', 'difference', 'lower', 'upper'] as const) expect(frequency[key]).toBeCloseTo(expected.frequency[key], 9);

    const failures = await rowOf('failureRate');
    expect(failures.beforeN).toBe(expected.failureRate.beforeN);
    expect(failures.afterN).toBe(expected.failureRate.afterN);
    for (const key of ['before', 'after', 'difference'] as const) expect(failures[key]).toBeCloseTo(expected.failureRate[key]!, 12);
    // The interval is shown only where the test's approximation holds; when it is, it is the textbook one.
    if (failures.lower !== null) {
      expect(failures.lower).toBeCloseTo(expected.failureRate.lower, 9);
      expect(failures.upper!).toBeCloseTo(expected.failureRate.upper, 9);
    }

    for (const metric of ['leadTime', 'recovery'] as const) {
      const row = await rowOf(metric);
      const want = expected[metric];
      expect({ before: row.before, after: row.after, beforeN: row.beforeN, afterN: row.afterN }).toEqual({ before: want.before, after: want.after, beforeN: want.beforeN, afterN: want.afterN });
      if (want.beforeN >= 3 && want.afterN >= 3) {
        expect(row.difference).toBe(want.shift);
        expect(row.lower!).toBeLessThanOrEqual(want.shift!);
        expect(row.upper!).toBeGreaterThanOrEqual(want.shift!);
      }
    }
    // This history has enough on both sides to say something about every metric.
    expect(DAYS).toBe(55);
    expect(expected.leadTime.beforeN).toBeGreaterThanOrEqual(3);
    expect(expected.failureRate.beforeN).toBeGreaterThan(0);
    expect(expected.frequency.beforeN + expected.frequency.afterN).toBeGreaterThanOrEqual(10);
    const verdicts = await frame.$$eval('[data-testid="before-after-table"] tbody tr', (els) => els.map((el) => el.getAttribute('data-verdict')));
    expect(verdicts).toHaveLength(4);
    for (const v of verdicts) expect(['better', 'worse', 'noise', 'not-enough-data']).toContain(v);

    await frame.$eval('[data-testid="before-after"]', (el) => el.scrollIntoView());
    await screenshot(page, 'before-after-panel');
  });

  it('shows the label as text and draws the mark on every chart of the project', async () => {
    expect(await frame.$eval('[data-testid="mark"] .mark-label', (el) => ({ text: el.textContent, bold: el.querySelector('b') !== null }))).toEqual({ text: LABEL, bold: false });
    await frame.waitForFunction(() => [...document.querySelectorAll('.chart-card .chart[data-axes]')].every((el) => el.getAttribute('data-marks') === '1'));
    expect((await chartMarks()).length).toBeGreaterThanOrEqual(4);
    await frame.$eval('[data-testid="chart-leadTime"]', (el) => el.scrollIntoView());
    await screenshot(page, 'before-after-marked-charts');
  });

  it('puts the comparison in "Copy summary", as the table shows it, the label escaped', async () => {
    const shown = await frame.$$eval('[data-testid="before-after-table"] tbody tr', (els) =>
      els.map((el) => [...el.querySelectorAll('td')].map((td) => td.firstChild?.textContent?.trim() ?? '')),
    );
    await frame.click('[data-testid="copy-summary"]');
    await frame.waitForFunction(() => document.querySelector('[data-testid="share-status"]')?.textContent?.includes('copied'));
    const lines = (await readClipboard(page)).split('\n').filter((l) => l.startsWith('- Before/after'));
    expect(lines).toHaveLength(4);
    lines.forEach((line, i) => {
      expect(line).toContain('“Canary \\<b\\>deployments\\</b\\>”');
      const [before, after, difference] = shown[i];
      expect(line).toContain(` ${before} → ${after}, ${difference} (`);
    });
  });

  it('keeps the mark when the panel is opened again', async () => {
    await page.reload();
    frame = await waitForPanelFrame(page);
    await frame.waitForSelector('[data-testid="chart-leadTime"] .chart[data-axes]', { timeout: 60_000 });
    await frame.waitForSelector('[data-testid="mark"]', { timeout: 10_000 });
    expect(await frame.$$eval('[data-testid="mark"] .mark-day', (els) => els.map((el) => el.textContent))).toEqual([CHANGE_DAY]);
    await frame.waitForFunction(() => [...document.querySelectorAll('.chart-card .chart[data-axes]')].every((el) => el.getAttribute('data-marks') === '1'));
  });

  it('picks a chart’s day for the form when the chart is clicked', async () => {
    const over = await frame.$('[data-testid="chart-frequency"] .u-over');
    await over!.scrollIntoView();
    const box = (await over!.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await frame.waitForFunction(() => (document.querySelector('[data-testid="mark-day"]') as HTMLInputElement | null)?.value !== '');
    const day = await frame.$eval('[data-testid="mark-day"]', (el) => (el as HTMLInputElement).value);
    // The middle of a year's chart: some day in the range, past its first quarter and before its last.
    expect(day > '2026-02-01' && day < '2026-09-01').toBe(true);
  });

  it('says there is nothing to compare before the view’s first deployment, and removes a mark', async () => {
    const early = '2026-01-10';
    expect(firstDeployment).toBeGreaterThan(Date.UTC(2026, 0, 11));
    await frame.$eval(
      '[data-testid="mark-day"]',
      (el, day) => {
        (el as HTMLInputElement).value = day;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      early,
    );
    await frame.click('[data-testid="mark-add"]');
    await frame.waitForSelector('[data-testid="before-after-none"]', { timeout: 10_000 });
    expect(await frame.$('[data-testid="before-after-table"]')).toBeNull();
    expect(await frame.$$eval('[data-testid="mark"] .mark-day', (els) => els.map((el) => el.textContent))).toEqual([early, CHANGE_DAY]);
    const remove = await frame.$$('[data-testid="mark-remove"]');
    await remove[0].click();
    await frame.waitForFunction(() => document.querySelectorAll('[data-testid="mark"]').length === 1);
    expect(await frame.$('[data-testid="before-after-none"]')).toBeNull();
  });

  it('picks one of the project’s own changes from Octopus’s event feed and compares around it', async () => {
    // What the server's feed says, read apart from the extension with an admin's session.
    const session = sessionFetch(emulator.url);
    await session.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
    const url = `/api/${SPACE}/events?documentTypes=DeploymentProcesses,Lifecycles,Channels&regardingAny=${project.Id},${project.LifecycleId}&take=30`;
    const feed = ((await (await session.fetch(url)).json()) as { Items: { Id: string; Occurred: string; Message: string }[] }).Items;
    expect(feed.length).toBeGreaterThan(2);

    await frame.click('[data-testid="changes-load"]');
    await frame.waitForSelector('[data-testid="change-list"]', { timeout: 15_000 });
    // Listed newest first, Octopus's words as text (the project's name holds "<Labs>").
    expect(await frame.$$eval('[data-testid="change"] .change-message', (els) => els.map((el) => el.textContent))).toEqual(feed.map((e) => e.Message));
    expect(await frame.$$eval('[data-testid="change"] .change-message b, [data-testid="change"] .change-message a', (els) => els.length)).toBe(0);

    // A change well inside the history: windows of the whole days around it, within the range and the history.
    const end = Date.UTC(2026, 10, 25);
    const i = feed.findIndex((e) => Date.parse(e.Occurred) > firstDeployment + 30 * 86_400_000 && Date.parse(e.Occurred) < end - 30 * 86_400_000);
    expect(i).toBeGreaterThanOrEqual(0);
    const at = Date.parse(feed[i].Occurred);
    const days = Math.min(90, Math.floor((end - at) / 86_400_000), Math.ceil((at - firstDeployment) / 86_400_000));
    const want = beforeAfterReference(deployments, releases, filter, at, days);
    await (await frame.$$('[data-testid="change-mark"]'))[i].click();
    await frame.waitForFunction((n) => document.querySelector('[data-testid="before-after-table"] caption')?.textContent?.startsWith(`${n} days before`), { timeout: 10_000 }, days);
    const frequency = await rowOf('frequency');
    expect([frequency.beforeN, frequency.afterN]).toEqual([want.frequency.beforeN, want.frequency.afterN]);
    const failures = await rowOf('failureRate');
    expect([failures.beforeN, failures.afterN]).toEqual([want.failureRate.beforeN, want.failureRate.afterN]);
    const lead = await rowOf('leadTime');
    expect([lead.before, lead.after, lead.beforeN, lead.afterN]).toEqual([want.leadTime.before, want.leadTime.after, want.leadTime.beforeN, want.leadTime.afterN]);
    expect(await frame.$$eval('[data-testid="mark"] .mark-label', (els) => els.map((el) => el.textContent))).toContain(feed[i].Message);
    await frame.$eval('[data-testid="before-after"]', (el) => el.scrollIntoView());
    await screenshot(page, 'before-after-project-change');
  });
});
