import { describe, expect, it } from 'vitest';
import type { History } from '@/lib/metrics/facts';
import { type DeploymentRowColumns, deploymentRowAt } from '@/lib/metrics/deployment-rows';
import { historyPart } from '@/lib/metrics/history-part';
import { prepare } from '@/lib/metrics/prepare';
import { csvText, deploymentsCsvChunks } from '@/lib/export/deployments-csv';
import { productionTargets, SUMMARY_DAYS, spaceSummary, summaryPart } from '@/lib/summary/space-summary';
import { at, DAY, HOUR, historyFrom, indexOf } from '../../factories';
import { randomRows } from '../../support/random-history';

const NOW = at('2026-11-25T12:00:00Z');
const deployments = (rows: DeploymentRowColumns) => Array.from({ length: rows.length }, (_, k) => deploymentRowAt(rows, k).deployment);
/** The window is the 30 × 24 h before NOW: [2026-10-26T12:00Z, 2026-11-25T12:00Z). */
const FROM = at('2026-10-26T12:00:00Z');

/**
 * Three projects whose production environments differ:
 * - Web: default channel's lifecycle Dev → Production, so Production. Its Hotfix channel's lifecycle ends
 *   in Dev, which must not matter: production follows the default channel, and hotfixes to Production count.
 * - Api: lifecycle Dev → Prod-EU, so Prod-EU.
 * - Docs: no default channel; "Alpha" comes first by name and its lifecycle ends in Prod-EU ("Beta" ends in
 *   Production), so Prod-EU.
 * Lifecycles are set on the dims after building, as the factory gives every project one empty lifecycle.
 */
function space(): History {
  const h = historyFrom({
    environments: ['Dev', 'Production', 'Prod-EU'],
    projects: [{ name: 'Web' }, { name: 'Api' }, { name: 'Docs' }],
    releases: [
      { project: 'Web', version: '0.9', assembled: '2026-10-19T00:00:00Z' },
      { project: 'Web', version: '1.0', assembled: '2026-11-01T00:00:00Z' },
      { project: 'Web', version: '1.1', assembled: '2026-11-10T00:00:00Z' },
      { project: 'Web', channel: 'Hotfix', version: '1.1.1', assembled: '2026-11-12T00:00:00Z' },
      { project: 'Api', version: '2.0', assembled: '2026-11-05T00:00:00Z' },
      { project: 'Api', version: '2.1', assembled: '2026-11-20T00:00:00Z' },
      { project: 'Docs', channel: 'Beta', version: 'd1', assembled: '2026-11-21T22:00:00Z' },
      { project: 'Docs', channel: 'Alpha', version: 'a1', assembled: '2026-11-01T00:00:00Z' },
    ],
    deployments: [
      // Web → Production (its production)
      { id: 1, project: 'Web', environment: 'Production', release: '0.9', completed: '2026-10-20T00:00:00Z' }, // before the window
      { id: 2, project: 'Web', environment: 'Dev', release: '1.0', completed: '2026-11-01T02:00:00Z' }, // not production
      { id: 3, project: 'Web', environment: 'Production', release: '1.0', completed: '2026-11-01T10:00:00Z' },
      { id: 4, project: 'Web', environment: 'Production', release: '1.1', state: 'Failed', completed: '2026-11-10T04:00:00Z' },
      { id: 5, project: 'Web', environment: 'Production', release: '1.1', completed: '2026-11-10T06:00:00Z' },
      { id: 6, project: 'Web', channel: 'Hotfix', environment: 'Production', release: '1.1.1', completed: '2026-11-12T01:00:00Z' },
      { id: 7, project: 'Web', environment: 'Prod-EU', release: '1.1', completed: '2026-11-15T00:00:00Z' }, // Api's production, not Web's
      // Api → Prod-EU (its production)
      { id: 8, project: 'Api', environment: 'Prod-EU', release: '2.0', completed: '2026-11-05T12:00:00Z' },
      { id: 9, project: 'Api', environment: 'Prod-EU', release: '2.1', guidedFailure: true, completed: '2026-11-20T03:00:00Z' },
      { id: 10, project: 'Api', environment: 'Prod-EU', release: '2.1', state: 'Canceled', completed: '2026-11-20T05:00:00Z' },
      { id: 11, project: 'Api', environment: 'Prod-EU', release: '2.1', completed: '2026-11-20T08:00:00Z' },
      { id: 12, project: 'Api', environment: 'Production', release: '2.1', completed: '2026-11-21T00:00:00Z' }, // Web's production, not Api's
      { id: 13, project: 'Api', environment: 'Prod-EU', release: '2.1', completed: null }, // still running: no row
      // Docs → Prod-EU (its production, decided by channel Alpha), deployed through channel Beta
      { id: 14, project: 'Docs', channel: 'Beta', environment: 'Prod-EU', release: 'd1', completed: '2026-11-22T00:00:00Z' },
      { id: 15, project: 'Docs', channel: 'Beta', environment: 'Production', release: 'd1', completed: '2026-11-22T01:00:00Z' }, // not Docs' production
    ],
  });
  const d = h.dims;
  const env = (name: string) => indexOf(d.environments, name);
  d.lifecycles = [
    { id: 'Lifecycles-1', name: 'To Production', phases: [{ name: 'Dev', environments: [env('Dev')] }, { name: 'Prod', environments: [env('Production')] }] },
    { id: 'Lifecycles-2', name: 'To Prod-EU', phases: [{ name: 'Dev', environments: [env('Dev')] }, { name: 'Prod', environments: [env('Prod-EU')] }] },
    { id: 'Lifecycles-3', name: 'Dev only', phases: [{ name: 'Dev', environments: [env('Dev')] }] },
  ];
  const channel = (project: string, name: string) => d.channels.findIndex((c) => c.project === indexOf(d.projects, project) && c.name === name);
  d.projects[indexOf(d.projects, 'Web')].lifecycle = 0;
  d.channels[channel('Web', 'Hotfix')].lifecycle = 2;
  d.projects[indexOf(d.projects, 'Api')].lifecycle = 1;
  d.projects[indexOf(d.projects, 'Docs')].lifecycle = 0;
  d.channels[channel('Docs', 'Alpha')].lifecycle = 1;
  d.channels[channel('Docs', 'Beta')].lifecycle = 0;
  return h;
}

describe('production environments', () => {
  it('are the last environment of each project’s default channel’s lifecycle (first channel by name when none is default)', () => {
    const h = space();
    const names = productionTargets(h.dims).map((t) => [h.dims.projects[t.project].name, h.dims.channels[t.channel].name, h.dims.environments[t.environment].name]);
    expect(names).toEqual([
      ['Web', 'Default', 'Production'],
      ['Api', 'Default', 'Prod-EU'],
      ['Docs', 'Alpha', 'Prod-EU'],
    ]);
  });

  it('fall back to the last environment of the space when the lifecycle lists none (Octopus’s default lifecycle)', () => {
    const h = historyFrom({
      environments: ['Dev', 'Test', 'Live'],
      releases: [{ version: '1', assembled: '2026-11-01T00:00:00Z' }],
      deployments: [],
    });
    expect(productionTargets(h.dims)).toEqual([{ project: 0, channel: 0, environment: 2 }]);
  });
});

describe('space summary over the last 30 days', () => {
  const summary = spaceSummary(prepare(space()), { now: NOW, tierYear: 2024 });

  it('covers [now − 30 days, now) and lists the production environments', () => {
    expect(summary.from).toBe(FROM);
    expect(summary.to).toBe(NOW);
    expect(summary.environments).toEqual([
      { environment: 2, name: 'Prod-EU', projects: 2 },
      { environment: 1, name: 'Production', projects: 1 },
    ]);
  });

  it('keeps only each project’s own production pair, in completion order — not projects × environments', () => {
    // Ids 7, 12 and 15 went to another project's production environment; an AND filter of all projects and
    // both environments would count them. Id 1 is before the window, 2 is Dev, 13 has not finished.
    expect(deployments(summary.rows)).toEqual([3, 8, 4, 5, 6, 9, 10, 11, 14].map((id) => `Deployments-${id}`));
  });

  it('counts frequency and failure rate over every production environment', () => {
    // Successful: 3, 5, 6 (Web), 8, 11 (Api), 14 (Docs) = 6. Failed: 4 (task Failed), 9 (guided failure) = 2.
    // 10 was canceled: in no rate.
    expect(summary.frequency.successful).toBe(6);
    expect(summary.frequency.perDay).toBeCloseTo(6 / 30, 12);
    expect(summary.failureRate).toMatchObject({ successful: 6, failed: 2, taskFailed: 1, guidedFailure: 1, blocked: 0, total: 8, rate: 0.25 });
    expect(summary.failureRate.beyondOctopus.excluded).toEqual({ canceled: 1, timedOut: 0 });
  });

  it('takes medians over the deployments of all production environments together', () => {
    // Lead times (completion − creation of the earliest release not yet delivered to the stream):
    // 3: 1.0 at 10:00 − 00:00 = 10 h; 5: 1.1 (the failed 4 delivered nothing) 06:00 − 00:00 = 6 h;
    // 6: Hotfix stream's first, 1.1.1 = 1 h; 8: 2.0 = 12 h; 11: 2.1 (9 failed) 08:00 − 00:00 = 8 h;
    // 14: d1 00:00 − 22:00 the day before = 2 h. Sorted 1, 2, 6, 8, 10, 12 → median (6 + 8) / 2 = 7 h.
    expect(summary.leadTime.count).toBe(6);
    expect(summary.leadTime.median).toBe(7 * HOUR);
    // Recoveries (first failure of the run → next success in the stream): 5 − 4 = 2 h; 11 − 9 = 5 h
    // (the canceled 10 is invisible to the stream). Median of 2 h and 5 h = 3.5 h.
    expect(summary.recovery.count).toBe(2);
    expect(summary.recovery.median).toBe(3.5 * HOUR);
  });

  it('rates each metric as DORA Lens’s tier, from enough data only', () => {
    // 2024: 0.2 per day ≥ once a week (1/7) → High; 7 h < 1 day → Elite; failure rate from 8 < 10 deployments
    // and recovery from 2 < 5 values are not rated.
    expect(summary.tiers.year).toBe(2024);
    expect(summary.tiers.frequency).toMatchObject({ tier: 'high', sample: 8, reason: null });
    expect(summary.tiers.leadTime).toMatchObject({ tier: 'elite', sample: 6, reason: null });
    expect(summary.tiers.failureRate).toMatchObject({ tier: null, sample: 8, reason: 'too-few-values' });
    expect(summary.tiers.recovery).toMatchObject({ tier: null, sample: 2, reason: 'too-few-values' });
  });

  it('gives one value per 24-hour day counted back from now', () => {
    // Day k is [FROM + k days, FROM + k + 1 days), FROM at 12:00: 3 → day 5 (Oct 31 12:00–Nov 1 12:00);
    // 8 at Nov 5 12:00 starts day 10; 4 and 5 → day 14; 6 → day 16; 9, 10, 11 → day 24; 14 → day 26.
    const at = (entries: Record<number, number>, empty: number | null) =>
      Array.from({ length: SUMMARY_DAYS }, (_, k) => (k in entries ? entries[k] : empty));
    expect(summary.days).toHaveLength(30);
    expect(summary.days[0]).toBe(FROM);
    expect(summary.days[29]).toBe(NOW - DAY);
    expect(summary.daily.frequency).toEqual(at({ 5: 1, 10: 1, 14: 1, 16: 1, 24: 1, 26: 1 }, 0));
    expect(summary.daily.failureRate).toEqual(at({ 5: 0, 10: 0, 14: 0.5, 16: 0, 24: 0.5, 26: 0 }, null));
    expect(summary.daily.leadTime).toEqual(at({ 5: 10 * HOUR, 10: 12 * HOUR, 14: 6 * HOUR, 16: 1 * HOUR, 24: 8 * HOUR, 26: 2 * HOUR }, null));
    expect(summary.daily.recovery).toEqual(at({ 14: 2 * HOUR, 24: 5 * HOUR }, null));
  });
});

describe('window edges and empty spaces', () => {
  const edges = () =>
    historyFrom({
      environments: ['Production'],
      releases: [{ version: '1', assembled: '2026-10-01T00:00:00Z' }],
      deployments: [
        { id: 1, environment: 'Production', release: '1', completed: '2026-10-26T11:59:59.999Z' }, // 1 ms before the window
        { id: 2, environment: 'Production', release: '1', completed: '2026-10-26T12:00:00Z' }, // its first instant
        { id: 3, environment: 'Production', release: '1', completed: '2026-11-25T11:59:59.999Z' }, // its last instant
        { id: 4, environment: 'Production', release: '1', completed: '2026-11-25T12:00:00Z' }, // = now: outside
      ],
    });

  it('includes the start and excludes now', () => {
    const s = spaceSummary(prepare(edges()), { now: NOW, tierYear: 2024 });
    expect(deployments(s.rows)).toEqual(['Deployments-2', 'Deployments-3']);
    expect(s.daily.frequency[0]).toBe(1);
    expect(s.daily.frequency[29]).toBe(1);
  });

  it('reports nothing deployed as empty numbers, not zeros pretending to be measurements', () => {
    const s = spaceSummary(prepare(edges()), { now: at('2027-06-01T00:00:00Z'), tierYear: 2023 });
    expect(deployments(s.rows)).toEqual([]);
    expect(s.targets).toHaveLength(1);
    expect(s.frequency.successful).toBe(0);
    expect(s.failureRate.rate).toBeNull();
    expect(s.leadTime.median).toBeNull();
    expect(s.recovery.median).toBeNull();
    expect(s.tiers.frequency).toMatchObject({ tier: null, reason: 'no-data' });
    expect(s.daily.failureRate.every((v) => v === null)).toBe(true);
  });

  it('has no targets in a space without projects', () => {
    const s = spaceSummary(prepare(historyFrom({ releases: [], deployments: [] })), { now: NOW, tierYear: 2024 });
    expect(s.targets).toEqual([]);
    expect(s.environments).toEqual([]);
    expect(deployments(s.rows)).toEqual([]);
  });
});

describe('a successful deployment of a blocked release (prevent progression)', () => {
  const blocked = () =>
    historyFrom({
      environments: ['Production'],
      releases: [
        { version: '1', assembled: '2026-11-01T00:00:00Z' },
        { version: '2', assembled: '2026-11-02T00:00:00Z', blocked: true },
      ],
      deployments: [
        { id: 1, environment: 'Production', release: '1', state: 'Failed', completed: '2026-11-01T10:00:00Z' },
        { id: 2, environment: 'Production', release: '2', completed: '2026-11-02T10:00:00Z' },
      ],
    });
  // Day k starts at FROM + k days (12:00): Nov 1 10:00 is in day 5, Nov 2 10:00 in day 6.

  it('is a success for frequency, lead time and recovery, and a failure in the failure rate (option on)', () => {
    const s = spaceSummary(prepare(blocked()), { now: NOW, tierYear: 2024 });
    expect(s.frequency.successful).toBe(1);
    expect(s.failureRate).toMatchObject({ successful: 0, failed: 2, taskFailed: 1, blocked: 1, total: 2, rate: 1 });
    // Lead time from release 1 (attempted first): Nov 1 00:00 → Nov 2 10:00 = 34 h; recovery 10:00 → 10:00 = 24 h.
    expect([s.leadTime.median, s.recovery.median]).toEqual([34 * HOUR, 24 * HOUR]);
    expect([s.daily.frequency[6], s.daily.failureRate[5], s.daily.failureRate[6]]).toEqual([1, 1, 1]);
  });

  it('counts as a success in the failure rate with the option off; nothing else moves', () => {
    const s = spaceSummary(prepare(blocked(), { blockedIsFailure: false }), { now: NOW, tierYear: 2024 });
    expect(s.frequency.successful).toBe(1);
    expect(s.failureRate).toMatchObject({ successful: 1, failed: 1, taskFailed: 1, blocked: 0, total: 2, rate: 0.5 });
    expect([s.leadTime.median, s.recovery.median]).toEqual([34 * HOUR, 24 * HOUR]);
    expect([s.daily.frequency[6], s.daily.failureRate[5], s.daily.failureRate[6]]).toEqual([1, 1, 0]);
  });
});

describe('the summary’s part of the history (what the popup prepares)', () => {
  /** The summary of the whole history and of its summary part: equal in every number, row and CSV byte. */
  function expectSameSummary(history: History, now: number, hotfixChannels?: number[]): History {
    const options = { now, tierYear: 2024 as const, timeZone: 'Europe/London', hotfixChannels };
    const part = historyPart(history, summaryPart(history.dims));
    const { rows: wholeRows, ...whole } = spaceSummary(prepare(history), options);
    const { rows: partRows, ...fromPart } = spaceSummary(prepare(part), options);
    expect(fromPart).toEqual(whole);
    expect(partRows.length).toBe(wholeRows.length);
    // Every field but the row's index into its own history.
    const row = (rows: DeploymentRowColumns, k: number) => ({ ...deploymentRowAt(rows, k), index: undefined });
    for (let k = 0; k < wholeRows.length; k++) expect(row(partRows, k)).toEqual(row(wholeRows, k));
    expect(csvText(deploymentsCsvChunks(partRows, { bom: true }))).toBe(csvText(deploymentsCsvChunks(wholeRows, { bom: true })));
    return part;
  }

  it('holds only the production environments’ deployments, and gives the same summary', () => {
    const history = space();
    const part = expectSameSummary(history, NOW);
    const production = new Set(productionTargets(history.dims).map((t) => t.environment));
    expect([...part.deployments.environment].every((e) => production.has(e))).toBe(true);
    // Dev's deployment (id 2) is not in it; every deployment to Production or Prod-EU is.
    expect(part.deployments.length).toBe(14);
    expect(expectSameSummary(history, NOW, [history.dims.channels.findIndex((c) => c.name === 'Hotfix')]).deployments.length).toBe(14);
  });

  for (const seed of [4, 19, 31]) {
    it(`gives the whole history’s summary on a random history (seed ${seed}), whatever the window`, () => {
      const history = historyFrom(randomRows(seed, 1200));
      const d = history.dims;
      // P1 keeps the default (the space's last environment); P2's lifecycle ends in the other one.
      d.lifecycles.push({ id: 'Lifecycles-9', name: 'First only', phases: [{ name: 'First', environments: [0] }] });
      d.projects[indexOf(d.projects, 'P2')].lifecycle = d.lifecycles.length - 1;
      expect(new Set(productionTargets(d).map((t) => t.environment)).size).toBe(2);
      for (const now of [at('2024-01-20T00:00:00Z'), at('2024-01-08T07:30:00Z')]) expectSameSummary(history, now);
      expectSameSummary(history, at('2024-01-20T00:00:00Z'), [d.channels.findIndex((c) => c.name === 'Beta')]);
    });
  }
});
