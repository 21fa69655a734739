/**
 * Opening a project on a space DORA Lens has never synced: the panel reads that project's history first
 * and shows its numbers — equal to the emulator's ground truth — while the rest of the space is still
 * loading, then carries on to the whole space. The space-wide listings are slowed down here so that "still
 * loading" lasts long enough to be seen.
 */
import { describe, expect, it } from 'vitest';
import { expectedSpace } from '../support/ground-truth';
import { referenceMetrics } from '../support/reference-metrics';
import { screenshot, waitForPanelFrame } from './browser';
import { signedInBrowser } from './signed-in';

const SPACE = 'Spaces-1';
const NOW = Date.UTC(2026, 10, 25, 12);
const RANGE = { from: '2026-08-01', to: '2026-11-20' };
const WINDOW = { from: Date.UTC(2026, 7, 1), to: Date.UTC(2026, 10, 21) };

const session = signedInBrowser({ scale: 'demo', seed: 12, now: NOW }, { settings: { timeZone: 'UTC' } });

describe('a never-synced space', () => {
  it('shows the opened project’s numbers first, while the rest of the space loads', async () => {
    const { emulator, page } = session;
    const truth = expectedSpace(emulator.history(), SPACE);
    const space = emulator.history().Spaces[0];
    const production = space.Environments.find((e) => e.Name === 'Production')!.Id;
    const inWindow = truth.deployments.filter((d) => d.environment === production && d.completed !== null && d.completed >= WINDOW.from && d.completed < WINDOW.to);
    const count = (p: string) => inWindow.filter((d) => d.project === p).length;
    const project = space.Projects.find((p) => p.Id === [...new Set(inWindow.map((d) => d.project))].sort((a, b) => count(b) - count(a))[0])!;
    const channel = space.Channels.find((c) => c.ProjectId === project.Id && c.IsDefault)!.Id;

    // The space-wide release listing crawls; the project's own listings do not.
    emulator.setFaults('latency=400ms:route=/api/Spaces-1/releases*');
    await page.bringToFront();
    await page.goto(`${emulator.url}/app#/${SPACE}/projects/${project.Slug}/deployments?doraLens=insights&range=custom&from=${RANGE.from}&to=${RANGE.to}`);
    const frame = await waitForPanelFrame(page, { project: project.Slug });
    await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 60_000 });
    expect(await frame.$('[data-testid="space-still-loading"]')).not.toBeNull();
    await screenshot(page, 'panel-space-still-loading');

    const value = async (id: string, part: 'value' | 'sample' = 'value') => {
      const v = await frame.$eval(`[data-testid="${id}-${part}"]`, (el) => el.getAttribute('data-value'));
      return v === null || v === '' ? null : Number(v);
    };
    const r = referenceMetrics(truth.deployments, truth.releases, { project: project.Id, channel, environment: production, tenant: 'all', ...WINDOW });
    expect(r.total).toBeGreaterThan(5);
    const shown = async () => ({ successful: await value('frequency', 'sample'), rate: await value('failureRate'), leadTime: await value('leadTime'), recovery: await value('recovery') });
    const expected = { successful: r.successful, rate: r.rate, leadTime: r.leadTimeMedian, recovery: r.recoveryMedian };
    expect(await shown()).toEqual(expected);

    // The rest arrives; the notice goes, and the numbers stay what they were.
    emulator.setFaults('');
    await frame.waitForFunction(() => document.querySelector('[data-testid="space-still-loading"]') === null, { timeout: 120_000, polling: 200 });
    await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 30_000 });
    expect(await shown()).toEqual(expected);
  });
});
