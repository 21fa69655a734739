import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../lib/metrics/compute-insights';
import { deploymentRows } from '../../../lib/metrics/deployment-rows';
import type { History } from '../../../lib/metrics/facts';
import { prepare } from '../../../lib/metrics/prepare';
import { at, type DeploymentRow, historyFrom, indexOf } from '../../factories';

// Hand-computed cases of DORA's deployment rework rate in its Octopus form (lib/metrics/README.md,
// decision 10): among counted deployments (successful + failed), rework = a redeploy or rollback of a
// release at or below the stream's high-water mark, a deployment made during a failure run (after a
// failure, up to and including the recovery), or a release of a hotfix channel.

const releases = [
  { version: '1.0', assembled: '2024-01-01T09:00:00Z' },
  { version: '1.1', assembled: '2024-01-02T09:00:00Z' },
  { version: '1.2', assembled: '2024-01-03T09:00:00Z' },
  { version: '1.3', assembled: '2024-01-04T09:00:00Z' },
  { version: '2.0-hotfix', assembled: '2024-01-04T10:00:00Z', channel: 'Hotfix' },
];
const now = at('2024-01-10T00:00:00Z');
const window = { from: at('2024-01-01T00:00:00Z'), to: now };

/** Production deployments, one a day from Jan 1 at 10:00 unless `completed` is given. */
function prod(rows: (Partial<DeploymentRow> & { release: string })[]): DeploymentRow[] {
  return rows.map((r, k) => ({
    environment: 'Production',
    completed: `2024-01-0${1 + Math.floor(k / 4)}T1${k % 4}:00:00Z`,
    ...r,
  }));
}

function setup(deployments: DeploymentRow[], hotfixChannels?: string[]) {
  const h: History = historyFrom({ releases, deployments });
  const p = prepare(h);
  const channels = hotfixChannels?.map((name) => indexOf(h.dims.channels, name));
  const rows = deploymentRows(p, { now, range: window, hotfixChannels: channels });
  const insights = computeInsights(p, { now, range: window, granularity: 'day', timeZone: 'UTC', hotfixChannels: channels });
  return {
    /** Rework reasons by `Deployments-N`. */
    reasons: Object.fromEntries(rows.map((r) => [r.deployment, r.beyondOctopus.rework])),
    rate: insights.summary.beyondOctopus.reworkRate,
    insights,
  };
}

describe('deployment rework rate (hand-computed)', () => {
  it('a redeploy of the newest delivered release is rework; the first deployment and new releases are not', () => {
    const { reasons, rate } = setup(prod([{ release: '1.0' }, { release: '1.1' }, { release: '1.1' }, { release: '1.2' }]));
    expect(reasons).toEqual({ 'Deployments-1': [], 'Deployments-2': [], 'Deployments-3': ['redeploy'], 'Deployments-4': [] });
    // 1 of 4 counted deployments
    expect(rate).toMatchObject({ rework: 1, total: 4, rate: 0.25, reasons: { redeploy: 1, rollback: 0, failureRun: 0, hotfix: 0 } });
  });

  it('a rollback to an older release is rework, and so is a redeploy of the mark after it (the mark stays the newest)', () => {
    const { reasons, rate } = setup(prod([{ release: '1.0' }, { release: '1.2' }, { release: '1.1' }, { release: '1.2' }, { release: '1.3' }]));
    // 1.1 after 1.2: rollback; 1.2 again: the mark is still 1.2, a redeploy; 1.3: new changes
    expect(reasons).toEqual({
      'Deployments-1': [],
      'Deployments-2': [],
      'Deployments-3': ['rollback'],
      'Deployments-4': ['redeploy'],
      'Deployments-5': [],
    });
    expect(rate).toMatchObject({ rework: 2, total: 5, rate: 0.4, reasons: { redeploy: 1, rollback: 1 } });
  });

  it('retries inside a failure run are rework up to and including the recovery; the failure that opens the run is not', () => {
    const { reasons, rate } = setup(
      prod([
        { release: '1.0' },
        { release: '1.1', state: 'Failed' }, // opens the run: a planned deployment that failed
        { release: '1.1', state: 'Failed' }, // retry: rework (failure run)
        { release: '1.1', guidedFailure: true }, // a guided failure is a failure: rework (failure run)
        { release: '1.1' }, // the recovery: rework (failure run)
        { release: '1.2' }, // after the recovery: planned
      ]),
    );
    expect(reasons).toEqual({
      'Deployments-1': [],
      'Deployments-2': [],
      'Deployments-3': ['failureRun'],
      'Deployments-4': ['failureRun'],
      'Deployments-5': ['failureRun'],
      'Deployments-6': [],
    });
    // 3 of 6; Wilson 95 % for 3/6 with z = 1.959964, z² = 3.841459: centre (0.5 + 0.320122) / 1.640243 = 0.5,
    // half = (1.959964 / 1.640243) √(0.25/6 + 3.841459/144) = 1.194923 × 0.261426 = 0.312384
    expect(rate.rework).toBe(3);
    expect(rate.total).toBe(6);
    expect(rate.wilson95?.lower).toBeCloseTo(0.5 - 0.312384, 5);
    expect(rate.wilson95?.upper).toBeCloseTo(0.5 + 0.312384, 5);
  });

  it('a failed redeploy is rework twice over (counted once), and the run it opens makes the next deployment rework', () => {
    const { reasons, rate } = setup(prod([{ release: '1.0' }, { release: '1.1' }, { release: '1.1', state: 'Failed' }, { release: '1.2' }]));
    expect(reasons).toEqual({ 'Deployments-1': [], 'Deployments-2': [], 'Deployments-3': ['redeploy'], 'Deployments-4': ['failureRun'] });
    expect(rate).toMatchObject({ rework: 2, total: 4 });

    // A redeploy inside a run has both reasons and counts once in the rate, under each reason.
    const both = setup(prod([{ release: '1.0' }, { release: '1.1', state: 'Failed' }, { release: '1.0' }]));
    expect(both.reasons['Deployments-3']).toEqual(['redeploy', 'failureRun']);
    expect(both.rate).toMatchObject({ rework: 1, total: 3, reasons: { redeploy: 1, failureRun: 1 } });
  });

  it('deployments of a hotfix channel are rework when the user marks it, and only then (default none)', () => {
    const rows = prod([{ release: '1.0' }, { release: '2.0-hotfix', channel: 'Hotfix' }, { release: '1.1' }]);
    const unmarked = setup(rows);
    expect(unmarked.rate).toMatchObject({ rework: 0, total: 3 });
    const marked = setup(rows, ['Hotfix']);
    // The hotfix channel is its own stream: its first deployment is not a redeploy, only a hotfix.
    expect(marked.reasons).toEqual({ 'Deployments-1': [], 'Deployments-2': ['hotfix'], 'Deployments-3': [] });
    expect(marked.rate).toMatchObject({ rework: 1, total: 3, reasons: { hotfix: 1 } });
  });

  it('tenants are streams of their own: a release reaching a second tenant is not a redeploy, nor is it in the first tenant’s run', () => {
    const { reasons, rate } = setup([
      { environment: 'Production', tenant: 'Acme', release: '1.1', completed: '2024-01-02T10:00:00Z' },
      { environment: 'Production', tenant: 'Globex', release: '1.1', completed: '2024-01-02T11:00:00Z' }, // first for Globex
      { environment: 'Production', tenant: 'Acme', release: '1.2', completed: '2024-01-03T10:00:00Z', state: 'Failed' },
      { environment: 'Production', tenant: 'Globex', release: '1.2', completed: '2024-01-03T11:00:00Z' }, // Acme's run is not Globex's
      { environment: 'Production', tenant: 'Acme', release: '1.2', completed: '2024-01-03T12:00:00Z' }, // Acme's recovery
      { environment: 'Production', tenant: 'Globex', release: '1.1', completed: '2024-01-04T10:00:00Z' }, // Globex's rollback
    ]);
    expect(reasons).toEqual({
      'Deployments-1': [],
      'Deployments-2': [],
      'Deployments-3': [],
      'Deployments-4': [],
      'Deployments-5': ['failureRun'],
      'Deployments-6': ['rollback'],
    });
    expect(rate).toMatchObject({ rework: 2, total: 6 });
  });

  it('canceled, timed-out and unfinished deployments are excluded: neither rework nor counted, and they neither open nor end a run', () => {
    const { reasons, rate, insights } = setup(
      prod([
        { release: '1.0' },
        { release: '1.0', state: 'Canceled' }, // would be a redeploy: excluded
        { release: '1.1', state: 'Failed' },
        { release: '1.1', state: 'TimedOut' }, // inside the run: excluded, and the run stays open
        { release: '1.1', state: 'Canceled' },
        { release: '1.1' }, // the recovery
        { release: '1.2', completed: null, started: '2024-01-09T10:00:00Z' }, // still running
      ]),
    );
    expect(reasons).toEqual({
      'Deployments-1': [],
      'Deployments-2': [],
      'Deployments-3': [],
      'Deployments-4': [],
      'Deployments-5': [],
      'Deployments-6': ['failureRun'],
    });
    // Counted: 1, 3, 6; rework: 6
    expect(rate).toMatchObject({ rework: 1, total: 3 });
    expect(insights.summary.failureRate.total).toBe(3);
  });

  it('a blocked release counts once in the denominator; its success ends a run like any success (the task’s own outcome)', () => {
    const h = historyFrom({
      releases: [...releases.slice(0, 2), { version: '1.2', assembled: '2024-01-03T09:00:00Z', blocked: true }],
      deployments: prod([{ release: '1.0' }, { release: '1.1', state: 'Failed' }, { release: '1.2' }, { release: '1.2' }]),
    });
    for (const blockedIsFailure of [true, false]) {
      const insights = computeInsights(prepare(h, { blockedIsFailure }), { now, range: window, granularity: 'day', timeZone: 'UTC' });
      // 1.2's first success recovers (rework); its second is a redeploy (rework), not a run: the success closed it.
      expect(insights.summary.beyondOctopus.reworkRate).toMatchObject({ rework: 2, total: 4, reasons: { failureRun: 1, redeploy: 1 } });
      expect(insights.summary.failureRate.failed).toBe(blockedIsFailure ? 3 : 1);
    }
  });

  it('is aggregated like the failure rate: per bucket, the previous period and the 28-day indicator', () => {
    const rows = prod([
      { release: '1.0', completed: '2024-01-02T10:00:00Z' },
      { release: '1.0', completed: '2024-01-02T11:00:00Z' }, // redeploy, Jan 2
      { release: '1.1', completed: '2024-01-03T10:00:00Z' },
      { release: '1.0', completed: '2024-01-03T11:00:00Z' }, // rollback, Jan 3
      { release: '1.2', completed: '2024-01-03T12:00:00Z' },
    ]);
    const { insights } = setup(rows);
    const byDay = Object.fromEntries(insights.series.map((b) => [b.label, b.beyondOctopus.reworkRate]));
    expect(byDay['2024-01-02']).toMatchObject({ rework: 1, total: 2, rate: 0.5 });
    expect(byDay['2024-01-03']).toMatchObject({ rework: 1, total: 3 });
    expect(byDay['2024-01-04']).toMatchObject({ rework: 0, total: 0, rate: null, wilson95: null });
    expect(insights.summary.beyondOctopus.reworkRate).toMatchObject({ rework: 2, total: 5, rate: 0.4 });
    expect(insights.previous.beyondOctopus.reworkRate.total).toBe(0);
    // Under Octopus's 10-deployment minimum: no direction, as for the failure rate.
    expect(insights.trend28.indicators.reworkRate).toMatchObject({ direction: 'none', reason: 'too-few-deployments', current: 0.4 });
    expect(insights.comparison.reworkRate.direction).toBe('none');
  });

  it('ranks groups by rework rate, lower first, from the minimum sample', () => {
    const rows: DeploymentRow[] = [];
    // Acme: 1.0, then 1.0 again three times (3 redeploys of 4); Globex: 1.0, 1.1, 1.2, 1.2 (1 redeploy of 4)
    for (const [k, release] of ['1.0', '1.0', '1.0', '1.0'].entries()) rows.push({ environment: 'Production', tenant: 'Acme', release, completed: `2024-01-0${k + 2}T10:00:00Z` });
    for (const [k, release] of ['1.0', '1.1', '1.2', '1.2'].entries()) rows.push({ environment: 'Production', tenant: 'Globex', release, completed: `2024-01-0${k + 2}T11:00:00Z` });
    const p = prepare(historyFrom({ releases, deployments: rows }));
    const ranking = computeInsights(p, { now, range: window, granularity: 'week', timeZone: 'UTC', rankings: { minDeployments: 4 } }).beyondOctopus.rankings.tenant.reworkRate;
    expect(ranking.ranked.map((e) => [e.name, e.value, e.sample])).toEqual([
      ['Globex', 0.25, 4],
      ['Acme', 0.75, 4],
    ]);
    expect(ranking.best[0].name).toBe('Globex');
    expect(ranking.worst[0].name).toBe('Acme');
  });
});
