/**
 * The space report in real Chromium with the built extension, against the emulator: the first sync through
 * the worker, a report built in the editor (with its validation), saved, reloaded, exported as CSV,
 * imported and deleted; every split's figures compared with an independent reference computed from the
 * emulator's ground truth (test/support/report-reference.ts); drill-down into a project's panel; and a
 * restricted user who never sees a project, environment or tenant outside their permissions.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryFile, HistorySpace } from '../emulator/history-file';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { expectedSpace } from '../support/ground-truth';
import { referenceMetrics } from '../support/reference-metrics';
import { customWindow, type ReferenceFigures, type ReferenceReport, type ReferenceSplit, referenceSplit } from '../support/report-reference';
import { emulateColorScheme, type ExtensionBrowser, gotoExtensionPage, launchWithExtension, reloadExtensionPage, screenshot, signIn, waitForDownload, waitForPanelFrame } from './browser';

const SPACE = 'Spaces-1';
const DAY = 86_400_000;
const NAME = 'Release train <EU> & Co';
const ZONE = 'Asia/Kolkata';
/** The built-in whole-space report (the default is every project's production environment). */
const WHOLE = '&report=whole-space';

let emulator: RunningEmulator;
let chromium: ExtensionBrowser;
let octopus: Page;
let page: Page;
let truth: HistoryFile;
let space: HistorySpace;
let reportUrl: string;
const downloads = mkdtempSync(path.join(tmpdir(), 'dora-lens-report-downloads-'));

/** A custom range of whole days ending a few days before the emulator's clock. */
let range: { from: string; to: string };

interface Row {
  key: string;
  inChart: boolean;
  label: string;
  values: Record<string, string>;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Selects a field's text and types over it (a triple click does not select an input's text in Firefox over BiDi). */
async function replaceText(p: Page, selector: string, text: string) {
  await p.$eval(selector, (el) => {
    (el as HTMLInputElement).focus();
    (el as HTMLInputElement).select();
  });
  await p.keyboard.type(text);
}
const click = (selector: string) => page.$eval(selector, (el) => (el as HTMLElement).click());

async function openReport(p: Page, extra = '') {
  // A new document each time: a hash-only change would keep the page (and its state) as it is.
  await p.goto('about:blank');
  await gotoExtensionPage(p, `${reportUrl}${extra}`);
  // Typed into the address bar (not opened by DORA Lens), the page asks first, once per tab, as for a bookmark.
  const first = await p.waitForSelector('[data-testid="report-view"], [data-testid="report-not-found"], [data-testid="continue-here"]', { timeout: 90_000 });
  if (await first!.evaluate((el) => el.getAttribute('data-testid') === 'continue-here')) await first!.click();
  // The first sync of the space runs in the worker; the report appears when it is done.
  await p.waitForSelector('[data-testid="report-view"], [data-testid="report-not-found"]', { timeout: 90_000 });
}

async function setRange(p: Page, from: string, to: string, timeZone: string) {
  await p.select('#r-range', 'custom');
  await p.waitForSelector('#r-from');
  for (const [id, value] of [
    ['#r-from', from],
    ['#r-to', to],
  ]) {
    await p.$eval(
      id,
      (el, v) => {
        (el as HTMLInputElement).value = v;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
      value,
    );
  }
  const window = customWindow(from, to, timeZone);
  // The page's window must be the reference's: local midnights in the report's zone, the last day inclusive.
  await p.waitForFunction(
    (f, t) => {
      const view = document.querySelector('[data-testid="report-view"]');
      return view?.getAttribute('data-from') === String(f) && view.getAttribute('data-to') === String(t);
    },
    { timeout: 10_000 },
    window.from,
    window.to,
  );
  return window;
}

async function chooseSplit(p: Page, split: string): Promise<Row[]> {
  await p.select('#r-split', split);
  const [kind, tagSet = ''] = split.split(':');
  await p.waitForSelector(`[data-testid="split-section"][data-split="${kind}"][data-tag-set="${tagSet}"]`);
  const more = await p.$('[data-testid="split-show-all"]');
  if (more) await more.click();
  return p.$$eval('[data-testid="split-table"] tr[data-group-key]', (rows) =>
    rows.map((r) => ({
      key: r.getAttribute('data-group-key') ?? '',
      inChart: r.getAttribute('data-in-chart') === 'true',
      label: r.querySelector('[data-testid="group-label"]')?.textContent ?? r.querySelector('th')?.textContent ?? '',
      values: Object.fromEntries([...r.querySelectorAll('td[data-col]')].map((td) => [td.getAttribute('data-col'), td.getAttribute('data-value') ?? ''])),
    })),
  );
}

const referenceSplitOf = (split: string): ReferenceSplit => {
  const [kind, tagSet] = split.split(':');
  return kind === 'tenantTag' ? { tagSet } : (kind as ReferenceSplit);
};

/** Every group row, the "Others" row and the total row against the reference. */
function expectRowsMatch(rows: Row[], reference: Map<string, ReferenceFigures>, split: string, keepEmpty: string[] = []) {
  const groups = rows.filter((r) => r.key !== 'others' && r.key !== 'total');
  const expectedKeys = [...reference].filter(([key, f]) => key !== 'total' && (f.total > 0 || keepEmpty.includes(key))).map(([key]) => key);
  expect(groups.map((r) => r.key).sort(), `${split}: groups`).toEqual([...expectedKeys, ...keepEmpty.filter((k) => !expectedKeys.includes(k))].sort());
  const figures = (values: Record<string, string>) => ({
    successful: Number(values.successful),
    failed: Number(values.failed),
    total: Number(values.total),
    failureRate: values.failureRate === '' ? null : Number(values.failureRate),
  });
  const expected = (f: ReferenceFigures | undefined) => ({
    successful: f?.successful ?? 0,
    failed: f?.failed ?? 0,
    total: f?.total ?? 0,
    failureRate: f && f.total > 0 ? expect.closeTo(f.failed / f.total, 12) : null,
  });
  for (const row of groups) expect(figures(row.values), `${split}: ${row.key} (${row.label})`).toEqual(expected(reference.get(row.key)));
  expect(figures(rows.find((r) => r.key === 'total')!.values), `${split}: total`).toEqual(expected(reference.get('total')));
  // Busiest first; the ten busiest have lines, the rest are summed into "Others".
  const totals = groups.map((r) => Number(r.values.total));
  expect(totals, `${split}: order`).toEqual([...totals].sort((a, b) => b - a));
  const withData = groups.filter((r) => Number(r.values.total) > 0);
  expect(withData.filter((r) => r.inChart).length, `${split}: lines`).toBe(Math.min(10, withData.length));
  const others = rows.find((r) => r.key === 'others');
  const rest = withData.filter((r) => !r.inChart);
  expect(Boolean(others), `${split}: Others row`).toBe(rest.length > 0);
  if (others) {
    const sum = (key: string) => rest.reduce((t, r) => t + Number(r.values[key]), 0);
    expect(figures(others.values), `${split}: Others`).toEqual({
      successful: sum('successful'),
      failed: sum('failed'),
      total: sum('total'),
      failureRate: expect.closeTo(sum('failed') / sum('total'), 12),
    });
  }
}

/** A screenshot tall enough to show the cards, the split charts and the top of the split table. */
async function tallScreenshot(p: Page, name: string) {
  const viewport = p.viewport();
  await p.setViewport({ width: 1400, height: 2000 });
  await p.evaluate(() => window.scrollTo(0, 0));
  await screenshot(p, name);
  if (viewport) await p.setViewport(viewport);
}

/** The chart legend has one entry per line (uPlot lists the x series first). */
const chartLines = (p: Page) => p.$$eval('[data-testid="report-chart-frequency"] .u-legend .u-series', (els) => els.length - 1);

beforeAll(async () => {
  emulator = await startEmulator({ scale: 'demo', port: 0, seed: 11 });
  truth = emulator.history();
  space = truth.Spaces.find((s) => s.Space.Id === SPACE)!;
  const now = emulator.now();
  range = { from: isoDay(now - 120 * DAY), to: isoDay(now - 3 * DAY) };
  chromium = await launchWithExtension();
  octopus = await chromium.browser.newPage();
  await signIn(octopus, emulator.url, EMULATOR_USERS.admin);
  page = await chromium.browser.newPage();
  await chromium.downloadsTo(downloads);
  reportUrl = chromium.extensionUrl(`insights.html#server=${encodeURIComponent(emulator.url)}&space=${SPACE}&view=report`);
});

afterAll(async () => {
  await chromium?.close();
  await emulator?.close();
  rmSync(downloads, { recursive: true, force: true });
});

describe('Space report', () => {
  it('uses an emulator space with enough projects for a real split', () => {
    expect(truth.Spaces.length).toBeGreaterThanOrEqual(3);
    expect(space.Projects.length).toBeGreaterThanOrEqual(50);
  });

  it('opens on the production environments after the first sync (the popup’s scope); the whole space is one pick away', async () => {
    await openReport(page);
    expect(await page.$eval('h1', (el) => el.textContent)).toContain('space report');
    expect(await page.$eval('[data-testid="report-title"]', (el) => el.textContent)).toBe('Production environments');
    await openReport(page, WHOLE);
    expect(await page.$eval('[data-testid="report-title"]', (el) => el.textContent)).toBe('Whole space');
    expect(await page.$eval('[data-testid="permission-note"]', (el) => el.textContent)).toContain('only what your Octopus account may see');
    expect(await page.$$eval('[data-testid="report-cards"] [data-metric]', (els) => els.map((el) => el.getAttribute('data-metric')))).toEqual([
      'frequency',
      'leadTime',
      'failureRate',
      'recovery',
      // DORA's fifth metric, ours (Octopus has none).
      'reworkRate',
      'duration',
      'queueTime',
    ]);
  });

  it('splits the whole space by project: 10 lines and "Others", every figure equal to the reference', async () => {
    const zone = await page.$eval('[data-testid="report-view"]', (el) => el.getAttribute('data-time-zone')!);
    const window = await setRange(page, range.from, range.to, zone);
    const whole: ReferenceReport = { projectGroupIds: [], projectIds: [], channelIds: [], environmentGroups: [], tenantMode: 'TenantedAndUntenanted', tenantIds: [], tenantTags: [] };
    const rows = await chooseSplit(page, 'project');
    expectRowsMatch(rows, referenceSplit({ history: truth, space: SPACE, report: whole, window, split: 'project' }), 'whole/project');
    expect(rows.filter((r) => r.key !== 'others' && r.key !== 'total').length).toBeGreaterThan(10);
    // Rework rate (ours): a project's unplanned deployments over its default channel's streams in every
    // environment, each stream walked by the reference (test/support/reference-metrics.ts).
    const expectedTruth = expectedSpace(truth, SPACE);
    const historySpace = truth.Spaces.find((x) => x.Space.Id === SPACE)!;
    const reworkOf = new Map<string, { rate: number; total: number }>();
    for (const row of rows.filter((r) => r.key !== 'others' && r.key !== 'total')) {
      const channel = historySpace.Channels.find((c) => c.ProjectId === row.key && c.IsDefault)!.Id;
      const counts = historySpace.Environments.map((e) =>
        referenceMetrics(expectedTruth.deployments, expectedTruth.releases, { project: row.key, channel, environment: e.Id, tenant: 'all', ...window }),
      );
      const rework = counts.reduce((n, r) => n + r.rework, 0);
      const total = counts.reduce((n, r) => n + r.total, 0);
      expect(row.values.reworkRate === '' ? null : Number(row.values.reworkRate), `${row.label}: rework rate`).toEqual(total ? expect.closeTo(rework / total, 12) : null);
      if (total) reworkOf.set(row.key, { rate: rework / total, total });
    }
    // Compared by the rework rate, the rankings list projects by that same rate: lowest first among the best.
    await page.select('#r-metric', 'reworkRate');
    await page.waitForFunction(() => document.querySelector('[data-testid="rankings"] h4')?.textContent?.includes('deployment rework rate'), { timeout: 15_000 });
    const ranked = async (list: string) =>
      page.$$eval(`[data-testid="${list}"] li`, (lis) => lis.map((li) => ({ id: li.getAttribute('data-project-id')!, value: Number(li.querySelector('.ranking-value')!.getAttribute('data-value')) })));
    const best = await ranked('ranking-best');
    const worst = await ranked('ranking-worst');
    expect(best.length).toBeGreaterThan(0);
    for (const entry of [...best, ...worst]) expect(entry.value, entry.id).toBeCloseTo(reworkOf.get(entry.id)!.rate, 12);
    expect(best.map((e) => e.value)).toEqual([...best.map((e) => e.value)].sort((a, b) => a - b));
    expect(worst.map((e) => e.value)).toEqual([...worst.map((e) => e.value)].sort((a, b) => b - a));
    expect(Math.max(...best.map((e) => e.value))).toBeLessThanOrEqual(Math.min(...worst.map((e) => e.value)));
    await page.select('#r-metric', 'frequency');
    expect(await chartLines(page)).toBe(11);
    expect(await page.$eval('[data-testid="frequency-sample"]', (el) => Number(el.getAttribute('data-value')))).toBe(
      referenceSplit({ history: truth, space: SPACE, report: whole, window, split: 'none' }).get('total')!.successful,
    );
  });

  it('follows the blocked-releases option: off, blocked releases are successes in the failure rate too', async () => {
    const zone = await page.$eval('[data-testid="report-view"]', (el) => el.getAttribute('data-time-zone')!);
    const window = customWindow(range.from, range.to, zone);
    const whole: ReferenceReport = { projectGroupIds: [], projectIds: [], channelIds: [], environmentGroups: [], tenantMode: 'TenantedAndUntenanted', tenantIds: [], tenantTags: [] };
    const reference = (blockedIsFailure: boolean) => referenceSplit({ history: truth, space: SPACE, report: whole, window, split: 'project', blockedIsFailure });
    // Blocked releases were deployed successfully in the window: the two references differ in the failures only.
    const on = reference(true).get('total')!;
    const off = reference(false).get('total')!;
    expect(off.failed).toBeLessThan(on.failed);
    expect([off.successful, off.total]).toEqual([on.successful, on.total]);

    await chromium.evaluateInExtension(`chrome.storage.local.set({ settings: { blockedIsFailure: false } })`);
    await openReport(page, WHOLE);
    await setRange(page, range.from, range.to, zone);
    // The page reads the setting as it opens: wait until the report's failure rate is the option's.
    await page.waitForFunction(
      (wanted) => Math.abs(Number(document.querySelector('[data-testid="failureRate-value"]')?.getAttribute('data-value')) - wanted) < 1e-12,
      { timeout: 30_000 },
      off.failed / off.total,
    );
    expectRowsMatch(await chooseSplit(page, 'project'), reference(false), 'whole/project, option off');
    await chromium.evaluateInExtension(`chrome.storage.local.remove('settings')`);
    await openReport(page, WHOLE);
  });

  let report: ReferenceReport;
  let reportId: string;

  it('builds a report in the editor, refusing invalid settings until they are fixed', async () => {
    // Two busy project groups, plus the Hotfix channel of a project outside them.
    const groups = [...space.ProjectGroups]
      .map((g) => ({ id: g.Id, projects: space.Projects.filter((p) => p.ProjectGroupId === g.Id).length }))
      .sort((a, b) => b.projects - a.projects)
      .slice(0, 2)
      .map((g) => g.id);
    const outside = space.Projects.filter((p) => !groups.includes(p.ProjectGroupId)).map((p) => p.Id);
    const hotfix = space.Channels.filter((c) => !c.IsDefault && outside.includes(c.ProjectId))
      .map((c) => ({ id: c.Id, deployments: space.Deployments.filter((d) => d.ChannelId === c.Id).length }))
      .sort((a, b) => b.deployments - a.deployments)[0].id;
    const env = (name: string) => space.Environments.find((e) => e.Name === name)!.Id;
    report = {
      projectGroupIds: groups,
      projectIds: [],
      channelIds: [hotfix],
      environmentGroups: [
        { name: 'Pre-production', environmentIds: [env('Development'), env('Test')] },
        { name: 'Live', environmentIds: [env('Production')] },
      ],
      tenantMode: 'TenantedAndUntenanted',
      tenantIds: [],
      tenantTags: ['Tier/Gold', 'Tier/Silver'],
    };

    await click('[data-testid="report-new"]');
    await page.waitForSelector('#report-name');
    await page.type('#report-name', NAME);
    await page.type('#report-description', 'Web and services releases, and one hotfix channel.');
    for (const id of groups) await click(`[data-testid="pick-project-groups"] input[data-id="${id}"]`);
    await click(`[data-testid="pick-channels"] input[data-id="${hotfix}"]`);
    await click('[data-testid="add-env-group"]');
    await click('[data-testid="add-env-group"]');
    await page.type('#env-group-name-0', 'Pre-production');
    for (const id of report.environmentGroups[0].environmentIds) await click(`[data-testid="env-group-0"] input[data-id="${id}"]`);
    await click(`[data-testid="env-group-1"] input[data-id="${env('Production')}"]`);
    // An environment already in a group cannot be picked for another.
    expect(await page.$eval(`[data-testid="env-group-1"] input[data-id="${env('Development')}"]`, (el) => (el as HTMLInputElement).disabled)).toBe(true);
    for (const tag of report.tenantTags) await click(`[data-testid="pick-tags-Tier"] input[data-id="${tag}"]`);
    await replaceText(page, '#report-time-zone', 'Mars/Olympus');

    await click('[data-testid="report-save"]');
    const errors = await page.waitForSelector('[data-testid="report-errors"]');
    const text = await errors!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('Environment group 2: An environment group needs a name');
    expect(text).toContain('Time zone: Mars/Olympus is not a known IANA time zone');

    await page.type('#env-group-name-1', 'Live');
    await replaceText(page, '#report-time-zone', ZONE);
    await click('[data-testid="report-save"]');
    await page.waitForSelector('[data-testid="report-view"]');
    // Server-controlled and user text is rendered as text, never as markup.
    expect(await page.$eval('[data-testid="report-title"]', (el) => ({ text: el.textContent, children: el.children.length }))).toEqual({ text: NAME, children: 0 });
    reportId = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('report') ?? '';
    expect(reportId).toMatch(/^r-[0-9a-f]{16}$/);
    expect(await page.$eval('#report-picker', (el) => (el as HTMLSelectElement).value)).toBe(reportId);
    expect(await page.$eval('[data-testid="report-scope"]', (el) => el.textContent)).toContain(`Time zone${ZONE}`);
  });

  it("splits the report every way, each group's figures equal to the reference", async () => {
    const window = await setRange(page, range.from, range.to, ZONE);
    const splits = ['project', 'projectGroup', 'environment', 'environmentGroup', 'tenant', 'tenantTag:Tier', 'tenantTag:Region'];
    const options = await page.$$eval('#r-split option', (els) => els.map((el) => (el as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining(['none', ...splits]));
    for (const split of splits) {
      const rows = await chooseSplit(page, split);
      const reference = referenceSplit({ history: truth, space: SPACE, report, window, split: referenceSplitOf(split) });
      expectRowsMatch(rows, reference, split, split === 'environmentGroup' ? ['Pre-production', 'Live'] : []);
      expect(rows.length, split).toBeGreaterThan(2);
    }
    await chooseSplit(page, 'project');
    await tallScreenshot(page, 'report-light');
  });

  it('keeps the report and its view across a reload', async () => {
    await reloadExtensionPage(page);
    await page.waitForSelector('[data-testid="split-section"][data-split="project"]', { timeout: 30_000 });
    expect(await page.$eval('[data-testid="report-title"]', (el) => el.textContent)).toBe(NAME);
    expect(await page.$eval('#report-picker', (el) => (el as HTMLSelectElement).value)).toBe(reportId);
    const hash = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
    expect(Object.fromEntries(['report', 'range', 'from', 'to', 'split'].map((k) => [k, hash.get(k)]))).toEqual({ report: reportId, range: 'custom', ...range, split: 'project' });
  });

  it("drills down into a project's Insights panel with the report's range", async () => {
    const row = (await chooseSplit(page, 'project'))[0];
    const project = space.Projects.find((p) => p.Id === row.key)!;
    const link = await page.$(`[data-testid="split-table"] tr[data-group-key="${row.key}"] a[data-testid="drill-down"]`);
    const href = await link!.evaluate((a) => a.getAttribute('href'));
    // The report's range, granularity (daily, the report's default) and time zone, so the panel counts the same days (issue 15 item 5).
    expect(href).toBe(`${emulator.url}/app#/${SPACE}/projects/${project.Slug}/deployments?doraLens=insights&range=custom&from=${range.from}&to=${range.to}&granularity=day&zone=${encodeURIComponent(ZONE)}`);

    const opened = chromium.waitForTab((url) => url === href, { timeout: 15_000 });
    await link!.click();
    const tab = await (await opened).drive();
    expect(tab!.url()).toBe(href);
    // The Octopus tab shows the project's panel, handed the same range.
    // Read from the frame itself: puppeteer does not learn a `moz-extension:` frame's URL in Firefox.
    const panel = await waitForPanelFrame(tab!, { timeout: 30_000 });
    await panel.waitForFunction(() => location.protocol.endsWith('-extension:'));
    const frameHash = new URLSearchParams(new URL(await panel.evaluate(() => location.href)).hash.slice(1));
    expect([frameHash.get('project'), frameHash.get('range'), frameHash.get('from'), frameHash.get('to'), frameHash.get('zone')]).toEqual([project.Slug, 'custom', range.from, range.to, ZONE]);
    // The panel says whose days it counts.
    await panel.waitForSelector('.filter-bar', { timeout: 30_000 });
    expect(await panel.$eval('.filter-bar', (el) => el.textContent)).toContain(`Days in ${ZONE}, the report’s time zone`);
    await tab!.close();

    // Rankings and release lists drill down the same way.
    const others = await page.$$eval('[data-testid="rankings"] a[data-testid="drill-down"], [data-testid="releases"] a[data-testid="drill-down"]', (as) =>
      as.map((a) => a.getAttribute('href') ?? ''),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(other).toMatch(new RegExp(`^${emulator.url.replace(/[.]/g, '\\.')}/app#/${SPACE}/projects/[^/]+/deployments\\?doraLens=insights&range=custom&from=${range.from}&to=${range.to}`));
  });

  it("exports the CSV of the report's deployments", async () => {
    const window = customWindow(range.from, range.to, ZONE);
    await click('[data-testid="report-view"] [data-testid="export-csv"]');
    const expectedName = `dora-lens_Release-train-EU-Co_Pre-production-Live_${range.from}_${range.to}.csv`;
    await waitForDownload(downloads, (f) => f === expectedName);
    const lines = readFileSync(path.join(downloads, expectedName), 'utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^\uFEFFDeployment,Project,Release,Channel,Completed,Environment,Tenant,State/);
    // Octopus's seventeen columns by default, as Octopus's own export; ours only when asked for.
    expect(await page.$eval('[data-testid="report-view"] [data-testid="csv-ours"]', (el) => (el as HTMLInputElement).checked)).toBe(false);
    expect(lines[0].split(',')).toHaveLength(17);
    const total = referenceSplit({ history: truth, space: SPACE, report, window, split: 'none' }).get('total')!;
    expect(lines.length - 1).toBe(total.total + total.excluded);
  });

  it('imports reports from JSON, leaving out and explaining the invalid ones', async () => {
    const file = path.join(downloads, 'import.json');
    const base = { description: '', projectGroupIds: [], projectIds: [], channelIds: [], tenantMode: 'Untenanted', tenantIds: [], tenantTags: [], timeZone: 'UTC', createdAt: 1, updatedAt: 1 };
    writeFileSync(
      file,
      JSON.stringify({
        format: 'dora-lens-reports',
        version: 1,
        origin: emulator.url,
        space: SPACE,
        reports: [
          { ...base, id: 'r-imported', name: 'Imported production', environmentGroups: [{ name: 'Prod', environmentIds: ['Environments-4'] }] },
          { ...base, id: 'r-broken', name: 'Broken', environmentGroups: [{ name: 'A', environmentIds: ['Environments-1'] }, { name: 'B', environmentIds: ['Environments-1'] }] },
        ],
      }),
    );
    await ((await page.$('[data-testid="reports-import"]')) as ElementHandle<HTMLInputElement>).uploadFile(file);
    await page.waitForFunction(() => document.querySelector('[data-testid="report-status"]')?.textContent?.includes('Imported 1 report'));
    expect(await page.$eval('[data-testid="import-details"]', (el) => el.textContent)).toContain('Environments-1 is already in the group "A"');
    expect(await page.$eval('[data-testid="report-title"]', (el) => el.textContent)).toBe('Imported production');
    expect(await page.$$eval('#report-picker option', (els) => els.map((el) => el.textContent))).toEqual(['Production environments', 'Whole space (every environment)', 'Imported production', NAME]);
  });

  it('deletes a report, for good', async () => {
    await page.select('#report-picker', reportId);
    await page.waitForFunction((name) => document.querySelector('[data-testid="report-title"]')?.textContent === name, {}, NAME);
    await emulateColorScheme(page, 'dark');
    await reloadExtensionPage(page);
    await page.waitForSelector('[data-testid="report-view"]', { timeout: 30_000 });
    await chooseSplit(page, 'project');
    await tallScreenshot(page, 'report-dark');
    await emulateColorScheme(page, 'light');

    await click('[data-testid="report-delete"]');
    await click('[data-testid="confirm-delete-yes"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="report-title"]')?.textContent === 'Production environments');
    const names = () => page.$$eval('#report-picker option', (els) => els.map((el) => el.textContent));
    expect(await names()).toEqual(['Production environments', 'Whole space (every environment)', 'Imported production']);
    await openReport(page, `&report=${reportId}`);
    expect(await page.$('[data-testid="report-not-found"]')).not.toBeNull();
    expect(await names()).toEqual(['(not found)', 'Production environments', 'Whole space (every environment)', 'Imported production']);
  });
});

describe('Space report for a restricted user', () => {
  let restricted: ExtensionBrowser;
  let tab: Page;
  let view: Page;
  const visible = {
    projects: new Map<string, string>(),
    projectGroups: new Map<string, string>(),
    environments: new Map<string, string>(),
    tenants: new Map<string, string>(),
    deployments: new Set<string>(),
  };

  beforeAll(async () => {
    restricted = await launchWithExtension();
    tab = await restricted.browser.newPage();
    await signIn(tab, emulator.url, EMULATOR_USERS.restricted);
    // What Octopus shows this user, read with their own cookies.
    const list = (resource: string) =>
      tab.evaluate(async (url) => {
        const items: { Id: string; Name: string }[] = [];
        for (let skip = 0; ; skip += 100) {
          const page = await (await fetch(`${url}&skip=${skip}`, { credentials: 'same-origin' })).json();
          items.push(...page.Items.map((i: { Id: string; Name: string }) => ({ Id: i.Id, Name: i.Name })));
          if (!page.Links['Page.Next']) return items;
        }
      }, `/api/${SPACE}/${resource}?take=100`);
    for (const [key, resource] of [
      ['projects', 'projects'],
      ['projectGroups', 'projectgroups'],
      ['environments', 'environments'],
      ['tenants', 'tenants'],
    ] as const) {
      for (const item of await list(resource)) visible[key].set(item.Id, item.Name);
    }
    for (const d of await tab.evaluate(async (url) => (await (await fetch(url)).json()).Items.map((i: { Id: string }) => i.Id), `/api/${SPACE}/deployments?take=2147483647`)) {
      visible.deployments.add(d);
    }
    view = await restricted.browser.newPage();
  });

  afterAll(async () => {
    await restricted?.close();
  });

  it('is restricted in the emulator (the check below would prove nothing otherwise)', () => {
    expect(visible.projects.size).toBeGreaterThan(0);
    expect(visible.projects.size).toBeLessThan(space.Projects.length);
    expect(visible.environments.size).toBeLessThan(space.Environments.length);
    expect(visible.tenants.size).toBeLessThan(space.Tenants.length);
  });

  it('never shows a project, environment or tenant outside their permissions, and counts only what they see', async () => {
    await openReport(view, WHOLE);
    const zone = await view.$eval('[data-testid="report-view"]', (el) => el.getAttribute('data-time-zone')!);
    const window = await setRange(view, range.from, range.to, zone);
    const whole: ReferenceReport = { projectGroupIds: [], projectIds: [], channelIds: [], environmentGroups: [], tenantMode: 'TenantedAndUntenanted', tenantIds: [], tenantTags: [] };
    const allowed: Record<string, Map<string, string>> = { project: visible.projects, environment: visible.environments, tenant: visible.tenants };
    for (const split of ['project', 'environment', 'tenant', 'tenantTag:Region']) {
      const rows = await chooseSplit(view, split);
      const keys = rows.map((r) => r.key).filter((k) => !['others', 'total', 'untenanted', 'no-tag'].includes(k) && !k.includes('/'));
      if (allowed[split]) for (const key of keys) expect(allowed[split].has(key), `${split} ${key}`).toBe(true);
      expectRowsMatch(rows, referenceSplit({ history: truth, space: SPACE, report: whole, window, split: referenceSplitOf(split), visibleDeployments: visible.deployments }), `restricted ${split}`);
    }
    for (const id of await view.$$eval('[data-project-id]', (els) => els.map((el) => el.getAttribute('data-project-id')))) expect(visible.projects.has(id ?? '')).toBe(true);
    await expectNoHiddenNames(view);

    // The editor offers only what they see.
    await view.$eval('[data-testid="report-new"]', (el) => (el as HTMLElement).click());
    await view.waitForSelector('[data-testid="report-editor"]');
    await view.$eval('[data-testid="add-env-group"]', (el) => (el as HTMLElement).click());
    await view.waitForSelector('[data-testid="env-group-0"]');
    const offered = await view.$$eval('[data-testid="report-editor"] input[data-id]', (els) => els.map((el) => el.getAttribute('data-id') ?? ''));
    const kinds = { 'Projects-': visible.projects, 'ProjectGroups-': visible.projectGroups, 'Environments-': visible.environments, 'Tenants-': visible.tenants };
    for (const [prefix, allowedIds] of Object.entries(kinds)) {
      const ids = offered.filter((i) => i.startsWith(prefix));
      expect(ids.length, prefix).toBeGreaterThan(0);
      for (const id of ids) expect(allowedIds.has(id), id).toBe(true);
    }
    // Environment groups list every environment they see, and only those.
    const environments = await view.$$eval('[data-testid="env-group-0"] input[data-id]', (els) => els.map((el) => el.getAttribute('data-id') ?? ''));
    expect(environments.sort()).toEqual([...visible.environments.keys()].sort());
    await expectNoHiddenNames(view);
    await view.$eval('[data-testid="report-cancel"]', (el) => (el as HTMLElement).click());
  });

  it("counts a shared report's invisible selections without naming them", async () => {
    const hiddenProject = space.Projects.find((p) => !visible.projects.has(p.Id))!;
    const hiddenEnvironment = space.Environments.find((e) => !visible.environments.has(e.Id))!;
    const hiddenTenant = space.Tenants.find((t) => !visible.tenants.has(t.Id))!;
    const file = path.join(downloads, 'shared.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'dora-lens-reports',
        version: 1,
        origin: emulator.url,
        space: SPACE,
        reports: [
          {
            id: 'r-shared',
            name: 'Shared by an administrator',
            description: '',
            projectGroupIds: [],
            projectIds: [hiddenProject.Id, [...visible.projects.keys()][0]],
            channelIds: [],
            environmentGroups: [{ name: 'Everything', environmentIds: [hiddenEnvironment.Id, ...visible.environments.keys()] }],
            tenantMode: 'TenantedAndUntenanted',
            tenantIds: [hiddenTenant.Id],
            tenantTags: [],
            timeZone: 'UTC',
            createdAt: 1,
            updatedAt: 1,
          },
        ],
      }),
    );
    await ((await view.$('[data-testid="reports-import"]')) as ElementHandle<HTMLInputElement>).uploadFile(file);
    await view.waitForFunction(() => document.querySelector('[data-testid="report-title"]')?.textContent === 'Shared by an administrator');
    expect(await view.$eval('[data-testid="scope-hidden"]', (el) => el.textContent)).toMatch(/^3 selections of this report are not in your synced data/);
    await chooseSplit(view, 'environment');
    await expectNoHiddenNames(view);
    await tallScreenshot(view, 'report-restricted');
  });

  /** No name of a project, environment or tenant this user may not see appears anywhere on the page. */
  async function expectNoHiddenNames(p: Page) {
    // Text and attribute values (titles, labels, values of controls), hidden parts included.
    const text = await p.evaluate(() =>
      [document.body.textContent, ...[...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value)), ...[...document.querySelectorAll('input, select')].map((el) => (el as HTMLInputElement).value)].join('\n'),
    );
    const shown = [...visible.projects.values(), ...visible.environments.values(), ...visible.tenants.values()];
    const hidden = [
      ...space.Projects.filter((x) => !visible.projects.has(x.Id)).map((x) => x.Name),
      ...space.Environments.filter((x) => !visible.environments.has(x.Id)).map((x) => x.Name),
      ...space.Tenants.filter((x) => !visible.tenants.has(x.Id)).map((x) => x.Name),
      // A hidden name inside a visible one ("Payments" in "Payments API") cannot be told apart in text.
    ].filter((name) => !shown.some((s) => s.includes(name)));
    expect(hidden.length).toBeGreaterThan(5);
    for (const name of hidden) expect(text.includes(name), `"${name}" is on the page`).toBe(false);
  }
});
