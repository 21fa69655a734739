import { describe, expect, it } from 'vitest';
import type { GroupPeriod } from '@/lib/report/group-stats';
import { noiseText } from '@/lib/report/report-view';
import { trendNoise } from '@/lib/report/trend-lists';

const DAY = 86_400_000;
const window = { previousFrom: 0, from: 91 * DAY, to: 182 * DAY };
const none = { count: 0, mean: null, median: null };

function period(over: Partial<GroupPeriod>): GroupPeriod {
  return { successful: 0, failed: 0, total: 0, rework: 0, canceled: 0, timedOut: 0, failureRate: null, reworkRate: null, perWeek: 0, leadTime: none, recovery: none, duration: none, ...over };
}

const values = (xs: number[]) => ({ count: xs.length, mean: null, median: null, values: Float64Array.from(xs).sort() });

describe('the report’s trend lists, tested for noise', () => {
  it('frequency: two Poisson rates over the two periods’ days', () => {
    // 36 against 114 deployments in two 91-day periods: far beyond noise.
    const noise = trendNoise('frequency', period({ successful: 36 }), period({ successful: 114 }), window);
    expect(noise).toMatchObject({ significant: true, before: 36, after: 114 });
    expect(noise.pValue).toBeLessThan(0.001);
    expect(noiseText(noise)).toBe('n = 36 → 114 · beyond noise (p < 0.001)');
  });

  it('failure rate: two proportions, and "not enough data" on a handful', () => {
    const within = trendNoise('failureRate', period({ failed: 10, total: 40 }), period({ failed: 15, total: 52 }), window);
    expect(within.significant).toBe(false);
    expect(noiseText(within)).toMatch(/^n = 40 → 52 · within noise \(p = 0\.\d\d\)$/);
    expect(noiseText(trendNoise('failureRate', period({ failed: 1, total: 3 }), period({ failed: 0, total: 4 }), window))).toBe('n = 3 → 4 · not enough data to tell');
  });

  it('rework rate: two proportions of the counted deployments, as the failure rate', () => {
    // 2 of 40 reworked before, 12 of 40 after: pooled z = 0.25 / sqrt(0.175 × 0.825 × 2/40) = 2.94, p ≈ 0.003.
    const worse = trendNoise('reworkRate', period({ rework: 2, total: 40 }), period({ rework: 12, total: 40 }), window);
    expect(worse).toMatchObject({ significant: true, before: 40, after: 40 });
    expect(worse.pValue).toBeLessThan(0.01);
    // The failures do not enter it: the same counts of failures and no rework is nothing to test.
    const within = trendNoise('reworkRate', period({ rework: 4, failed: 0, total: 40 }), period({ rework: 5, failed: 30, total: 40 }), window);
    expect(within.significant).toBe(false);
  });

  it('lead time and recovery: the two periods’ values, by rank sum', () => {
    const slow = Array.from({ length: 12 }, (_, i) => (10 + i) * 3_600_000);
    const fast = Array.from({ length: 12 }, (_, i) => (1 + i / 10) * 3_600_000);
    const noise = trendNoise('leadTime', period({ leadTime: values(slow) }), period({ leadTime: values(fast) }), window);
    expect(noise).toMatchObject({ significant: true, before: 12, after: 12 });
    expect(trendNoise('recovery', period({}), period({ recovery: values([1, 2]) }), window)).toMatchObject({ pValue: null, before: 0, after: 2 });
  });
});
