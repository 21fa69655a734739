/**
 * Issue 16, lib/metrics/README.md decision 5: a successful deployment of a release blocked by prevent
 * progression ("Do not promote") is a failure in the failure rate only (option `blockedIsFailure`, on by
 * default), and a success for frequency, lead time, previous success and recovery, with the option on or off.
 */
import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../lib/metrics/compute-insights';
import { deploymentRows } from '../../../lib/metrics/deployment-rows';
import { prepare } from '../../../lib/metrics/prepare';
import { at, HOUR, historyFrom, indexOf } from '../../factories';

// Production: 1.0 succeeds, 1.1 fails, blocked 1.2 succeeds (the recovery), 1.3 succeeds.
// Test: 1.2 (blocked) succeeds, then 1.3.
const h = historyFrom({
  releases: [
    { version: '1.0', assembled: '2024-01-01T09:00:00Z' },
    { version: '1.1', assembled: '2024-01-02T09:00:00Z' },
    { version: '1.2', assembled: '2024-01-03T09:00:00Z', blocked: true },
    { version: '1.3', assembled: '2024-01-04T09:00:00Z' },
  ],
  deployments: [
    { environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
    { environment: 'Production', release: '1.1', completed: '2024-01-02T10:00:00Z', state: 'Failed' },
    { environment: 'Production', release: '1.2', completed: '2024-01-03T10:00:00Z' },
    { environment: 'Production', release: '1.3', completed: '2024-01-04T10:00:00Z' },
    { environment: 'Test', release: '1.2', completed: '2024-01-03T09:30:00Z' },
    { environment: 'Test', release: '1.3', completed: '2024-01-04T09:30:00Z' },
  ],
});
const production = indexOf(h.dims.environments, 'Production');
const now = at('2024-01-05T00:00:00Z');
const range = { from: at('2024-01-01T00:00:00Z'), to: now };

function productionView(blockedIsFailure: boolean) {
  const p = prepare(h, { blockedIsFailure });
  const insights = computeInsights(p, { now, range, granularity: 'day', filter: { environments: [production] }, rankings: { minDeployments: 1, minValues: 1 } });
  const rows = deploymentRows(p, { now, range, filter: { environments: [production] } });
  return { p, insights, rows, blockedRow: rows.find((r) => r.release === '1.2')! };
}

describe('a successful deployment of a blocked release', () => {
  for (const blockedIsFailure of [true, false]) {
    describe(`option ${blockedIsFailure ? 'on' : 'off'}`, () => {
      const { insights, rows, blockedRow } = productionView(blockedIsFailure);
      const s = insights.summary;

      it('counts once in the deployment frequency', () => {
        // 1.0, 1.2 and 1.3 succeeded
        expect(s.frequency.successful).toBe(3);
        expect(insights.series.map((b) => b.frequency.successful)).toEqual([1, 0, 1, 1]);
      });

      it('keeps its lead time, and moves the high-water mark', () => {
        // 1.2 delivers 1.1 and 1.2: from 1.1's creation (Jan 2 09:00) to Jan 3 10:00 = 25 h
        expect(blockedRow).toMatchObject({ state: 'Success', leadTimeMs: 25 * HOUR, leadTimeCalculatedFrom: '1.1' });
        // leads: 1.0 (first, 1 h), 1.2 (25 h), 1.3 (from 1.3: 1 h)
        expect([s.leadTime.count, s.leadTime.median, s.leadTime.max]).toEqual([3, 1 * HOUR, 25 * HOUR]);
      });

      it('ends the failure run and is the next one’s previous success', () => {
        // 1.1 failed Jan 2 10:00 → recovered by 1.2 on Jan 3 10:00 = 24 h
        expect(blockedRow).toMatchObject({ timeToRecoveryMs: 24 * HOUR, deploymentsUntilRecovery: 1, recoveryFromVersion: '1.1' });
        expect([s.recovery.count, s.recovery.median]).toEqual([1, 24 * HOUR]);
        expect(insights.beyondOctopus.unrecovered.count).toBe(0);
        // 1.2 follows 1.0 by 48 h, 1.3 follows 1.2 (not 1.0) by 24 h
        expect(rows.find((r) => r.release === '1.3')).toMatchObject({ previousSuccessful: blockedRow.deployment, sincePreviousSuccessfulMs: 24 * HOUR });
        expect([s.sincePrevious.count, s.sincePrevious.min, s.sincePrevious.max]).toEqual([2, 24 * HOUR, 48 * HOUR]);
      });
    });
  }

  it('counts as a failure in the failure rate with the option on: numerator and once in the denominator', () => {
    const { insights, blockedRow } = productionView(true);
    expect(insights.summary.failureRate).toMatchObject({ successful: 2, failed: 2, taskFailed: 1, guidedFailure: 0, blocked: 1, total: 4, rate: 0.5 });
    expect(insights.series[2].failureRate).toMatchObject({ successful: 0, failed: 1, blocked: 1, total: 1, rate: 1 });
    expect(blockedRow.beyondOctopus).toMatchObject({ outcome: 'success', failureKind: 'blocked' });
    // Figures beyond Octopus that are failure rates follow the same rule.
    const envRanking = insights.beyondOctopus.rankings.environment.failureRate.ranked;
    expect(envRanking.find((e) => e.name === 'Production')).toMatchObject({ value: 0.5, sample: 4 });
    expect(insights.beyondOctopus.releases.mostFailures.map((r) => r.version).sort()).toEqual(['1.1', '1.2']);
  });

  it('does not count as a failure with the option off', () => {
    const { insights, blockedRow } = productionView(false);
    expect(insights.summary.failureRate).toMatchObject({ successful: 3, failed: 1, taskFailed: 1, blocked: 0, total: 4, rate: 0.25 });
    expect(blockedRow.beyondOctopus).toMatchObject({ outcome: 'success', failureKind: null });
    expect(insights.beyondOctopus.releases.mostFailures.map((r) => r.version)).toEqual(['1.1']);
  });

  it("Octopus's 28-day trend counts it the same way (frequency a success, failure rate a failure)", () => {
    const on = computeInsights(prepare(h), { now, range, granularity: 'day' }).trend28.indicators;
    const off = computeInsights(prepare(h, { blockedIsFailure: false }), { now, range, granularity: 'day' }).trend28.indicators;
    // every environment: 5 successes (1.2 twice), 1 task failure, 6 deployments
    expect([on.frequency.current, on.failureRate.current, on.failureRate.currentDeployments]).toEqual([5 / 4, 3 / 6, 6]);
    expect([off.frequency.current, off.failureRate.current, off.failureRate.currentDeployments]).toEqual([5 / 4, 1 / 6, 6]);
  });
});
