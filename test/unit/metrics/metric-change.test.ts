import { describe, expect, it } from 'vitest';
import { coveredDays, metricChanges, type PeriodSample } from '../../../lib/metrics/metric-change';
import { DAY } from '../../factories';

const none = new Float64Array(0);
const sample = (extra: Partial<PeriodSample>): PeriodSample => ({
  from: 0,
  to: 28 * DAY,
  coveredDays: 28,
  successful: 0,
  failed: 0,
  rework: 0,
  total: 0,
  values: { leadTime: none, recovery: none, duration: none, queueTime: none },
  ...extra,
});

describe('metricChanges', () => {
  it('compares medians of durations and tests their distributions (rank-sum): R’s wilcox.test example is not significant', () => {
    // R's example (Hollander & Wolfe): W = 35, two-sided p = 0.2544 — as hours of lead time.
    const before = Float64Array.from([1.15, 0.88, 0.9, 0.74, 1.21]).sort();
    const after = Float64Array.from([0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]).sort();
    const c = metricChanges(sample({ values: { leadTime: before, recovery: none, duration: none, queueTime: none } }), sample({ values: { leadTime: after, recovery: none, duration: none, queueTime: none } })).leadTime;
    expect(c).toMatchObject({ test: 'rank-sum', before: { value: 0.9, n: 5 }, after: { n: 10 }, direction: 'up', significant: false, sentiment: 'neutral', reason: null });
    expect(c.after.value).toBeCloseTo((1.38 + 1.45) / 2, 10);
    expect(c.pValue).toBeCloseTo(0.2544, 3);
  });

  it('a clear shift of durations is significant, and up is bad', () => {
    const before = Float64Array.from({ length: 20 }, (_, k) => 60 + k);
    const after = Float64Array.from({ length: 20 }, (_, k) => 600 + k);
    const c = metricChanges(sample({ values: { leadTime: none, recovery: none, duration: none, queueTime: before } }), sample({ values: { leadTime: none, recovery: none, duration: none, queueTime: after } })).queueTime;
    expect(c).toMatchObject({ direction: 'up', significant: true, sentiment: 'bad' });
    expect(c.change).toBeCloseTo(609.5 / 69.5 - 1, 10);
  });

  it('failure rates by the two-proportion test: 10 of 200 → 40 of 200 is significant and bad', () => {
    const c = metricChanges(sample({ failed: 10, total: 200 }), sample({ failed: 40, total: 200 })).failureRate;
    expect(c).toMatchObject({ before: { value: 0.05, count: 10, n: 200 }, after: { value: 0.2, count: 40, n: 200 }, significant: true, sentiment: 'bad', direction: 'up' });
  });

  it('frequency over days with history: 20 in 14 days against 20 in 28 is a doubled rate, not a steady count', () => {
    const c = metricChanges(sample({ successful: 20, coveredDays: 28 }), sample({ successful: 20, coveredDays: 14 })).frequency;
    expect(c.before.value).toBe(5);
    expect(c.after.value).toBe(10);
    expect(c.change).toBe(1);
    expect(c.direction).toBe('up');
  });

  it('says "not enough data" under each test’s sample rule, and "no history" for a period before the history', () => {
    const few = metricChanges(sample({ successful: 3, failed: 1, total: 4 }), sample({ successful: 5, failed: 0, total: 5 }));
    expect(few.frequency.reason).toBe('not-enough-data');
    expect(few.failureRate.reason).toBe('not-enough-data');
    expect(few.leadTime.reason).toBe('not-enough-data');
    const before = metricChanges(sample({ coveredDays: 0 }), sample({ successful: 50, total: 50 }));
    expect(before.frequency).toMatchObject({ reason: 'no-history', pValue: null, significant: false });
  });

  it('counts covered days from the later of the period start and the history start', () => {
    expect(coveredDays(0, 10 * DAY, 4 * DAY)).toBe(6);
    expect(coveredDays(5 * DAY, 10 * DAY, 4 * DAY)).toBe(5);
    expect(coveredDays(0, 3 * DAY, 4 * DAY)).toBe(0);
    expect(coveredDays(0, 3 * DAY, null)).toBe(0);
  });
});
