/**
 * The panel's empty state when the default view has nothing but the project does: deployed to the view's
 * environment only through another channel (a hotfix straight to Production). The panel says so — not
 * "never deployed" — and one click on that channel shows its numbers, which equal the ground truth's.
 */
import { describe, expect, it } from 'vitest';
import { expectedSpace } from '../support/ground-truth';
import { referenceMetrics } from '../support/reference-metrics';
import { screenshot, waitForPanelFrame } from './browser';
import { signedInBrowser } from './signed-in';

// A history where one project's only Production deployments came through its Hotfix channel (the emulator's
// generator at this minute, seed 2); the project is found below from the ground truth, not assumed.
const NOW = Date.UTC(2026, 11, 3, 19, 25);
const RANGE = { from: '2026-06-01', to: '2026-12-03' };
const WINDOW = { from: Date.UTC(2026, 5, 1), to: Date.UTC(2026, 11, 4) };
const SPACE = 'Spaces-1';

const session = signedInBrowser({ scale: 'tiny', seed: 2, now: NOW }, { settings: { timeZone: 'UTC' } });

describe('panel empty state', () => {
  it('says the project reached Production through another channel, and shows that channel’s numbers in one click', async () => {
    const { emulator, page } = session;
    const space = emulator.history().Spaces[0];
    const truth = expectedSpace(emulator.history(), SPACE);
    const production = space.Environments.find((e) => e.Name === 'Production')!.Id;
    const finished = truth.deployments.filter((d) => d.completed !== null && d.state === 'Success');
    const target = space.Projects.map((p) => {
      const defaultChannel = space.Channels.find((c) => c.ProjectId === p.Id && c.IsDefault)!;
      const mine = finished.filter((d) => d.project === p.Id);
      const other = mine.find((d) => d.environment === production && d.channel !== defaultChannel.Id);
      const throughDefault = mine.some((d) => d.channel === defaultChannel.Id);
      const defaultToProduction = truth.deployments.some((d) => d.project === p.Id && d.channel === defaultChannel.Id && d.environment === production);
      return other && throughDefault && !defaultToProduction ? { project: p, defaultChannel, channel: space.Channels.find((c) => c.Id === other.channel)! } : undefined;
    }).find((x) => x !== undefined);
    expect(target, 'a project deployed to Production only through a non-default channel').toBeDefined();
    const { project, defaultChannel, channel } = target!;

    await page.goto(`${emulator.url}/app#/${SPACE}/projects/${project.Slug}/deployments?doraLens=insights&range=custom&from=${RANGE.from}&to=${RANGE.to}`);
    const frame = await waitForPanelFrame(page, { project: project.Slug });
    const empty = await frame.waitForSelector('[data-testid="panel-empty"]', { timeout: 60_000 });
    const text = await empty!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain(`No deployments to Production in the ${defaultChannel.Name} channel`);
    expect(text).toContain(`${project.Name} reached Production through ${channel.Name}`);
    expect(text).not.toContain('Never deployed');
    await screenshot(page, 'panel-empty-other-channel');

    // The project's view comes first; the rest of the space may still be syncing, and its end re-renders the
    // panel. Wait for it, so that the click lands on the button it meant.
    await frame.waitForSelector('[data-testid="sync-bar"] button:not([disabled])', { timeout: 60_000 });
    await frame.click(`[data-testid="panel-empty"] button[data-channel="${channel.Id}"]`);
    await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 30_000 });
    // The channel changed and the environment stayed Production.
    expect(await frame.$eval('#f-channel', (el) => (el as HTMLSelectElement).value)).toBe(channel.Id);
    expect(await frame.$eval('#f-environment', (el) => (el as HTMLSelectElement).value)).toBe(production);
    const r = referenceMetrics(truth.deployments, truth.releases, { project: project.Id, channel: channel.Id, environment: production, tenant: 'all', ...WINDOW });
    expect(r.successful).toBeGreaterThan(0);
    const sample = await frame.$eval('[data-testid="frequency-sample"]', (el) => el.getAttribute('data-value'));
    expect(Number(sample)).toBe(r.successful);
  });
});
