import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../lib/metrics/compute-insights';
import { prepare } from '../../../lib/metrics/prepare';
import { at, HOUR, historyFrom } from '../../factories';
import { recoveryOf } from '@/lib/metrics/deployment-values';

const releases = [
  { version: '1.1', assembled: '2024-01-01T09:00:00Z' },
  { version: '1.2', assembled: '2024-01-02T09:00:00Z' },
  { version: '1.3', assembled: '2024-01-03T09:00:00Z' },
];

function recoveries(deployments: Parameters<typeof historyFrom>[0]['deployments']) {
  const h = historyFrom({ releases, deployments });
  const p = prepare(h);
  return {
    p,
    of: (id: number) => {
      const i = id - 1;
      return {
        ms: Number.isNaN(recoveryOf(p, i)) ? null : recoveryOf(p, i),
        until: p.deploymentsUntilRecovery[i],
        from: p.recoveredFrom[i] >= 0 ? p.recoveredFrom[i] + 1 : null, // as a deployment id
      };
    },
  };
}

describe('time to recovery (docs/octopus-api.md §1.3)', () => {
  it('runs from a failure completion to the next success completion, across releases', () => {
    const { of } = recoveries([
      { environment: 'Production', release: '1.1', completed: '2024-01-02T08:00:00Z' },
      { environment: 'Production', release: '1.2', completed: '2024-01-03T10:00:00Z', state: 'Failed' },
      { environment: 'Production', release: '1.3', completed: '2024-01-03T14:30:00Z' },
    ]);
    // 10:00 → 14:30 = 4.5 h, recovering from Deployments-2 (release 1.2) after 1 failed deployment
    expect(of(3)).toEqual({ ms: 4.5 * HOUR, until: 1, from: 2 });
    expect(of(1)).toEqual({ ms: null, until: 0, from: null });
  });

  it('a run of failures is measured from its first failure; guided failures are failures', () => {
    const { of } = recoveries([
      { environment: 'Production', release: '1.2', completed: '2024-01-03T10:00:00Z', state: 'Failed' },
      { environment: 'Production', release: '1.2', completed: '2024-01-03T11:00:00Z', guidedFailure: true },
      { environment: 'Production', release: '1.2', completed: '2024-01-03T12:00:00Z', state: 'Failed' },
      { environment: 'Production', release: '1.3', completed: '2024-01-03T15:00:00Z' },
    ]);
    // 10:00 → 15:00 = 5 h; 3 failed deployments until recovery; from the first (Deployments-1)
    expect(of(4)).toEqual({ ms: 5 * HOUR, until: 3, from: 1 });
    expect(of(2).ms).toBeNull();
  });

  it('is scoped to the stream: a success in another environment or tenant does not recover a failure', () => {
    const { of, p } = recoveries([
      { environment: 'Test', release: '1.2', completed: '2024-01-03T10:00:00Z', state: 'Failed' },
      { environment: 'Production', release: '1.2', completed: '2024-01-03T11:00:00Z' },
      { environment: 'Test', tenant: 'A', release: '1.2', completed: '2024-01-03T12:00:00Z' },
      { environment: 'Test', release: '1.3', completed: '2024-01-03T13:00:00Z' },
    ]);
    expect(of(2).ms).toBeNull();
    expect(of(3).ms).toBeNull();
    // Untenanted Test: 10:00 → 13:00 = 3 h
    expect(of(4)).toEqual({ ms: 3 * HOUR, until: 1, from: 1 });
    expect(p.openRuns.firstFailure.length).toBe(0);
  });

  it('canceled and timed-out deployments inside a run neither recover nor count as deployments until recovery', () => {
    const { of } = recoveries([
      { environment: 'Production', release: '1.2', completed: '2024-01-03T10:00:00Z', state: 'Failed' },
      { environment: 'Production', release: '1.2', completed: '2024-01-03T11:00:00Z', state: 'Canceled' },
      { environment: 'Production', release: '1.2', completed: '2024-01-03T11:30:00Z', state: 'TimedOut' },
      { environment: 'Production', release: '1.3', completed: '2024-01-03T12:00:00Z' },
    ]);
    // 10:00 → 12:00 = 2 h, one failed deployment
    expect(of(4)).toEqual({ ms: 2 * HOUR, until: 1, from: 1 });
  });

  it('a successful deployment of a blocked release ends a failure run, with the option on or off', () => {
    const h = historyFrom({
      releases: [...releases, { version: '1.4', assembled: '2024-01-04T09:00:00Z', blocked: true }],
      deployments: [
        { environment: 'Production', release: '1.3', completed: '2024-01-04T08:00:00Z', state: 'Failed' },
        { environment: 'Production', release: '1.4', completed: '2024-01-04T10:00:00Z' },
        { environment: 'Production', release: '1.3', completed: '2024-01-04T11:00:00Z' },
      ],
    });
    for (const blockedIsFailure of [true, false]) {
      const p = prepare(h, { blockedIsFailure });
      // 1.3 failed at 08:00; blocked 1.4 succeeded at 10:00 and recovers: 2 h; 11:00 is no recovery
      expect([recoveryOf(p, 1), p.deploymentsUntilRecovery[1], p.recoveredFrom[1]]).toEqual([2 * HOUR, 1, 0]);
      expect(Number.isNaN(recoveryOf(p, 2))).toBe(true);
      expect(p.previousSuccess[2]).toBe(1);
    }
  });

  it('a rollback recovers a failure like any success', () => {
    const { of } = recoveries([
      { environment: 'Production', release: '1.2', completed: '2024-01-03T08:00:00Z' },
      { environment: 'Production', release: '1.3', completed: '2024-01-03T10:00:00Z', state: 'Failed' },
      { environment: 'Production', release: '1.2', completed: '2024-01-03T10:20:00Z' },
    ]);
    // 10:00 → 10:20 = 1/3 h
    expect(of(3)).toEqual({ ms: 20 * 60_000, until: 1, from: 2 });
  });
});

describe('unrecovered failures are reported, not dropped', () => {
  const deployments = [
    { environment: 'Production', release: '1.1', completed: '2024-01-09T10:00:00Z' },
    { environment: 'Production', release: '1.2', completed: '2024-01-10T10:00:00Z', state: 'Failed' as const },
    { environment: 'Production', release: '1.2', completed: '2024-01-10T12:00:00Z', state: 'Failed' as const },
    { environment: 'Production', release: '1.3', completed: null, started: '2024-01-12T09:00:00Z' },
    { environment: 'Test', release: '1.2', completed: '2024-01-02T10:00:00Z', state: 'Failed' as const },
    { environment: 'Test', release: '1.3', completed: '2024-01-12T12:00:00Z' },
  ];

  it('open runs: count, started in window, oldest open duration at now; a running deployment does not recover', () => {
    const p = prepare(historyFrom({ releases, deployments }));
    const insights = computeInsights(p, {
      now: at('2024-01-12T10:00:00Z'),
      range: { from: at('2024-01-05T00:00:00Z'), to: at('2024-01-12T10:00:00Z') },
      granularity: 'day',
    });
    const u = insights.beyondOctopus.unrecovered;
    // Production run: first failure Jan 10 10:00, open 48 h at now, 2 failures, still open (1.3 is running).
    // Test run: failure Jan 2 10:00, recovered Jan 12 12:00 — after `now`, so open at now: 10 d = 240 h.
    expect(u.count).toBe(2);
    expect(u.startedInWindow).toBe(1);
    expect(u.oldestOpenMs).toBe(240 * HOUR);
    expect(u.runs).toEqual([
      { firstFailure: 4, failures: 1, openMs: 240 * HOUR },
      { firstFailure: 1, failures: 2, openMs: 48 * HOUR },
    ]);
    expect(insights.inProgress.count).toBe(1);
    expect(insights.inProgress.executing).toBe(1);
    expect(insights.inProgress.deployments).toEqual([3]);
    // Recoveries completed in the window: none (the Test recovery completes after now and after the window)
    expect(insights.summary.recovery.count).toBe(0);
  });

  it('a run recovered before now is not open', () => {
    const p = prepare(historyFrom({ releases, deployments }));
    const insights = computeInsights(p, {
      now: at('2024-01-13T00:00:00Z'),
      range: { preset: 'last7Days' },
      granularity: 'day',
    });
    // Test run recovered Jan 12 12:00 < now: 10 d 2 h = 242 h recovery, in the window [Jan 6, Jan 13)
    expect(insights.beyondOctopus.unrecovered.count).toBe(1);
    expect(insights.summary.recovery.count).toBe(1);
    expect(insights.summary.recovery.max).toBe(242 * HOUR);
  });
});
