import { describe, expect, it } from 'vitest';
import { rankSumTest } from '@/lib/metrics/rank-sum-test';
import { rateRatioTest } from '@/lib/metrics/rate-ratio-test';
import { twoProportionTest } from '@/lib/metrics/two-proportion-test';

describe('twoProportionTest', () => {
  it('matches a published worked example (140/200 vs 255/340: z = −1.266015, one-sided p ≈ 0.103)', () => {
    const result = twoProportionTest(255, 340, 140, 200)!;
    expect(result.z).toBeCloseTo(-1.266015, 5);
    // The source reads p from a t distribution (538 df): 0.1030; the normal gives 0.1028.
    expect(result.pValue / 2).toBeCloseTo(0.1028, 4);
    expect(result.significant).toBe(false);
    expect(result.difference).toBeCloseTo(0.7 - 0.75, 10);
    expect(result.interval.lower).toBeLessThan(result.difference);
    expect(result.interval.upper).toBeGreaterThan(0);
  });

  it('says "not enough data" when fewer than 5 successes or failures are expected in a period', () => {
    expect(twoProportionTest(1, 3, 20, 131)).toBeNull();
    expect(twoProportionTest(0, 40, 0, 60)).toBeNull();
    expect(twoProportionTest(5, 0, 5, 10)).toBeNull();
  });

  it('finds a large change in large samples significant', () => {
    expect(twoProportionTest(10, 200, 40, 200)!.significant).toBe(true);
  });
});

describe('rateRatioTest', () => {
  it('compares counts over periods of different lengths as rates', () => {
    // The same rate over twice the time: no change.
    expect(rateRatioTest(30, 30, 60, 60)).toMatchObject({ ratio: 1, significant: false });
    const big = rateRatioTest(36, 91, 114, 91)!;
    expect(big.ratio).toBeCloseTo(114 / 36, 10);
    expect(big.significant).toBe(true);
    expect(big.pValue).toBeLessThan(1e-8);
  });

  it('matches the exact conditional binomial closely in a mid-sized case', () => {
    // 20 vs 35 in equal periods: exact two-sided binomial p (n = 55, p = 0.5, x ≤ 20) = 0.0581.
    expect(rateRatioTest(20, 10, 35, 10)!.pValue).toBeCloseTo(0.0581, 2);
  });

  it('says "not enough data" under 10 events', () => {
    expect(rateRatioTest(3, 30, 5, 30)).toBeNull();
  });
});

describe('rankSumTest', () => {
  it('matches R’s wilcox.test example exactly (W = 35, two-sided p = 2 × 0.1272)', () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const result = rankSumTest(x, y)!;
    expect(result.method).toBe('exact');
    expect(result.w).toBe(35);
    expect(result.pValue).toBeCloseTo(0.2544, 3);
    // The test is symmetric in its samples.
    expect(rankSumTest(y, x)!.pValue).toBeCloseTo(result.pValue, 10);
  });

  it('uses the normal approximation when values tie, counting a tie as half (mid-ranks)', () => {
    const a = [1, 2, 2, 3, 3, 3, 4, 4, 5, 5];
    const b = [5, 6, 6, 7, 7, 7, 8, 8, 9, 9];
    const result = rankSumTest(a, b)!;
    expect(result.method).toBe('normal');
    expect(result.w).toBe(1); // only the tie at 5 gives a 0.5 twice
    expect(result.significant).toBe(true);
  });

  it('gives the same answer for samples in any order: sorted ones (as the metrics pass them) are merged as they are', () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21, 1.45];
    const sorted = (v: number[]) => Float64Array.from(v).sort();
    const expected = rankSumTest(x, y)!;
    expect(rankSumTest(sorted(x), sorted(y))).toEqual(expected);
    expect(rankSumTest(sorted(x), y)).toEqual(expected);
    expect(expected.method).toBe('normal'); // 1.45 on both sides: a tie
    // NaN is no value, wherever it stands (it once stopped the merge from ever ending).
    expect(rankSumTest(Float64Array.of(1, 2, 3, Number.NaN), Float64Array.of(4, 5, 6))).toEqual(rankSumTest(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)));
    expect(rankSumTest(Float64Array.of(Number.NaN, 3, 2, 1), Float64Array.of(6, 5, 4))).toEqual(rankSumTest(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)));
    expect(rankSumTest([1, 2, Number.NaN], [4, 5, 6])).toBeNull();
  });

  it('needs three values on each side', () => {
    expect(rankSumTest([1, 2], [3, 4, 5])).toBeNull();
  });
});
