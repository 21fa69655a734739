/**
 * Real Octopus servers are not all a current Octopus at the root of its host. In the real browser, with the
 * built extension: a server behind a reverse proxy under `/octopus/` and the oldest supported version
 * (2019.7) show the numbers the emulator's ground truth gives; a server without Spaces (2018.10) gets the
 * unsupported-version message in the panel place and the popup, and no request of DORA Lens's fails.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { expectedSpace } from '../support/ground-truth';
import { referenceMetrics } from '../support/reference-metrics';
import { type ExtensionBrowser, launchWithExtension, screenshot, signIn, waitForPanelFrame } from './browser';

const SPACE = 'Spaces-1';
const NOW = Date.UTC(2026, 10, 25, 12);
// A custom range, read in UTC (the time zone setting below): [2026-08-01, 2026-11-21).
const RANGE = { from: '2026-08-01', to: '2026-11-20' };
const WINDOW = { from: Date.UTC(2026, 7, 1), to: Date.UTC(2026, 10, 21) };

const LAYOUTS = [
  { name: 'behind a reverse proxy under /octopus/', options: { basePath: '/octopus' } },
  { name: 'Octopus 2019.7, the oldest supported', options: { octopusVersion: '2019.7' } },
] as const;

for (const layout of LAYOUTS) {
  describe(`a server ${layout.name}`, () => {
    let emulator: RunningEmulator;
    let ext: ExtensionBrowser;
    let page: Page;

    beforeAll(async () => {
      emulator = await startEmulator({ scale: 'demo', port: 0, seed: 8, now: NOW, ...layout.options });
      ext = await launchWithExtension();
      await ext.evaluateInExtension(`chrome.storage.local.set({ settings: { timeZone: 'UTC' } })`);
      page = await ext.browser.newPage();
    });
    afterAll(async () => {
      await ext?.close();
      await emulator?.close();
    });

    it('shows the numbers of the ground truth in the project panel', async () => {
      const truth = expectedSpace(emulator.history(), SPACE);
      const space = emulator.history().Spaces[0];
      const production = space.Environments.find((e) => e.Name === 'Production')!.Id;
      const inWindow = truth.deployments.filter((d) => d.environment === production && d.completed !== null && d.completed >= WINDOW.from && d.completed < WINDOW.to);
      const count = (p: string) => inWindow.filter((d) => d.project === p).length;
      const project = space.Projects.find((p) => p.Id === [...new Set(inWindow.map((d) => d.project))].sort((a, b) => count(b) - count(a))[0])!;
      const channel = space.Channels.find((c) => c.ProjectId === project.Id && c.IsDefault)!.Id;

      await signIn(page, emulator.url, EMULATOR_USERS.admin);
      // From here on, every request the emulator sees is DORA Lens's (and the web app's own routing).
      emulator.resetCounters();
      await page.goto(`${emulator.url}/app#/${SPACE}/projects/${project.Slug}/deployments?doraLens=insights&range=custom&from=${RANGE.from}&to=${RANGE.to}`);
      const frame = await waitForPanelFrame(page, { project: project.Slug });
      await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 60_000 });
      // The panel was given this server's base URL, path included.
      expect(new URLSearchParams(new URL(await frame.evaluate(() => location.href)).hash.slice(1)).get('server')).toBe(emulator.url);

      const value = async (id: string, part: 'value' | 'sample' = 'value') => {
        const v = await frame.$eval(`[data-testid="${id}-${part}"]`, (el) => el.getAttribute('data-value'));
        return v === null || v === '' ? null : Number(v);
      };
      const r = referenceMetrics(truth.deployments, truth.releases, { project: project.Id, channel, environment: production, tenant: 'all', ...WINDOW });
      expect(r.total).toBeGreaterThan(5);
      expect({ successful: await value('frequency', 'sample'), rate: await value('failureRate'), leadTime: await value('leadTime'), recovery: await value('recovery') }).toEqual({
        successful: r.successful,
        rate: r.rate,
        leadTime: r.leadTimeMedian,
        recovery: r.recoveryMedian,
      });
      // Every request went to the server's own base URL and none failed.
      const failed = Object.entries(emulator.counters().statuses).filter(([status]) => Number(status) >= 400);
      expect(failed).toEqual([]);
    });
  });
}

describe('a server without Spaces (Octopus 2018.10)', () => {
  let emulator: RunningEmulator;
  let ext: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    emulator = await startEmulator({ scale: 'tiny', port: 0, seed: 8, octopusVersion: '2018.10' });
    ext = await launchWithExtension();
    page = await ext.browser.newPage();
  });
  afterAll(async () => {
    await ext?.close();
    await emulator?.close();
  });

  it('says in the panel place and the popup that it is not supported, and no request fails', async () => {
    const slug = emulator.history().Spaces[0].Projects[0].Slug;
    await signIn(page, emulator.url, EMULATOR_USERS.admin, `#/projects/${slug}/deployments`);
    emulator.resetCounters();
    // The entry is there (in the project menu, or the floating button) and opens the panel.
    const entry = await page.waitForSelector('[data-dora-lens="nav-entry"] a, a[data-dora-lens="nav-entry"], [data-dora-lens="overlay"]', { timeout: 15_000 });
    await entry!.click();
    const frame = await waitForPanelFrame(page, { project: slug });
    const notice = await frame.waitForSelector('[data-testid="error-unsupported-version"]', { timeout: 30_000 });
    expect(await notice!.evaluate((el) => el.textContent)).toContain('Octopus 2018.x and older is not supported: DORA Lens needs Spaces, introduced in 2019.1');
    await screenshot(page, 'unsupported-version-panel');

    const popup = await ext.openPopup(page);
    const said = await popup.waitForSelector('[data-testid="unsupported-version"]', { timeout: 15_000 });
    expect(await said!.evaluate((el) => el.textContent)).toContain('Octopus 2018.x and older is not supported');

    const counters = emulator.counters();
    expect(counters.requests).toBeGreaterThan(0); // the version was read
    expect(Object.keys(counters.statuses).filter((status) => Number(status) >= 400)).toEqual([]);
  });
});
