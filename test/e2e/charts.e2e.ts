/**
 * Charts that read at a glance and views that can be shared, in the real browser (Chromium or Firefox,
 * `E2E_BROWSER`) with the built extension against the emulator: a lead-time chart over a year labelled in
 * days with its median on its own axis (checked against weekly medians computed here from the emulator's
 * ground truth), the panel following the Octopus page's theme while open, "Download PNG", "Copy summary"
 * (its numbers against the cards'), print (Chromium's and Firefox's `page.pdf`, read back with pdf.js), and
 * a split chart that keeps all but the busiest lines quiet until one is pointed at.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { expectedSpace } from '../support/ground-truth';
import { median, referenceMetrics } from '../support/reference-metrics';
import { artifact, type ExtensionBrowser, gotoExtensionPage, launchWithExtension, readClipboard, screenshot, signIn, waitForDownload, waitForPanelFrame } from './browser';
import { pdfPagePng, pdfPages } from './pdf';

const SPACE = 'Spaces-1';
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const NOW = Date.UTC(2026, 10, 25, 12);
// A year of whole UTC days before the emulator's clock: 2025-11-25 to 2026-11-24.
const RANGE = { from: '2025-11-25', to: '2026-11-24' };
const WINDOW = { from: Date.UTC(2025, 10, 25), to: Date.UTC(2026, 10, 25) };
/** A Sunday: weekly buckets start on Sundays (the default week start), in UTC (the test's zone setting). */
const SUNDAY = Date.UTC(1970, 0, 4);

let emulator: RunningEmulator;
let ext: ExtensionBrowser;
let page: Page;
let frame: Frame;
let truth: ReturnType<typeof expectedSpace>;
let project: { Id: string; Slug: string; Name: string };
let channel: string;
let production: string;
const downloads = mkdtempSync(path.join(tmpdir(), 'dora-lens-charts-'));

/** The labels uPlot drew on a chart's axes (x first), as the chart records them. */
const axesOf = (f: Frame | Page, testId: string) =>
  f.$eval(`[data-testid="${testId}"] .chart`, (el) => JSON.parse(el.getAttribute('data-axes') ?? '[]') as string[][]);

beforeAll(async () => {
  emulator = await startEmulator({ scale: 'demo', port: 0, seed: 5, now: NOW });
  truth = expectedSpace(emulator.history(), SPACE);
  const space = emulator.history().Spaces[0];
  production = space.Environments.find((e) => e.Name === 'Production')!.Id;
  const inWindow = truth.deployments.filter((d) => d.environment === production && d.completed !== null && d.completed >= WINDOW.from && d.completed < WINDOW.to);
  const count = (p: string) => inWindow.filter((d) => d.project === p).length;
  project = space.Projects.find((p) => p.Id === [...new Set(inWindow.map((d) => d.project))].sort((a, b) => count(b) - count(a))[0])!;
  channel = space.Channels.find((c) => c.ProjectId === project.Id && c.IsDefault)!.Id;
  ext = await launchWithExtension();
  await ext.evaluateInExtension(`chrome.storage.local.set({ settings: { timeZone: 'UTC' } })`);
  await ext.downloadsTo(downloads);
  page = await ext.browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  await signIn(page, emulator.url, EMULATOR_USERS.admin, `#/${SPACE}/projects/${project.Slug}/deployments?doraLens=insights&range=custom&from=${RANGE.from}&to=${RANGE.to}`);
  frame = await waitForPanelFrame(page);
  await frame.waitForSelector('[data-testid="chart-leadTime"] .chart[data-axes]', { timeout: 90_000 });
});

afterAll(async () => {
  await ext?.close();
  await emulator?.close();
  rmSync(downloads, { recursive: true, force: true });
});

describe('charts and sharing in the project panel', () => {
  it('labels a lead-time chart over a year in days, with the median on its own axis', async () => {
    // Weekly medians of the year's lead times, from the ground truth.
    const r = referenceMetrics(truth.deployments, truth.releases, { project: project.Id, channel, environment: production, tenant: 'all', ...WINDOW });
    const weeks = new Map<number, number[]>();
    for (const row of r.rows) {
      if (row.leadTimeMs === null) continue;
      const week = Math.floor((row.completed - SUNDAY) / WEEK);
      weeks.set(week, [...(weeks.get(week) ?? []), row.leadTimeMs]);
    }
    const highest = Math.max(...[...weeks.values()].map((v) => median(v)!));
    // The unit that fits: two of it in the range, weeks only past ten weeks. This history's is days.
    const unit = highest < 2 * 3_600_000 ? 'm' : highest < 2 * DAY ? 'h' : highest < 10 * WEEK ? 'd' : 'w';
    expect(unit).toBe('d');

    const [, medianAxis, p95Axis] = await axesOf(frame, 'chart-leadTime');
    expect(medianAxis.length).toBeGreaterThan(2);
    for (const label of medianAxis) expect(label).toMatch(/^\d+(\.\d+)?d$/);
    // The median fills its own axis (the highest weekly median is above half of it), apart from the p95's.
    const top = Math.max(...medianAxis.map((l) => Number.parseFloat(l)));
    expect(top * DAY).toBeLessThanOrEqual(highest * 1.1);
    expect(top * DAY).toBeGreaterThan(highest / 2);
    expect(p95Axis.length).toBeGreaterThan(1);
    expect(p95Axis).not.toEqual(medianAxis);
    await frame.$eval('[data-testid="chart-leadTime"]', (el) => el.scrollIntoView());
    await screenshot(page, 'charts-panel-lead-time-year');
  });

  it('saves a chart as a PNG with its title', async () => {
    await frame.click('[data-testid="chart-leadTime-png"]');
    const file = await waitForDownload(downloads, (f) => f.endsWith('.png'));
    expect(file).toMatch(new RegExp(`_${RANGE.from}_${RANGE.to}_Deployment-lead-time\\.png$`));
    const png = readFileSync(path.join(downloads, file));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Wider than tall, and more than an empty canvas: an IHDR of real size and many bytes of picture.
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(height);
    expect(height).toBeGreaterThan(200);
    expect(png.length).toBeGreaterThan(10_000);
    // Kept with the screenshots, to look at what a user gets.
    copyFileSync(path.join(downloads, file), artifact(page, 'chart-download-lead-time'));
  });

  it('copies a Markdown summary whose numbers are the cards’', async () => {
    const cards = await frame.$$eval('.metric-card', (els) =>
      els.map((el) => ({
        title: el.querySelector('h3')?.firstChild?.textContent ?? '',
        value: el.querySelector('.metric-value')?.textContent ?? '',
        sample: el.querySelector('.metric-sample')?.textContent ?? '',
      })),
    );
    await frame.click('[data-testid="copy-summary"]');
    await frame.waitForFunction(() => document.querySelector('[data-testid="share-status"]')?.textContent?.includes('copied'));
    const markdown = await readClipboard(page);
    expect(markdown.split('\n')[0]).toBe(`### DORA Lens: ${project.Name.replace(/[\\`*_[\]<>&|~]/g, (c) => `\\${c}`)} → Production`);
    const table = markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Metric') && !l.startsWith('| ---'));
    expect(table.map((l) => l.split(' | ').slice(0, 3).map((c) => c.replace(/^\| /, '')))).toEqual(cards.map((c) => [c.title, c.value, c.sample]));
    // The range as the browser's own locale writes a day (every date of the extension follows the reader's locale).
    const day = (iso: string) =>
      frame.evaluate(`new Intl.DateTimeFormat(navigator.language, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(Date.parse('${iso}'))`) as Promise<string>;
    expect(markdown).toContain(`_${await day('2025-11-25')} – ${await day('2026-11-24')} (UTC)_`);
  });

  it('prints the panel to PDF: filters, every card and chart, the notes, no controls', async () => {
    // The panel's "Print" prints its own page (the frame's document); page.pdf prints that page opened as a
    // tab, with the same print stylesheet.
    const tab = await ext.browser.newPage();
    await gotoExtensionPage(tab, ext.extensionUrl(`insights.html#server=${encodeURIComponent(emulator.url)}&space=${SPACE}&project=${project.Slug}&range=custom&from=${RANGE.from}&to=${RANGE.to}`));
    const first = await tab.waitForSelector('[data-testid="chart-leadTime"] .chart[data-axes], [data-testid="continue-here"]', { timeout: 60_000 });
    if (await first!.evaluate((el) => el.getAttribute('data-testid') === 'continue-here')) await first!.click();
    await tab.waitForSelector('[data-testid="chart-recovery"] .chart[data-axes]', { timeout: 60_000 });
    const cards = await tab.$$eval('.metric-card', (els) => els.map((el) => [el.querySelector('h3')?.firstChild?.textContent ?? '', el.querySelector('.metric-value')?.textContent ?? '']));
    const pdf = await tab.pdf({ format: 'A4' });
    const pages = await pdfPages(pdf);
    const text = pages.map((p) => p.text).join('\n');
    for (const [title, value] of cards) {
      expect(text).toContain(title);
      expect(text).toContain(value);
    }
    expect(pages.reduce((n, p) => n + p.images, 0)).toBeGreaterThanOrEqual(4);
    // The filters print as what they are set to; the controls do not print.
    expect(text).toContain('Production');
    expect(text).not.toContain('Copy summary');
    expect(text).not.toContain('Download PNG');
    expect(text).toContain('DORA Lens’s own statistics');
    await pdfPagePng(pdf, 1, artifact(tab, 'print-panel-page-1'));
    await pdfPagePng(pdf, 2, artifact(tab, 'print-panel-page-2'));
    await tab.close();
  });

  it('follows the Octopus page when it switches to dark and back, without reopening', async () => {
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    // What Octopus's (and the mimic's) theme switch does: the root element's data-theme changes. The switch
    // itself sits in a menu that drops down under the open panel.
    const toggle = () => page.evaluate(() => document.documentElement.setAttribute('data-theme', document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark'));
    await toggle();
    await frame.waitForFunction(() => document.documentElement.dataset.theme === 'dark', { timeout: 10_000 });
    // The charts are drawn again in the dark palette: a new canvas under the same card.
    expect(await frame.$eval('body', (el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(244, 246, 249)');
    await screenshot(page, 'charts-panel-dark-live');
    await toggle();
    await frame.waitForFunction(() => document.documentElement.dataset.theme === 'light', { timeout: 10_000 });
  });
});

describe('a space report: print and split charts', () => {
  let report: Page;

  beforeAll(async () => {
    report = await ext.browser.newPage();
    await report.setViewport({ width: 1400, height: 1100 });
    await gotoExtensionPage(report, ext.extensionUrl(`insights.html#server=${encodeURIComponent(emulator.url)}&space=${SPACE}&view=report&range=custom&from=${RANGE.from}&to=${RANGE.to}`));
    const first = await report.waitForSelector('[data-testid="report-view"], [data-testid="continue-here"]', { timeout: 90_000 });
    if (await first!.evaluate((el) => el.getAttribute('data-testid') === 'continue-here')) await first!.click();
    await report.waitForSelector('[data-testid="report-chart-frequency"] .chart[data-axes]', { timeout: 90_000 });
  });

  it('prints to PDF with every card and chart on its pages', async () => {
    const cards = await report.$$eval('[data-testid="report-cards"] .metric-card', (els) =>
      els.map((el) => ({ title: el.querySelector('h3')?.firstChild?.textContent ?? '', value: el.querySelector('.metric-value')?.textContent ?? '' })),
    );
    // DORA's five metrics (rework rate the fifth), deployment duration and queue time.
    expect(cards).toHaveLength(7);
    const pdf = await report.pdf({ format: 'A4' });
    const pages = await pdfPages(pdf);
    const text = pages.map((p) => p.text).join('\n');
    for (const c of cards) {
      expect(text).toContain(c.title);
      expect(text).toContain(c.value);
    }
    // Each chart is its canvas on paper: four pictures, with their titles and the notes.
    expect(pages.reduce((n, p) => n + p.images, 0)).toBeGreaterThanOrEqual(4);
    for (const title of ['Deployment frequency', 'Deployment lead time', 'Deployment failure rate', 'Mean time to recovery']) expect(text).toContain(title);
    expect(text).toContain('DORA Lens’s own statistics');
    // The filters as text, no controls.
    expect(text).not.toContain('Copy summary');
    expect(text).not.toContain('Export CSV');
    await pdfPagePng(pdf, 1, artifact(report, 'print-report-page-1'));
    await pdfPagePng(pdf, 2, artifact(report, 'print-report-page-2'));
  });

  it('draws the busiest of more than five lines in colour and reveals another when pointed at', async () => {
    await report.select('#r-split', 'project');
    await report.waitForSelector('[data-testid="split-section"][data-split="project"]');
    const rows = () => report.$$eval('[data-testid="report-chart-frequency"] .u-legend .u-series', (els) => els.slice(1).map((el) => ({ quiet: el.classList.contains('quiet'), label: el.textContent ?? '' })));
    const legend = await rows();
    expect(legend.length).toBeGreaterThan(5);
    expect(legend.filter((r) => !r.quiet)).toHaveLength(3);
    const quiet = legend.filter((r) => r.quiet).map((r) => r.label);
    // Sweep the pointer over the plot until it rests near a quiet line.
    const over = await report.$('[data-testid="report-chart-frequency"] .u-over');
    await over!.scrollIntoView();
    const box = (await over!.boundingBox())!;
    let revealed = '';
    for (let y = box.height - 4; y > 4 && !revealed; y -= 6) {
      for (let x = 10; x < box.width && !revealed; x += box.width / 12) {
        await report.mouse.move(box.x + x, box.y + y);
        const focused = await report.$eval('[data-testid="report-chart-frequency"] .uplot', (el) => (el as HTMLElement).dataset.focused ?? '');
        if (focused && quiet.some((q) => q.startsWith(focused))) revealed = focused;
      }
    }
    expect(revealed).not.toBe('');
    expect(await report.$$eval('[data-testid="report-chart-frequency"] .u-legend .u-series.focused', (els) => els.map((el) => el.textContent ?? ''))).toEqual([expect.stringContaining(revealed)]);
    await screenshot(report, 'charts-report-split-revealed');
    await report.mouse.move(0, 0);
  });

  it('highlights the lines the user picks in the split table', async () => {
    const pick = await report.$$('[data-testid="split-table"] tbody [data-testid="highlight"]');
    await pick[4].click();
    // The legend's time row, the three busiest and the one picked.
    await report.waitForFunction(() => document.querySelectorAll('[data-testid="report-chart-frequency"] .u-legend .u-series:not(.quiet)').length === 1 + 3 + 1);
    expect(await pick[4].evaluate((el) => el.getAttribute('aria-pressed'))).toBe('true');
    await screenshot(report, 'charts-report-split-picked');
  });
});
