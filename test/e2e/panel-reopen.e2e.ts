/**
 * A project's panel opened again reads the rows it kept of its project (lib/store/slices.ts) and re-reads
 * only the chunks written since: in the real browser with the built extension, its numbers equal the
 * emulator's ground truth when opened a second time, and after a later sync that added deployments — never
 * the numbers of the rows it kept before.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { expectedSpace } from '../support/ground-truth';
import { referenceMetrics } from '../support/reference-metrics';
import { type ExtensionBrowser, keptRowsCode, launchWithExtension, signIn, waitForPanelFrame } from './browser';

const SPACE = 'Spaces-1';
const DAY = 86_400_000;
// The history ends six hours ago, so that the deployments added later are in the past for the browser too.
const NOW = Math.floor(Date.now() / 60_000) * 60_000 - 6 * 3_600_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
// A custom range in UTC (the time zone set below) from 120 days back to the end of today.
const RANGE = { from: day(NOW - 120 * DAY), to: day(Date.now()) };
const WINDOW = { from: Date.parse(RANGE.from), to: Date.parse(RANGE.to) + DAY };

describe('a project’s panel opened again', () => {
  let emulator: RunningEmulator;
  let ext: ExtensionBrowser;
  let page: Page;
  let project: { Id: string; Slug: string };
  let second: { Id: string; Slug: string };
  let channel: string;
  let production: string;

  const expected = (of = project, ofChannel = channel) => {
    const truth = expectedSpace(emulator.history(), SPACE);
    const r = referenceMetrics(truth.deployments, truth.releases, { project: of.Id, channel: ofChannel, environment: production, tenant: 'all', ...WINDOW });
    return { total: r.total, successful: r.successful, rate: r.rate, leadTimeMedian: r.leadTimeMedian, recoveryMedian: r.recoveryMedian };
  };
  const shown = async (frame: Frame) => {
    const number = (v: string | null) => (v === null || v === '' ? null : Number(v));
    const value = (id: string) => frame.$eval(`[data-testid="${id}"]`, (el) => el.getAttribute('data-value')).then(number);
    return {
      successful: await value('frequency-sample'),
      rate: await value('failureRate-value'),
      leadTimeMedian: await value('leadTime-value'),
      recoveryMedian: await value('recovery-value'),
    };
  };
  const open = async (): Promise<Frame> => {
    await page.reload();
    const frame = await waitForPanelFrame(page, { timeout: 30_000 });
    await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 60_000 });
    return frame;
  };
  /** Deployments of the project the extension keeps apart, read from its own IndexedDB. */
  const keptRows = (id = project.Id) => ext.evaluateInExtension<number>(keptRowsCode(id));

  const space = () => emulator.history().Spaces[0];

  /**
   * The kept rows once the writes in flight are done: a panel stores them after it draws, and a write
   * still in flight when its page goes away is dropped (the next opening cuts them again).
   */
  const keptRowsSettled = async (expected: number, id = project.Id) => {
    const deadline = Date.now() + 20_000;
    let rows = await keptRows(id);
    while (rows !== expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await keptRows(id);
    }
    return rows;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ scale: 'demo', port: 0, seed: 11, now: NOW });
    const space = emulator.history().Spaces[0];
    production = space.Environments.find((e) => e.Name === 'Production')!.Id;
    const truth = expectedSpace(emulator.history(), SPACE);
    const inWindow = truth.deployments.filter((d) => d.environment === production && d.completed !== null && d.completed >= WINDOW.from);
    const count = (id: string) => inWindow.filter((d) => d.project === id).length;
    [project, second] = [...space.Projects].sort((a, b) => count(b.Id) - count(a.Id));
    channel = space.Channels.find((c) => c.ProjectId === project.Id && c.IsDefault)!.Id;

    ext = await launchWithExtension();
    await ext.evaluateInExtension(`chrome.storage.local.set({ settings: { timeZone: 'UTC' } })`);
    page = await ext.browser.newPage();
    await signIn(page, emulator.url, EMULATOR_USERS.admin, `#/${SPACE}/projects/${project.Slug}/deployments?doraLens=insights&range=custom&from=${RANGE.from}&to=${RANGE.to}`);
  });

  afterAll(async () => {
    await ext?.close();
    await emulator?.close();
  });

  it('shows the ground truth’s numbers the first time, again from its kept rows, and after a later sync added deployments', async () => {
    const before = expected();
    expect(before.total).toBeGreaterThan(5);
    const { total: _t, ...view } = before;
    const first = await waitForPanelFrame(page, { timeout: 30_000 });
    await first.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 60_000 });
    expect(await shown(first)).toEqual(view);

    // Opened again: its rows come from what the first opening kept.
    const deployed = expectedSpace(emulator.history(), SPACE).deployments.filter((d) => d.project === project.Id).length;
    expect(await keptRowsSettled(deployed)).toBe(deployed);
    expect(await shown(await open())).toEqual(view);

    // New deployments, some of them this project's to Production, reach the cache through a later sync.
    let after = expected();
    for (let i = 0; i < 5 && after.successful === before.successful; i++) {
      emulator.advance({ minutes: 60, deployments: 400 });
      after = expected();
    }
    expect(after.successful).toBeGreaterThan(before.successful);
    const { total: _a, ...newView } = after;
    const frame = await open();
    await frame.click('[data-testid="sync-bar"] button');
    await frame.waitForFunction((n) => document.querySelector('[data-testid="frequency-sample"]')?.getAttribute('data-value') === String(n), { timeout: 60_000 }, newView.successful);
    expect(await shown(frame)).toEqual(newView);
    // And opened once more, from the kept rows of the chunks the sync did not write.
    expect(await shown(await open())).toEqual(newView);
    const deployedNow = expectedSpace(emulator.history(), SPACE).deployments.filter((d) => d.project === project.Id).length;
    expect(await keptRowsSettled(deployedNow)).toBe(deployedNow);
  });

  it('has a project’s rows ready when the user was on its pages before opening its Insights', async () => {
    const ofSecond = space().Channels.find((c) => c.ProjectId === second.Id && c.IsDefault)!.Id;
    const deployed = expectedSpace(emulator.history(), SPACE).deployments.filter((d) => d.project === second.Id).length;
    expect(await keptRows(second.Id)).toBe(0);
    // On the project's deployments page, the panel closed: the content script tells the worker, which cuts the rows.
    await page.goto(`${emulator.url}/app#/${SPACE}/projects/${second.Slug}/deployments`);
    expect(await keptRowsSettled(deployed, second.Id)).toBe(deployed);
    await page.goto(`${emulator.url}/app#/${SPACE}/projects/${second.Slug}/deployments?doraLens=insights&range=custom&from=${RANGE.from}&to=${RANGE.to}`);
    const frame = await waitForPanelFrame(page, { timeout: 30_000, project: second.Slug });
    await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 60_000 });
    const { total: _t, ...view } = expected(second, ofSecond);
    expect(await shown(frame)).toEqual(view);
  });
});
