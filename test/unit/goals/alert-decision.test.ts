import { describe, expect, it } from 'vitest';
import { decideAlert, type ProjectAlertState } from '../../../lib/goals/alert-decision';
import type { GoalStatus } from '../../../lib/goals/evaluate-goals';
import type { GoalMetric } from '../../../lib/goals/goal-targets';

const status = (metric: GoalMetric, state: GoalStatus['state']): GoalStatus => ({ metric, target: 0.1, state, confident: false, value: 0.2, interval: null, sample: 10 });
const missed = (...metrics: GoalMetric[]) => metrics.map((m) => status(m, 'missed'));

describe('decideAlert: one notification per project per day, for news only', () => {
  it('the first refresh that finds a missed goal notifies', () => {
    const d = decideAlert(undefined, { goals: [...missed('failureRate'), status('leadTime', 'met')], openRunMs: null }, '2026-11-03');
    expect(d.notify).toBe(true);
    expect(d.newlyMissed.map((g) => g.metric)).toEqual(['failureRate']);
    expect(d.state).toEqual({ known: ['failureRate'], knownOpenRun: false, notifiedOn: '2026-11-03' });
  });

  it('the same miss at the next refresh, the same day or later, is no news', () => {
    const state: ProjectAlertState = { known: ['failureRate'], knownOpenRun: false, notifiedOn: '2026-11-03' };
    expect(decideAlert(state, { goals: missed('failureRate'), openRunMs: null }, '2026-11-03').notify).toBe(false);
    expect(decideAlert(state, { goals: missed('failureRate'), openRunMs: null }, '2026-11-04').notify).toBe(false);
  });

  it('a new miss on a day already notified waits for the next day, still new', () => {
    const state: ProjectAlertState = { known: ['failureRate'], knownOpenRun: false, notifiedOn: '2026-11-03' };
    const sameDay = decideAlert(state, { goals: missed('failureRate', 'reworkRate'), openRunMs: null }, '2026-11-03');
    expect(sameDay.notify).toBe(false);
    expect(sameDay.state).toEqual(state);
    const nextDay = decideAlert(sameDay.state, { goals: missed('failureRate', 'reworkRate'), openRunMs: null }, '2026-11-04');
    expect(nextDay.notify).toBe(true);
    expect(nextDay.newlyMissed.map((g) => g.metric)).toEqual(['reworkRate']);
    expect(nextDay.state.known).toEqual(['failureRate', 'reworkRate']);
  });

  it('a goal met again is forgotten, so missing it later is news again', () => {
    const met = decideAlert({ known: ['failureRate'], knownOpenRun: false, notifiedOn: '2026-11-03' }, { goals: [status('failureRate', 'met')], openRunMs: null }, '2026-11-04');
    expect(met.notify).toBe(false);
    expect(met.state.known).toEqual([]);
    expect(decideAlert(met.state, { goals: missed('failureRate'), openRunMs: null }, '2026-11-05').notify).toBe(true);
  });

  it('a failure run open longer than the recovery goal is news once; no data is never a miss', () => {
    const d = decideAlert(undefined, { goals: [status('recovery', 'no-data')], openRunMs: 5 * 3_600_000 }, '2026-11-03');
    expect(d).toMatchObject({ notify: true, openRunNew: true, newlyMissed: [] });
    expect(decideAlert(d.state, { goals: [], openRunMs: 6 * 3_600_000 }, '2026-11-04').notify).toBe(false);
    // Recovered, then another long run: news again.
    const recovered = decideAlert(d.state, { goals: [], openRunMs: null }, '2026-11-05');
    expect(recovered.state.knownOpenRun).toBe(false);
    expect(decideAlert(recovered.state, { goals: [], openRunMs: 2 * 3_600_000 }, '2026-11-06').notify).toBe(true);
  });
});
