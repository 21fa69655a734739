import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../lib/metrics/compute-insights';
import type { History } from '../../../lib/metrics/facts';
import { prepare } from '../../../lib/metrics/prepare';
import type { InsightsQuery } from '../../../lib/metrics/types';
import { at, DAY, type HistoryRows, HOUR, historyFrom, indexOf, MINUTE, snapshot } from '../../factories';

const week = { from: at('2024-01-01T00:00:00Z'), to: at('2024-01-08T00:00:00Z') };
const daily = (extra: Partial<InsightsQuery> = {}): InsightsQuery => ({
  now: week.to,
  range: week,
  granularity: 'day',
  timeZone: 'UTC',
  ...extra,
});

/** The worked example of this file (all Production, untenanted, UTC). */
const example: HistoryRows = {
  releases: [
    { version: 'r1', assembled: '2024-01-01T00:00:00Z' },
    { version: 'r2', assembled: '2024-01-02T00:00:00Z' },
    { version: 'r3', assembled: '2024-01-02T06:00:00Z' },
    { version: 'r4', assembled: '2024-01-03T00:00:00Z' },
  ],
  deployments: [
    // d1: first success; started 01:50, queued 01:45 → duration 10 min, queue 5 min; lead 00:00 → 02:00 = 2 h
    {
      environment: 'Production',
      release: 'r1',
      completed: '2024-01-01T02:00:00Z',
      started: '2024-01-01T01:50:00Z',
      queued: '2024-01-01T01:45:00Z',
    },
    // d2: task failed
    { environment: 'Production', release: 'r2', completed: '2024-01-02T04:00:00Z', state: 'Failed' },
    // d3: success; lead from r2 (Jan 2 00:00 → 08:00 = 8 h); recovery 04:00 → 08:00 = 4 h; since d1 = 30 h
    { environment: 'Production', release: 'r3', completed: '2024-01-02T08:00:00Z' },
    // d4: success with guided failure = failure
    { environment: 'Production', release: 'r4', completed: '2024-01-03T01:00:00Z', guidedFailure: true },
    // d5: canceled, excluded
    { environment: 'Production', release: 'r4', completed: '2024-01-03T02:00:00Z', state: 'Canceled' },
    // d6: success; lead from r4 (Jan 3 00:00 → Jan 4 00:00 = 24 h); recovery Jan 3 01:00 → Jan 4 00:00 = 23 h; since d3 = 40 h
    { environment: 'Production', release: 'r4', completed: '2024-01-04T00:00:00Z' },
  ],
};
// Factory defaults for d2..d6: started = completed − 5 min, queued = started − 1 min.

describe('computeInsights: the worked example', () => {
  const insights = computeInsights(prepare(historyFrom(example)), daily());
  const s = insights.summary;

  it('deployment frequency: successful deployments, per day and per week over the exact 7-day window', () => {
    expect(s.days).toBe(7);
    // d1, d3, d6
    expect(s.frequency).toEqual({ successful: 3, days: 7, perDay: 3 / 7, perWeek: 3 });
  });

  it('failure rate: failed / (successful + failed), canceled left out but counted', () => {
    expect(s.failureRate).toMatchObject({
      successful: 3,
      failed: 2,
      taskFailed: 1,
      guidedFailure: 1,
      blocked: 0,
      total: 5,
      rate: 2 / 5,
    });
    expect(s.failureRate.beyondOctopus.excluded).toEqual({ canceled: 1, timedOut: 0 });
  });

  it('lead time: [2 h, 8 h, 24 h]', () => {
    expect(s.leadTime).toMatchObject({ count: 3, mean: (34 / 3) * HOUR, median: 8 * HOUR, min: 2 * HOUR, max: 24 * HOUR });
    // p95: h = 2 · 0.95 = 1.9 → 8 h + 0.9 · (24 h − 8 h) = 22.4 h
    expect(s.leadTime.p95).toBeCloseTo(22.4 * HOUR, 3);
  });

  it('time to recovery [4 h, 23 h], deployments until recovery [1, 1], time since previous [30 h, 40 h]', () => {
    expect(s.recovery).toMatchObject({ count: 2, mean: 13.5 * HOUR, median: 13.5 * HOUR, min: 4 * HOUR, max: 23 * HOUR });
    expect(s.deploymentsUntilRecovery).toMatchObject({ count: 2, mean: 1, max: 1 });
    expect(s.sincePrevious).toMatchObject({ count: 2, min: 30 * HOUR, max: 40 * HOUR });
  });

  it('duration of successful deployments [5, 5, 10] min; queue time of all started deployments [1, 1, 1, 1, 1, 5] min', () => {
    expect(s.duration).toMatchObject({ count: 3, mean: (20 / 3) * MINUTE, median: 5 * MINUTE, max: 10 * MINUTE });
    expect(s.queueTime).toMatchObject({ count: 6, mean: (10 / 6) * MINUTE, median: 1 * MINUTE, max: 5 * MINUTE });
  });

  it('daily series in UTC', () => {
    expect(insights.series.map((b) => b.label)).toEqual([
      '2024-01-01',
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
      '2024-01-06',
      '2024-01-07',
    ]);
    expect(insights.series.map((b) => b.frequency.successful)).toEqual([1, 1, 0, 1, 0, 0, 0]);
    expect(insights.series.map((b) => b.failureRate.failed)).toEqual([0, 1, 1, 0, 0, 0, 0]);
    expect(insights.series.map((b) => b.leadTime.median)).toEqual([2 * HOUR, 8 * HOUR, null, 24 * HOUR, null, null, null]);
    expect(insights.series.every((b) => !b.partial && b.days === 1)).toBe(true);
  });

  it('the previous period is empty; comparisons and tiers say why they have no value', () => {
    expect(insights.previous.from).toBe(at('2023-12-25T00:00:00Z'));
    expect(insights.previous.failureRate.total).toBe(0);
    expect(insights.comparison.frequency).toMatchObject({ direction: 'none', reason: 'too-few-deployments' });
    const tiers = insights.beyondOctopus.tiers;
    expect(tiers.year).toBe(2024);
    // 3/7 per day ≥ 1/7 → High
    expect(tiers.frequency).toMatchObject({ tier: 'high', sample: 5 });
    expect(tiers.failureRate).toMatchObject({ tier: null, reason: 'too-few-values', sample: 5 });
    expect(tiers.leadTime).toMatchObject({ tier: null, reason: 'too-few-values', sample: 3 });
  });
});

describe('computeInsights: windows and buckets', () => {
  const releases = [{ version: '1.0', assembled: '2023-12-01T00:00:00Z' }];
  const at1 = (completed: string) => ({ environment: 'Production', release: '1.0', completed });

  it('windows include their start and exclude their end', () => {
    const h = historyFrom({
      releases,
      deployments: [
        at1('2023-12-31T23:59:59.999Z'),
        at1('2024-01-01T00:00:00.000Z'),
        at1('2024-01-07T23:59:59.999Z'),
        at1('2024-01-08T00:00:00.000Z'),
      ],
    });
    const insights = computeInsights(prepare(h), daily({ now: at('2024-02-01T00:00:00Z') }));
    expect(insights.summary.frequency.successful).toBe(2);
    expect(insights.series[0].frequency.successful).toBe(1);
    expect(insights.series[6].frequency.successful).toBe(1);
    expect(insights.previous.frequency.successful).toBe(1);
  });

  it('Europe/London days across the March change: 23:59 local stays on the 31st, 00:30 BST is 1 April', () => {
    const h = historyFrom({ releases, deployments: [at1('2024-03-31T22:59:00Z'), at1('2024-03-31T23:30:00Z')] });
    const insights = computeInsights(prepare(h), {
      now: at('2024-04-02T00:00:00Z'),
      range: { from: at('2024-03-30T00:00:00Z'), to: at('2024-04-01T23:00:00Z') },
      granularity: 'day',
      timeZone: 'Europe/London',
    });
    expect(insights.series.map((b) => [b.label, b.days, b.frequency.successful])).toEqual([
      ['2024-03-30', 1, 0],
      ['2024-03-31', 23 / 24, 1],
      ['2024-04-01', 1, 1],
    ]);
  });

  it('Europe/London days across the October change: the 27th has 25 hours', () => {
    const h = historyFrom({ releases, deployments: [at1('2024-10-26T23:30:00Z'), at1('2024-10-27T23:30:00Z')] });
    const insights = computeInsights(prepare(h), {
      now: at('2024-10-29T00:00:00Z'),
      range: { from: at('2024-10-26T23:00:00Z'), to: at('2024-10-28T00:00:00Z') },
      granularity: 'day',
      timeZone: 'Europe/London',
    });
    // 26 Oct 23:30Z = 27 Oct 00:30 BST; 27 Oct 23:30Z = 27 Oct 23:30 GMT: both on the 27th
    expect(insights.series.map((b) => [b.label, b.days, b.frequency.successful])).toEqual([['2024-10-27', 25 / 24, 2]]);
  });

  it('America/New_York days across the March change', () => {
    const h = historyFrom({ releases, deployments: [at1('2024-03-11T03:30:00Z'), at1('2024-03-11T04:30:00Z')] });
    const insights = computeInsights(prepare(h), {
      now: at('2024-03-13T00:00:00Z'),
      range: { from: at('2024-03-10T05:00:00Z'), to: at('2024-03-12T04:00:00Z') },
      granularity: 'day',
      timeZone: 'America/New_York',
    });
    // 03:30Z = 23:30 EDT on the 10th; 04:30Z = 00:30 EDT on the 11th; the 10th has 23 hours
    expect(insights.series.map((b) => [b.label, b.days, b.frequency.successful])).toEqual([
      ['2024-03-10', 23 / 24, 1],
      ['2024-03-11', 1, 1],
    ]);
  });

  it('weeks start on Sunday by default, Monday as an option; cut buckets are partial', () => {
    // A Sunday; the history starts long before the window (an older deployment), so buckets are cut by the window only.
    const h = historyFrom({ releases, deployments: [at1('2023-11-01T12:00:00Z'), at1('2024-01-07T12:00:00Z')] });
    const query = daily({ granularity: 'week', range: { from: at('2024-01-02T00:00:00Z'), to: at('2024-01-10T00:00:00Z') } });
    const sunday = computeInsights(prepare(h), query);
    expect(sunday.series.map((b) => [b.label, b.partial, b.frequency.successful])).toEqual([
      ['2023-12-31', true, 0],
      ['2024-01-07', true, 1],
    ]);
    const monday = computeInsights(prepare(h), { ...query, weekStart: 'monday' });
    expect(monday.series.map((b) => [b.label, b.partial, b.frequency.successful])).toEqual([
      ['2024-01-01', true, 1],
      ['2024-01-08', true, 0],
    ]);
    // A partial bucket's rate uses its cut length: Jan 2 – Jan 7 is 6 days
    expect(monday.series[0].frequency.perDay).toBe(1 / 6);
  });
});

describe('computeInsights: empty, single, purity', () => {
  it('an empty history gives zero counts and null statistics, no throw', () => {
    const insights = computeInsights(prepare(historyFrom({ releases: [], deployments: [] })), daily());
    expect(insights.summary.frequency).toEqual({ successful: 0, days: 0, perDay: 0, perWeek: 0 });
    expect(insights.historyStart).toBeNull();
    expect(insights.series.every((b) => b.beforeHistory)).toBe(true);
    expect(insights.summary.failureRate.rate).toBeNull();
    expect(insights.summary.failureRate.beyondOctopus.wilson95).toBeNull();
    expect(insights.summary.leadTime).toMatchObject({ count: 0, mean: null, median: null, p95: null });
    expect(insights.series).toHaveLength(7);
    expect(insights.beyondOctopus.tiers.frequency).toMatchObject({ tier: null, reason: 'no-data' });
    expect(insights.trend28.indicators.frequency.direction).toBe('none');
    expect(insights.beyondOctopus.unrecovered).toEqual({ count: 0, startedInWindow: 0, oldestOpenMs: null, runs: [] });
    expect(insights.beyondOctopus.rankings.project.frequency.ranked).toEqual([]);
    expect(insights.beyondOctopus.significance.leadTime).toBeNull();
    expect(insights.inProgress.count).toBe(0);
  });

  it('a single successful deployment', () => {
    const h = historyFrom({
      releases: [{ version: '1.0', assembled: '2024-01-03T09:00:00Z' }],
      deployments: [{ environment: 'Production', release: '1.0', completed: '2024-01-03T10:00:00Z' }],
    });
    const s = computeInsights(prepare(h), daily()).summary;
    expect(s.frequency.successful).toBe(1);
    expect(s.failureRate.rate).toBe(0);
    // Wilson 0 of 1: upper = z² / (1 + z²) = 3.8415 / 4.8415 = 0.79345
    expect(s.failureRate.beyondOctopus.wilson95?.upper).toBeCloseTo(0.79345, 5);
    expect(s.leadTime).toMatchObject({ count: 1, mean: HOUR, median: HOUR, p95: HOUR, min: HOUR, max: HOUR });
    expect(s.leadTime.beyondOctopus.medianCi95).toBeNull();
    expect(s.sincePrevious.count).toBe(0);
    expect(s.recovery.count).toBe(0);
  });

  it('does not mutate the history (typed arrays compared after prepare, insights and rows)', () => {
    const h = historyFrom(example);
    const before = snapshot(h);
    deepFreezeObjects(h);
    const p = prepare(h);
    computeInsights(p, daily({ filter: { environments: [0] } }));
    computeInsights(p, daily({ range: { preset: 'lastYear' }, granularity: 'month', timeZone: 'Europe/London' }));
    expect(h).toEqual(before);
  });
});

/** Object.freeze every plain object and array (typed arrays cannot be frozen; they are compared instead). */
function deepFreezeObjects(value: unknown): void {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
  for (const v of Object.values(value)) deepFreezeObjects(v);
  Object.freeze(value);
}

describe('computeInsights: filters', () => {
  const h = historyFrom({
    releases: [
      { version: '1.0', assembled: '2024-01-01T00:00:00Z' },
      { version: '1.0', assembled: '2024-01-01T00:00:00Z', project: 'Api' },
    ],
    deployments: [
      { environment: 'Test', release: '1.0', completed: '2024-01-02T00:00:00Z' },
      { environment: 'Production', release: '1.0', completed: '2024-01-02T01:00:00Z' },
      { environment: 'Production', release: '1.0', tenant: 'Acme', completed: '2024-01-02T02:00:00Z' },
      { environment: 'Production', release: '1.0', project: 'Api', completed: '2024-01-02T03:00:00Z', state: 'Failed' },
    ],
  });
  const p = prepare(h);
  const production = indexOf(h.dims.environments, 'Production');
  const api = indexOf(h.dims.projects, 'Api');

  it('environment, project and tenant filters select the matching streams', () => {
    expect(computeInsights(p, daily({ filter: { environments: [production] } })).summary.failureRate.total).toBe(3);
    expect(computeInsights(p, daily({ filter: { projects: [api] } })).summary.failureRate.failed).toBe(1);
    const untenanted = computeInsights(p, daily({ filter: { tenants: { tenants: 'none' } } }));
    expect(untenanted.summary.failureRate.total).toBe(3);
    const acme = computeInsights(p, daily({ filter: { tenants: { untenanted: false } } }));
    expect(acme.summary.frequency.successful).toBe(1);
  });

  it('a filter change recomputes from the same prepared history', () => {
    const all = computeInsights(p, daily());
    const test = computeInsights(p, daily({ filter: { environments: [indexOf(h.dims.environments, 'Test')] } }));
    expect(all.summary.failureRate.total).toBe(4);
    expect(test.summary.failureRate.total).toBe(1);
  });
});

describe('computeInsights: flagged values', () => {
  const h = historyFrom({
    releases: [
      { version: '1.0', assembled: '2024-01-02T12:00:00Z' }, // created after its deployment
      { version: '1.1', assembled: '2024-01-03T00:00:00Z' },
    ],
    deployments: [
      { environment: 'Production', release: '1.0', completed: '2024-01-02T10:00:00Z' },
      {
        environment: 'Production',
        release: '1.1',
        completed: '2024-01-03T10:00:00Z',
        started: '2024-01-03T11:00:00Z', // completion before start
      },
    ],
  });
  const p = prepare(h);

  it('negative values are kept in the statistics by default, counted and listed', () => {
    const insights = computeInsights(p, daily());
    // lead times: 10:00 − 12:00 = −2 h; Jan 3 00:00 → 10:00 = 10 h
    expect(insights.summary.leadTime).toMatchObject({ count: 2, min: -2 * HOUR, max: 10 * HOUR });
    expect(insights.beyondOctopus.flagged.LeadTimeNegative).toEqual({ count: 1, deployments: [0] });
    expect(insights.beyondOctopus.flagged.DurationNegative).toEqual({ count: 1, deployments: [1] });
    expect(insights.summary.duration.min).toBe(-1 * HOUR);
  });

  it('excludeFlagged leaves them out of the statistics but still reports them', () => {
    const insights = computeInsights(p, daily({ excludeFlagged: true }));
    expect(insights.summary.leadTime).toMatchObject({ count: 1, min: 10 * HOUR });
    expect(insights.summary.duration.count).toBe(1);
    expect(insights.summary.frequency.successful).toBe(2);
    expect(insights.beyondOctopus.flagged.LeadTimeNegative.count).toBe(1);
  });
});

describe("computeInsights: Octopus's 28-day trend and the previous-period comparison", () => {
  /** Ten successes in each 28-day block; each release created `leadHours` before its deployment. */
  function blocks(previousLead: number, currentLead: number): History {
    const releases: HistoryRows['releases'] = [];
    const deployments: HistoryRows['deployments'] = [];
    const now = at('2024-03-01T00:00:00Z');
    const add = (completed: number, lead: number) => {
      const version = `v${releases.length}`;
      releases.push({ version, assembled: new Date(completed - lead * HOUR).toISOString() });
      deployments.push({ environment: 'Production', release: version, completed: new Date(completed).toISOString() });
    };
    // The history starts long before both blocks, so every rate is over whole periods.
    add(now - 200 * DAY, previousLead);
    for (let k = 0; k < 10; k++) add(now - 50 * DAY + k * DAY, previousLead);
    for (let k = 0; k < 10; k++) add(now - 20 * DAY + k * DAY, currentLead);
    return historyFrom({ releases, deployments });
  }
  const query: InsightsQuery = {
    now: at('2024-03-01T00:00:00Z'),
    range: { from: at('2024-02-02T00:00:00Z'), to: at('2024-03-01T00:00:00Z') }, // the last 28 days
    granularity: 'week',
  };

  it('frequency steady (10 / 4 = 2.5 per week in both blocks), lead time up 1 h → 2 h is bad', () => {
    const t = computeInsights(prepare(blocks(1, 2)), query).trend28;
    expect(t.indicators.frequency).toMatchObject({ direction: 'steady', current: 2.5, previous: 2.5 });
    expect(t.indicators.leadTime).toMatchObject({ direction: 'up', sentiment: 'bad', current: 2 * HOUR, previous: HOUR, change: 1 });
    expect(t.indicators.failureRate).toMatchObject({ direction: 'steady', current: 0, previous: 0 });
    expect(t.indicators.recovery).toMatchObject({ direction: 'none', reason: 'no-current-value' });
    expect(t.from).toBe(query.now - 28 * DAY);
    expect(t.previousFrom).toBe(query.now - 56 * DAY);
  });

  it('the same rule compares the selected window with the previous one', () => {
    const c = computeInsights(prepare(blocks(2, 1)), query).comparison;
    expect(c.leadTime).toMatchObject({ direction: 'down', sentiment: 'good', change: -0.5 });
    expect(c.frequency.direction).toBe('steady');
  });

  it('none under 10 deployments in a block', () => {
    const h = blocks(1, 2);
    // now = 19 Feb: the current block [22 Jan, 19 Feb) loses the deployment at 19 Feb 00:00 (end excluded)
    const filtered = computeInsights(prepare(h), { ...query, now: query.now - 11 * DAY }).trend28;
    expect(filtered.indicators.leadTime).toMatchObject({ direction: 'none', reason: 'too-few-deployments', currentDeployments: 9 });
  });
});

describe('computeInsights: rates over the part of the range that has history', () => {
  // First deployment 10 June 2026 at 14:30 BST; "last year" from 25 Nov 2026 12:00 reaches back to 25 Nov 2025.
  const now = at('2026-11-25T12:00:00Z');
  const releases = [{ version: '1.0', assembled: '2026-06-01T00:00:00Z' }];
  const deployments = [
    { environment: 'Production', release: '1.0', completed: '2026-06-10T13:30:00Z' },
    { environment: 'Production', release: '1.0', completed: '2026-08-01T09:00:00Z' },
    { environment: 'Production', release: '1.0', completed: '2026-11-20T09:00:00Z', state: 'Failed' as const },
    { environment: 'Production', release: '1.0', completed: '2026-11-21T09:00:00Z' },
  ];
  const insights = computeInsights(prepare(historyFrom({ releases, deployments })), { now, range: { preset: 'lastYear' }, granularity: 'month', timeZone: 'Europe/London' });

  it('starts the history at local midnight of the first deployment’s day, and takes the rate over the days from there', () => {
    // Midnight of 10 June in London is 23:00 UTC on 9 June (BST).
    expect(insights.historyStart).toBe(at('2026-06-09T23:00:00Z'));
    const covered = (now - at('2026-06-09T23:00:00Z')) / DAY; // 168.5416… days, not 365
    expect(insights.summary.days).toBeCloseTo(365, 0);
    expect(insights.summary.frequency).toEqual({ successful: 3, days: covered, perDay: 3 / covered, perWeek: (3 / covered) * 7 });
    // The tier is computed on that rate.
    expect(insights.beyondOctopus.tiers.frequency.value).toBe(3 / covered);
  });

  it('marks the buckets before it, and leaves them out of the trend test', () => {
    expect(insights.series.filter((b) => b.beforeHistory).map((b) => b.label)).toEqual([
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
    ]);
    const june = insights.series.find((b) => b.label === '2026-06-01')!;
    expect(june.frequency.days).toBeCloseTo(21, 6); // 10–30 June
    expect(insights.beyondOctopus.significance.frequency?.n).toBe(6); // June to November
  });

  it('says the previous period has no history rather than comparing with nothing', () => {
    expect(insights.previous.frequency.days).toBe(0);
    expect(insights.beyondOctopus.changes.previous.frequency).toMatchObject({ reason: 'no-history', pValue: null, significant: false, sentiment: 'neutral' });
  });
});

describe('computeInsights: changes beyond noise', () => {
  /** `count` successes and `failures` failures spread over the 91 days before `end`. */
  function period(end: number, count: number, failures = 0): HistoryRows['deployments'] {
    return Array.from({ length: count + failures }, (_, k) => ({
      environment: 'Production',
      release: '1.0',
      completed: new Date(end - ((k + 0.5) * 91 * DAY) / (count + failures)).toISOString(),
      state: k < failures ? ('Failed' as const) : ('Success' as const),
    }));
  }
  const now = at('2026-12-03T00:00:00Z');
  const window = { from: now - 91 * DAY, to: now };
  const query: InsightsQuery = { now, range: window, granularity: 'week', timeZone: 'UTC' };
  const history = historyFrom({
    releases: [{ version: '1.0', assembled: '2026-01-01T00:00:00Z' }],
    // The history starts long before both periods.
    deployments: [{ environment: 'Production', release: '1.0', completed: '2025-06-01T00:00:00Z' }, ...period(window.from, 36), ...period(now, 114, 6)],
  });
  const changes = computeInsights(prepare(history), query).beyondOctopus.changes.previous;

  it('frequency 36 → 114 over two 91-day periods is beyond noise (the rate-ratio test)', () => {
    expect(changes.frequency).toMatchObject({
      test: 'rate-ratio',
      before: { count: 36, days: 91, from: window.from - 91 * DAY, to: window.from },
      after: { count: 114, days: 91, from: window.from, to: now },
      direction: 'up',
      significant: true,
      sentiment: 'good',
      reason: null,
    });
    expect(changes.frequency.change).toBeCloseTo(114 / 36 - 1, 10);
    expect(changes.frequency.pValue!).toBeLessThan(0.001);
  });

  it('a failure rate from 0 of 36 to 6 of 120 is too little data for the two-proportion test', () => {
    expect(changes.failureRate).toMatchObject({ test: 'two-proportion', before: { count: 0, n: 36 }, after: { count: 6, n: 120 }, reason: 'not-enough-data', pValue: null, sentiment: 'neutral' });
  });
});
