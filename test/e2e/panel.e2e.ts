/**
 * The Insights panel in real Chromium or Firefox (`E2E_BROWSER`) with the built extension against the
 * emulator: the background (Chromium's service worker, Firefox's background script) syncs with
 * the user's session cookies (SameSite Lax and Strict), the panel reads the cache in the extension's own
 * IndexedDB, and its numbers, filters and CSV equal what the test computes independently from the
 * emulator's ground truth (test/support/reference-metrics.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { expectedSpace } from '../support/ground-truth';
import { parseCsv, rateGoal, type ReferenceFilter, referenceMetrics, wilson95 } from '../support/reference-metrics';
import { emulateColorScheme, type ExtensionBrowser, launchWithExtension, screenshot, signIn, waitForDownload, waitForPanelFrame } from './browser';

const SPACE = 'Spaces-1';
// A custom range in Europe/London across the October clock change, worked out by hand:
// 2026-08-01 00:00 BST = 2026-07-31T23:00Z; the end of 2026-11-20 = 2026-11-21 00:00 GMT = 00:00Z.
const RANGE = { from: '2026-08-01', to: '2026-11-20' };
const WINDOW = { from: Date.UTC(2026, 6, 31, 23), to: Date.UTC(2026, 10, 21) };
const NOW = Date.UTC(2026, 10, 25, 12);

for (const sameSite of ['Lax', 'Strict'] as const) {
  describe(`project panel (session cookie SameSite=${sameSite})`, () => {
    let emulator: RunningEmulator;
    let ext: ExtensionBrowser;
    let page: Page;
    let frame: Frame;
    let truth: ReturnType<typeof expectedSpace>;
    let project: { Id: string; Slug: string; Name: string };
    let channel: string;
    let production: string;

    beforeAll(async () => {
      emulator = await startEmulator({ scale: 'demo', port: 0, seed: 5, sameSite, now: NOW });
      truth = expectedSpace(emulator.history(), SPACE);
      const space = emulator.history().Spaces[0];
      production = space.Environments.find((e) => e.Name === 'Production')!.Id;
      // The project with the most production deployments in the window gives the most telling numbers.
      const inWindow = truth.deployments.filter((d) => d.environment === production && d.completed !== null && d.completed >= WINDOW.from && d.completed < WINDOW.to);
      const busiest = [...new Set(inWindow.map((d) => d.project))].sort((a, b) => inWindow.filter((d) => d.project === b).length - inWindow.filter((d) => d.project === a).length)[0];
      project = space.Projects.find((p) => p.Id === busiest)!;
      channel = space.Channels.find((c) => c.ProjectId === project.Id && c.IsDefault)!.Id;

      ext = await launchWithExtension();
      // The panel follows the user's time zone setting; make it a zone with DST.
      await ext.evaluateInExtension(`chrome.storage.local.set({ settings: { timeZone: 'Europe/London' } })`);
      page = await ext.browser.newPage();
      const route = `#/${SPACE}/projects/${project.Slug}/deployments?doraLens=insights&range=custom&from=${RANGE.from}&to=${RANGE.to}`;
      await signIn(page, emulator.url, EMULATOR_USERS.admin, route);
      frame = await waitForPanelFrame(page);
      await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 60_000 });
    });

    afterAll(async () => {
      await ext?.close();
      await emulator?.close();
    });

    const shown = async () => {
      const value = (id: string) => frame.$eval(`[data-testid="${id}-value"]`, (el) => el.getAttribute('data-value'));
      const number = (v: string | null) => (v === null || v === '' ? null : Number(v));
      return {
        successful: number(await frame.$eval('[data-testid="frequency-sample"]', (el) => el.getAttribute('data-value'))),
        rate: number(await value('failureRate')),
        leadTimeMedian: number(await value('leadTime')),
        recoveryMedian: number(await value('recovery')),
        reworkRate: number(await value('reworkRate')),
      };
    };
    const expected = (filter: Partial<ReferenceFilter> = {}) => {
      const r = referenceMetrics(truth.deployments, truth.releases, { project: project.Id, channel, environment: production, tenant: 'all', ...WINDOW, ...filter });
      return { r, view: { successful: r.successful, rate: r.rate, leadTimeMedian: r.leadTimeMedian, recoveryMedian: r.recoveryMedian, reworkRate: r.reworkRate } };
    };

    it('syncs in the extension’s background with the session cookie and shows the numbers of the ground truth', async () => {
      const { r, view } = expected();
      expect(r.total).toBeGreaterThan(5);
      // Releases blocked by prevent progression were deployed successfully here: they count in the frequency
      // and as failures in the failure rate (the default option), which this view checks.
      expect(r.blocked).toBeGreaterThan(0);
      expect(view.leadTimeMedian).not.toBeNull();
      // Redeploys, rollbacks and retries happen in the emulator's history: a rework rate to check.
      expect(r.rework).toBeGreaterThan(0);
      expect(await shown()).toEqual(view);
      // The default view is Octopus's: the default channel and the last environment of its lifecycle.
      expect(await frame.$eval('#f-environment', (el) => (el as HTMLSelectElement).value)).toBe(production);
    });

    if (sameSite === 'Strict') return;

    it('changes with each filter as the ground truth does', async () => {
      const space = emulator.history().Spaces[0];
      const staging = space.Environments.find((e) => e.Name === 'Staging')!.Id;
      await frame.select('#f-environment', staging);
      await frame.waitForFunction((env) => (document.querySelector('#f-environment') as HTMLSelectElement).value === env, {}, staging);
      expect(await shown()).toEqual(expected({ environment: staging }).view);

      await frame.select('#f-environment', production);
      await frame.select('#f-range', 'custom');
      await frame.$eval('#f-from', (el, v) => {
        const input = el as HTMLInputElement;
        input.value = v;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, '2026-10-01');
      await frame.waitForFunction(() => location.hash.includes('from=2026-10-01'));
      // 2026-10-01 00:00 BST = 2026-09-30T23:00Z.
      expect(await shown()).toEqual(expected({ from: Date.UTC(2026, 8, 30, 23) }).view);

      // The view is in the Octopus address, so it can be shared.
      expect(decodeURIComponent(await page.evaluate(() => location.hash))).toContain('from=2026-10-01');
      await frame.$eval('#f-from', (el, v) => {
        const input = el as HTMLInputElement;
        input.value = v;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, RANGE.from);
      await frame.waitForFunction((v) => location.hash.includes(`from=${v}`), {}, RANGE.from);
      expect(await shown()).toEqual(expected().view);

      // Granularity changes the buckets, not the totals: monthly over 1 Aug – 20 Nov is four buckets.
      await frame.select('#f-granularity', 'month');
      await frame.waitForFunction(() => location.hash.includes('granularity=month'));
      await frame.click('[data-testid="chart-frequency-table"]');
      const months = await frame.$$eval('[data-testid="chart-frequency"] .chart-table tbody tr', (rows) => rows.map((r) => r.firstElementChild?.textContent));
      expect(months).toEqual(['2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']);
      expect(await shown()).toEqual(expected().view);

      // Another channel: the environment follows that channel's lifecycle (its last environment).
      const other = space.Channels.find((c) => c.ProjectId === project.Id && !c.IsDefault);
      expect(other, 'the project has a second channel (hotfix)').toBeDefined();
      if (other) {
        await frame.select('#f-channel', other.Id);
        await frame.waitForFunction((id) => location.hash.includes(`channel=${id}`), {}, other.Id);
        const projectLifecycle = space.Projects.find((p) => p.Id === project.Id)!.LifecycleId;
        const lifecycle = space.Lifecycles.find((l) => l.Id === (other.LifecycleId ?? projectLifecycle))!;
        const phases = lifecycle.Phases.flatMap((ph) => [...ph.AutomaticDeploymentTargets, ...ph.OptionalDeploymentTargets]);
        const last = phases.at(-1)!;
        expect(await frame.$eval('#f-environment', (el) => (el as HTMLSelectElement).value)).toBe(last);
        expect(await shown()).toEqual(expected({ channel: other.Id, environment: last }).view);
        // And back: the default channel, and its lifecycle's last environment again.
        await frame.select('#f-channel', channel);
        await frame.waitForFunction((id) => (document.querySelector('#f-environment') as HTMLSelectElement).value === id, {}, production);
        expect(await shown()).toEqual(expected().view);
      }
    });

    it('exports a CSV whose rows equal the computed rows: Octopus’s seventeen columns by default, ours after them on request', async () => {
      // docs/octopus-api.md §1.6, in Octopus's order.
      const octopus = ['Deployment', 'Project', 'Release', 'Channel', 'Completed', 'Environment', 'Tenant', 'State', 'Had Guided Failure', 'Lead Time', 'Lead Time Calculated From', 'Since Previous Successful', 'Previous Successful', 'Time to Recovery', 'Deployments Until Recovery', 'Recovery From', 'Recovery From Version'];
      const ours = ['Lead Time (seconds)', 'Since Previous Successful (seconds)', 'Time to Recovery (seconds)', 'Outcome (DORA Lens)', 'Failure Kind (DORA Lens)', 'Delivery (DORA Lens)', 'Flags (DORA Lens)', 'Rework (DORA Lens)', 'Rework Reasons (DORA Lens)'];
      const { r } = expected();
      const exportCsv = async () => {
        const downloads = mkdtempSync(path.join(tmpdir(), 'dora-lens-downloads-'));
        await ext.downloadsTo(downloads);
        // A locator clicks once the button is enabled and stays put: a click at a point computed before a
        // layout change lands beside it (seen once in a full Chromium run: no download at all).
        await frame.locator('[data-testid="export-csv"]').click();
        const file = await waitForDownload(downloads);
        expect(file).toMatch(new RegExp(`^dora-lens_.+_Production_${RANGE.from}_${RANGE.to}\\.csv$`));
        return parseCsv(readFileSync(path.join(downloads, file), 'utf8'));
      };

      // The default: Octopus's column set, nothing more.
      const [head, ...rows] = await exportCsv();
      expect(head).toEqual(octopus);
      expect(rows.map((row) => row[0])).toEqual(r.rows.map((row) => row.id));
      expect(new Set(rows.map((row) => row[1]))).toEqual(new Set([project.Name]));

      // With ours: the same seventeen first, then ours, whose values equal the ground truth's.
      await frame.click('[data-testid="csv-ours"]');
      const [headOurs, ...rowsOurs] = await exportCsv();
      expect(headOurs).toEqual([...octopus, ...ours]);
      const col = (name: string) => headOurs.indexOf(name);
      const seconds = (ms: number | null) => (ms === null ? '' : String(ms / 1000));
      expect(rowsOurs.map((row) => [row[col('Deployment')], row[col('Lead Time (seconds)')], row[col('Time to Recovery (seconds)')], row[col('Rework (DORA Lens)')]])).toEqual(
        r.rows.map((row) => [row.id, seconds(row.leadTimeMs), seconds(row.recoveryMs), row.rework ? 'True' : 'False']),
      );
      expect(rowsOurs.filter((row) => row[col('Rework (DORA Lens)')] === 'True').length).toBe(r.rework);
      await frame.click('[data-testid="csv-ours"]');
    });

    it('follows the blocked-releases option: off, they are successes in the failure rate too', async () => {
      const on = expected();
      const off = expected({ blockedIsFailure: false });
      expect(off.view.rate).not.toBe(on.view.rate);
      expect(off.view.successful).toBe(on.view.successful);
      expect(await shown()).toEqual(on.view);
      // The options page writes the setting; open panels follow it.
      await ext.evaluateInExtension(`chrome.storage.local.set({ settings: { timeZone: 'Europe/London', blockedIsFailure: false } })`);
      await frame.waitForFunction(
        (rate) => document.querySelector('[data-testid="failureRate-value"]')?.getAttribute('data-value') === rate,
        { timeout: 30_000 },
        String(off.view.rate),
      );
      expect(await shown()).toEqual(off.view);
      await ext.evaluateInExtension(`chrome.storage.local.set({ settings: { timeZone: 'Europe/London' } })`);
      await frame.waitForFunction(
        (rate) => document.querySelector('[data-testid="failureRate-value"]')?.getAttribute('data-value') === rate,
        { timeout: 30_000 },
        String(on.view.rate),
      );
    });

    it('shows the goals set in the editor as met or missed (and how sure) on the cards, as computed from the ground truth, and their lines on the charts', async () => {
      const { r } = expected();
      await frame.click('[data-testid="goals"]');
      // The space's goals, in the form's units: ≥ 1 deployment a day, median lead time ≤ 24 h, failure rate ≤ 10 %, rework ≤ 5 %.
      const set = { frequency: '1', leadTime: '24', failureRate: '10', reworkRate: '5' };
      for (const [metric, value] of Object.entries(set)) {
        const input = await frame.waitForSelector(`[data-testid="goal-space-${metric}"]`);
        await input!.click({ count: 3 });
        await input!.type(value);
      }
      await frame.click('[data-testid="goals-save"]');
      await frame.waitForSelector('[data-testid="reworkRate-goal"]', { timeout: 15_000 });
      const badge = (id: string) =>
        frame.$eval(`[data-testid="${id}-goal"]`, (el) => ({ state: el.getAttribute('data-state'), confident: el.getAttribute('data-confident') === 'true' }));

      // Rates: the Wilson interval, computed here, decides how sure.
      expect(await badge('failureRate')).toEqual(rateGoal(r.rate!, wilson95(r.failed, r.total)!, 0.1));
      expect(await badge('reworkRate')).toEqual(rateGoal(r.reworkRate!, wilson95(r.rework, r.total)!, 0.05));
      // Frequency and lead time: met or missed as the value says.
      const perDay = r.successful / ((WINDOW.to - WINDOW.from) / 86_400_000);
      expect((await badge('frequency')).state).toBe(perDay >= 1 ? 'met' : 'missed');
      expect((await badge('leadTime')).state).toBe(r.leadTimeMedian! <= 24 * 3_600_000 ? 'met' : 'missed');
      // No goal on recovery: no badge.
      expect(await frame.$('[data-testid="recovery-goal"]')).toBeNull();

      // The charts' target lines, read from their tables: the rate's target in %, lead time's as a duration.
      const goalColumn = async (chart: string) => {
        await frame.click(`[data-testid="chart-${chart}"] figcaption button[aria-expanded="false"]`);
        return frame.$eval(`[data-testid="chart-${chart}"] .chart-table`, (table) => {
          const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
          const column = head.length - 1;
          return { label: head[column], cells: [...new Set([...table.querySelectorAll('tbody tr')].map((tr) => tr.children[column]?.textContent))] };
        });
      };
      expect(await goalColumn('failureRate')).toEqual({ label: 'Goal (%)', cells: ['10.00'] });
      expect(await goalColumn('reworkRate')).toEqual({ label: 'Goal (%)', cells: ['5.00'] });
      expect(await goalColumn('leadTime')).toEqual({ label: 'Goal', cells: ['1d'] });
      await frame.click('[data-testid="goals"]');
      await frame.$eval('[data-testid="frequency-value"]', (el) => el.scrollIntoView());
      await screenshot(page, 'panel-goals');
    });

    it('looks right in light and dark', async () => {
      await screenshot(page, 'panel-light');
      await emulateColorScheme(page, 'dark');
      await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
      await page.reload();
      const dark = await waitForPanelFrame(page);
      await dark.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 30_000 });
      expect(await dark.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await screenshot(page, 'panel-dark');
    });

    it('filters by tenant as the ground truth does', async () => {
      // A tenanted project with production deployments by several tenants in the window.
      const space = emulator.history().Spaces[0];
      const byTenant = (p: string) => new Set(truth.deployments.filter((d) => d.project === p && d.environment === production && d.tenant && d.completed! >= WINDOW.from && d.completed! < WINDOW.to).map((d) => d.tenant));
      const tenanted = space.Projects.filter((p) => p.TenantedDeploymentMode !== 'Untenanted').sort((a, b) => byTenant(b.Id).size - byTenant(a.Id).size)[0];
      const tenant = [...byTenant(tenanted.Id)][0]!;
      const tenantedChannel = space.Channels.find((c) => c.ProjectId === tenanted.Id && c.IsDefault)!.Id;
      await page.goto(`${emulator.url}/app#/${SPACE}/projects/${tenanted.Slug}/deployments?doraLens=insights&range=custom&from=${RANGE.from}&to=${RANGE.to}&tenant=${tenant}`);
      const tenantFrame = await waitForPanelFrame(page, { project: tenanted.Slug });
      await tenantFrame.waitForFunction((t) => (document.querySelector('#f-tenant') as HTMLSelectElement | null)?.value === t, { timeout: 30_000 }, tenant);
      const value = (id: string) => tenantFrame.$eval(`[data-testid="${id}-value"]`, (el) => el.getAttribute('data-value'));
      const r = referenceMetrics(truth.deployments, truth.releases, { project: tenanted.Id, channel: tenantedChannel, environment: production, tenant, ...WINDOW });
      expect(r.total).toBeGreaterThan(0);
      expect(Number(await tenantFrame.$eval('[data-testid="frequency-sample"]', (el) => el.getAttribute('data-value')))).toBe(r.successful);
      expect(await value('failureRate')).toBe(r.rate === null ? '' : String(r.rate));
      const all = referenceMetrics(truth.deployments, truth.releases, { project: tenanted.Id, channel: tenantedChannel, environment: production, tenant: 'all', ...WINDOW });
      expect(all.successful).toBeGreaterThan(r.successful);
    });
  });
}
