import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../lib/metrics/compute-insights';
import { prepare } from '../../../lib/metrics/prepare';
import { at, HOUR, type HistoryRows, historyFrom } from '../../factories';

/**
 * Four projects deploying to Production hourly from 1 Jan 2024 00:00 UTC; each release is created 30 min
 * before its deployment.
 * - A: 10 successes.
 * - B: 10 deployments, hours 3 and 7 failed (each recovered 1 h later).
 * - C: 10 deployments, hours 0-4 failed with the same release "C-bad", hours 5-9 succeed (recovery 5 h).
 * - D: 3 successes (below the 10-deployment minimum).
 */
function history() {
  const releases: HistoryRows['releases'] = [];
  const deployments: HistoryRows['deployments'] = [];
  const start = at('2024-01-01T00:00:00Z');
  const time = (hour: number, minutes = 0) => new Date(start + hour * HOUR + minutes * 60_000).toISOString();
  const deploy = (project: string, hour: number, version: string, failed: boolean) => {
    if (!releases.some((r) => r.project === project && r.version === version)) {
      releases.push({ project, version, assembled: time(hour, -30) });
    }
    deployments.push({ project, environment: 'Production', release: version, completed: time(hour), state: failed ? 'Failed' : 'Success' });
  };
  for (let k = 0; k < 10; k++) deploy('A', k, `A-${k}`, false);
  for (let k = 0; k < 10; k++) deploy('B', k, `B-${k}`, k === 3 || k === 7);
  for (let k = 0; k < 10; k++) deploy('C', k, k < 5 ? 'C-bad' : `C-${k}`, k < 5);
  for (let k = 0; k < 3; k++) deploy('D', k, `D-${k}`, false);
  return historyFrom({ releases, deployments });
}

const query = {
  now: at('2024-01-08T00:00:00Z'),
  range: { from: at('2024-01-01T00:00:00Z'), to: at('2024-01-08T00:00:00Z') },
  granularity: 'day' as const,
};

describe('rankings (beyond Octopus)', () => {
  const insights = computeInsights(prepare(history()), query);
  const r = insights.beyondOctopus.rankings;

  it('failure rate: A 0/10, B 2/10, C 5/10; D has 3 deployments, under the minimum of 10', () => {
    expect(r.project.failureRate.ranked.map((e) => [e.name, e.value, e.sample])).toEqual([
      ['A', 0, 10],
      ['B', 0.2, 10],
      ['C', 0.5, 10],
    ]);
    expect(r.project.failureRate.best.map((e) => e.name)).toEqual(['A', 'B']); // ⌈3/2⌉ = 2
    expect(r.project.failureRate.worst.map((e) => e.name)).toEqual(['C']); // ⌊3/2⌋ = 1
    expect(r.project.failureRate.belowMinimum).toBe(1);
    expect(r.project.failureRate.minSample).toBe(10);
  });

  it('frequency: successful deployments per week over the 7-day window: A 10, B 8, C 5', () => {
    expect(r.project.frequency.ranked.map((e) => [e.name, e.value])).toEqual([
      ['A', 10],
      ['B', 8],
      ['C', 5],
    ]);
  });

  it('median recovery needs 5 values: no project qualifies; a single environment is not a ranking', () => {
    expect(r.project.recovery.ranked).toEqual([]);
    expect(r.project.recovery.belowMinimum).toBe(2);
    expect(r.environment.failureRate.ranked).toHaveLength(1);
    expect(r.environment.failureRate.best).toEqual([]);
    expect(r.environment.failureRate.worst).toEqual([]);
  });

  it('median lead time per project, lowest best', () => {
    // A: every release 30 min before its deployment → 10 × 30 min.
    // B: hour 4 delivers from B-3 (created 02:30) → 1.5 h, hour 8 from B-7 → 1.5 h, others 30 min: median 30 min.
    // C: hour 5 is the first success, from the earliest attempted release C-bad (created 23:30 the day before)
    //    → 5.5 h; hours 6-9: 30 min; median of [0.5, 0.5, 0.5, 0.5, 5.5] h = 30 min (5 values: eligible).
    const lead = r.project.leadTime.ranked.map((e) => [e.name, e.value / HOUR, e.sample]);
    expect(lead).toEqual([
      ['A', 0.5, 10],
      ['B', 0.5, 8],
      ['C', 0.5, 5],
    ]);
  });

  it('tenants: untenanted is a group of its own', () => {
    expect(r.tenant.frequency.ranked).toHaveLength(1);
    expect(r.tenant.frequency.ranked[0]).toMatchObject({ index: -1, name: 'Untenanted', sample: 33 });
  });

  it('releases with the most impact: most failed deployments, longest recovery', () => {
    const releases = insights.beyondOctopus.releases;
    expect(releases.mostFailures.map((e) => [e.version, e.project, e.failures, e.deployments])).toEqual([
      ['C-bad', 'C', 5, 5],
      ['B-3', 'B', 1, 1],
      ['B-7', 'B', 1, 1],
    ]);
    // C-bad: first failure 00:00, recovered by C-5 at 05:00 → 5 h; B-3 and B-7: 1 h each
    expect(releases.longestRecovery.map((e) => [e.version, e.recoveryMs / HOUR])).toEqual([
      ['C-bad', 5],
      ['B-3', 1],
      ['B-7', 1],
    ]);
  });
});
