import { describe, expect, it } from 'vitest';
import { evaluateGoal, evaluateGoals, type GoalFigures, goalMeasures } from '../../../lib/goals/evaluate-goals';
import { wilsonInterval } from '../../../lib/metrics/wilson-interval';

const measure = (value: number | null, interval: { lower: number; upper: number } | null, sample = 20) => ({ value, interval, sample });

describe('evaluateGoal at the edges of the 95 % interval', () => {
  describe('at most (failure rate ≤ 10 %)', () => {
    it('a value on the target meets it', () => {
      expect(evaluateGoal('failureRate', 0.1, measure(0.1, { lower: 0.02, upper: 0.3 }))).toMatchObject({ state: 'met', confident: false });
    });
    it('met with confidence when the upper end reaches the target but no further (the target is in the goal)', () => {
      expect(evaluateGoal('failureRate', 0.1, measure(0.05, { lower: 0.01, upper: 0.1 }))).toMatchObject({ state: 'met', confident: true });
    });
    it('undecided when the upper end passes the target, however little', () => {
      expect(evaluateGoal('failureRate', 0.1, measure(0.05, { lower: 0.01, upper: 0.1000001 }))).toMatchObject({ state: 'met', confident: false });
    });
    it('missed with confidence only when the lower end is above the target', () => {
      expect(evaluateGoal('failureRate', 0.1, measure(0.3, { lower: 0.1000001, upper: 0.5 }))).toMatchObject({ state: 'missed', confident: true });
      // The lower end on the target: the target meets the goal, so the interval still reaches it.
      expect(evaluateGoal('failureRate', 0.1, measure(0.3, { lower: 0.1, upper: 0.5 }))).toMatchObject({ state: 'missed', confident: false });
    });
  });

  describe('at least (deployment frequency ≥ 1 a day)', () => {
    it('a value on the target meets it; the lower end on the target is confident', () => {
      expect(evaluateGoal('frequency', 1, measure(1, { lower: 0.66, upper: 1.45 }))).toMatchObject({ state: 'met', confident: false });
      expect(evaluateGoal('frequency', 1, measure(2, { lower: 1, upper: 3 }))).toMatchObject({ state: 'met', confident: true });
    });
    it('missed with confidence when the upper end is below the target; undecided when it reaches it', () => {
      expect(evaluateGoal('frequency', 1, measure(0.5, { lower: 0.2, upper: 0.9999 }))).toMatchObject({ state: 'missed', confident: true });
      expect(evaluateGoal('frequency', 1, measure(0.5, { lower: 0.2, upper: 1 }))).toMatchObject({ state: 'missed', confident: false });
    });
  });

  it('no interval (a median of fewer than 6 values) is undecided either way', () => {
    expect(evaluateGoal('leadTime', 3_600_000, measure(1_000, null, 3))).toMatchObject({ state: 'met', confident: false });
    expect(evaluateGoal('leadTime', 3_600_000, measure(9_000_000, null, 3))).toMatchObject({ state: 'missed', confident: false });
  });

  it('no value is no data, never met or missed', () => {
    expect(evaluateGoal('recovery', 3_600_000, measure(null, null, 0))).toMatchObject({ state: 'no-data', confident: false, target: 3_600_000 });
  });
});

describe('goals on real intervals (hand-computed)', () => {
  const figures = (over: Partial<GoalFigures>): GoalFigures => ({
    days: 28,
    frequency: { successful: 28, perDay: 1 },
    failureRate: { rate: null, total: 0, beyondOctopus: { wilson95: null } },
    leadTime: { median: null, count: 0, beyondOctopus: { medianCi95: null } },
    recovery: { median: null, count: 0, beyondOctopus: { medianCi95: null } },
    reworkRate: { rate: null, total: 0, wilson95: null },
    ...over,
  });

  it('frequency: no deployment in 28 days misses "1 a day" with confidence (Poisson upper −ln 0.025 / 28 = 0.132 a day)', () => {
    const [status] = evaluateGoals({ frequency: 1 }, figures({ frequency: { successful: 0, perDay: 0 } }));
    expect(status).toMatchObject({ metric: 'frequency', state: 'missed', confident: true, value: 0 });
    expect(status.interval?.upper).toBeCloseTo(3.6889 / 28, 4);
  });

  it('frequency: 28 in 28 days meets "1 a day", undecided (Poisson 18.61–40.47 deployments, 0.66–1.45 a day)', () => {
    const [status] = evaluateGoals({ frequency: 1 }, figures({}));
    expect(status).toMatchObject({ state: 'met', confident: false, value: 1 });
    expect(status.interval?.lower).toBeCloseTo(18.6065 / 28, 3);
    expect(status.interval?.upper).toBeCloseTo(40.4720 / 28, 3);
  });

  it('rework ≤ 5 %: none in 60 deployments is met but undecided (Wilson upper 3.8415 / 63.8415 = 6.0 %); none in 80 is sure (4.58 %)', () => {
    const none = (n: number) => figures({ reworkRate: { rate: 0, total: n, wilson95: wilsonInterval(0, n) } });
    const [sixty] = evaluateGoals({ reworkRate: 0.05 }, none(60));
    expect(sixty.interval?.upper).toBeCloseTo(3.841459 / 63.841459, 6);
    expect(sixty).toMatchObject({ state: 'met', confident: false });
    const [eighty] = evaluateGoals({ reworkRate: 0.05 }, none(80));
    expect(eighty.interval?.upper).toBeCloseTo(3.841459 / 83.841459, 6);
    expect(eighty).toMatchObject({ state: 'met', confident: true });
  });

  it('only the goals set are evaluated, in the metrics’ order', () => {
    const statuses = evaluateGoals({ reworkRate: 0.05, frequency: 1, recovery: 3_600_000 }, figures({}));
    expect(statuses.map((s) => [s.metric, s.state])).toEqual([
      ['frequency', 'met'],
      ['recovery', 'no-data'],
      ['reworkRate', 'no-data'],
    ]);
  });

  it('measures come from the figures the cards show', () => {
    const m = goalMeasures(
      figures({
        failureRate: { rate: 0.25, total: 8, beyondOctopus: { wilson95: { lower: 0.07, upper: 0.59 } } },
        leadTime: { median: 5_000, count: 9, beyondOctopus: { medianCi95: { lower: 1_000, upper: 9_000, coverage: 0.96 } } },
      }),
    );
    expect(m.failureRate).toEqual({ value: 0.25, interval: { lower: 0.07, upper: 0.59 }, sample: 8 });
    expect(m.leadTime).toEqual({ value: 5_000, interval: { lower: 1_000, upper: 9_000, coverage: 0.96 }, sample: 9 });
    expect(m.frequency.sample).toBe(28);
  });
});
