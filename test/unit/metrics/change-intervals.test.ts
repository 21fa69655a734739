import { describe, expect, it } from 'vitest';
import { hodgesLehmann, mannWhitneyCritical } from '@/lib/metrics/hodges-lehmann';
import { mannWhitneyCdf, mannWhitneyDistribution, rankSumTest } from '@/lib/metrics/rank-sum-test';
import { rateDifference } from '@/lib/metrics/rate-difference';
import { twoProportionTest } from '@/lib/metrics/two-proportion-test';

describe('rateDifference', () => {
  it('matches Rothman’s worked example (Epidemiology: An Introduction, ch. 9: cancer among the blind, 90 % limits)', () => {
    // 136 cases in 22,050 person-years (blind) against 1,709 in 127,650 (visually impaired, not blind).
    const r = rateDifference(1709, 127_650, 136, 22_050, 1.645)!;
    // "−7.2/1000 person-years … 90 % confidence limits … of −8.2/1000 person-years and −6.2/1000 person-years".
    expect(r.difference * 1000).toBeCloseTo(-7.2, 1);
    expect(r.interval.lower * 1000).toBeCloseTo(-8.2, 1);
    expect(r.interval.upper * 1000).toBeCloseTo(-6.2, 1);
    // "a 90 % confidence interval around the incidence rate ratio of 0.46 of 0.40 to 0.53".
    expect(r.ratio!.value).toBeCloseTo(0.46, 2);
    expect(r.ratio!.lower).toBeCloseTo(0.4, 2);
    expect(r.ratio!.upper).toBeCloseTo(0.53, 2);
  });

  it('has no ratio without events on a side, and nothing without time', () => {
    expect(rateDifference(0, 30, 5, 30)!.ratio).toBeNull();
    expect(rateDifference(0, 30, 5, 30)!.difference).toBeCloseTo(5 / 30, 12);
    expect(rateDifference(3, 0, 5, 30)).toBeNull();
  });
});

describe('mannWhitneyDistribution', () => {
  /** Every way of placing m first-sample values among m + n, with its U (pairs where the second is smaller). */
  function byListing(m: number, n: number): number[] {
    const counts = new Array(m * n + 1).fill(0);
    const place = (left: number, firstLeft: number, secondSeen: number, u: number): void => {
      if (left === 0) {
        counts[u]++;
        return;
      }
      if (firstLeft > 0) place(left - 1, firstLeft - 1, secondSeen, u + secondSeen);
      if (left > firstLeft) place(left - 1, firstLeft, secondSeen + 1, u);
    };
    place(m + n, m, 0, 0);
    const total = counts.reduce((a, b) => a + b, 0);
    return counts.map((c) => c / total);
  }

  it('equals the arrangements counted one by one', () => {
    for (const [m, n] of [[1, 1], [2, 3], [3, 2], [4, 4], [5, 7], [7, 5], [6, 9]]) {
      const p = mannWhitneyDistribution(m, n);
      const expected = byListing(m, n);
      expect(p.length).toBe(expected.length);
      for (let k = 0; k < p.length; k++) expect(p[k]).toBeCloseTo(expected[k], 14);
    }
  });

  it('keeps the tails exact at 50 × 50, where the counts reach 10^29', () => {
    const p = mannWhitneyDistribution(50, 50);
    // C(100, 50) arrangements; U = 0, 1, 2, 3 in 1, 1, 2, 3 of them (partitions of k).
    const arrangements = Number(100891344545564193334812497256n);
    for (const [k, ways] of [[0, 1], [1, 1], [2, 2], [3, 3], [4, 5]]) {
      expect(p[k] * arrangements).toBeCloseTo(ways, 9);
      expect(p[2500 - k] * arrangements).toBeCloseTo(ways, 9);
    }
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('mannWhitneyCritical', () => {
  it('gives the published tables’ two-tailed critical values at α = 0.05', () => {
    // Mann-Whitney U tables (two-tailed, α = .05), e.g. the one the Real Statistics worked example reads: n = 12, 11 → 33.
    expect(mannWhitneyCritical(12, 11)).toBe(33);
    expect(mannWhitneyCritical(10, 10)).toBe(23);
    expect(mannWhitneyCritical(8, 8)).toBe(13);
    expect(mannWhitneyCritical(5, 10)).toBe(8);
    expect(mannWhitneyCritical(3, 9)).toBe(2);
    expect(mannWhitneyCritical(20, 20)).toBe(127);
    // Too small for the level: no interval.
    expect(mannWhitneyCritical(3, 3)).toBe(-1);
  });

  it('is the largest u with P(U ≤ u) ≤ 2.5 %, and falls back to the normal approximation past 50', () => {
    const c = mannWhitneyCritical(12, 11);
    expect(mannWhitneyCdf(c, 12, 11)).toBeLessThanOrEqual(0.025);
    expect(mannWhitneyCdf(c + 1, 12, 11)).toBeGreaterThan(0.025);
    // m = n = 60: 1800 − 1.96 · √(3600 · 121 / 12) = 1800 − 373.4 = 1426.6 → C = 1427, c = 1426.
    expect(mannWhitneyCritical(60, 60)).toBe(1426);
  });
});

describe('hodgesLehmann', () => {
  // Glen_b's worked example (stats.stackexchange.com, “Difference of 'centers' of 2 non-normal samples with
  // Mann-Whitney test”): the 27 differences x − y it tabulates have the median 6.910.
  const x = [16.388, 6.775, 18.27, 17.034, 18.825, 16.197, 16.709, 18.188, 9.999];
  const y = [9.305, 9.799, 11.103];

  it('estimates the shift as the median of every difference (the published example)', () => {
    expect(hodgesLehmann(y, x)!.shift).toBeCloseTo(6.91, 10);
    expect(hodgesLehmann(x, y)!.shift).toBeCloseTo(-6.91, 10);
  });

  it('bounds it by the (c+1)-th smallest and largest differences, c from the tables', () => {
    // n = 9, 3: c = 2, so the 3rd smallest and 3rd largest of the 27 differences: −2.530 and 8.965.
    const r = hodgesLehmann(y, x)!;
    expect(r.interval.lower).toBeCloseTo(-2.53, 10);
    expect(r.interval.upper).toBeCloseTo(8.965, 10);
    expect(r.method).toBe('exact');
  });

  it('agrees with listing every difference, on large samples too (normal approximation)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return (seed / 2147483648) * 1e6;
    };
    const a = Array.from({ length: 130 }, () => Math.round(random()));
    const b = Array.from({ length: 170 }, () => Math.round(random() * 1.5));
    const differences = a.flatMap((ai) => b.map((bj) => bj - ai)).sort((p, q) => p - q);
    const total = differences.length;
    const r = hodgesLehmann(a, b)!;
    expect(r.shift).toBe((differences[total / 2 - 1] + differences[total / 2]) / 2);
    const c = mannWhitneyCritical(130, 170);
    expect(r.interval).toEqual({ lower: differences[c], upper: differences[total - c - 1] });
    expect(r.method).toBe('normal');
  });

  it('excludes 0 exactly when the rank-sum test finds the change significant, on the permeability example', () => {
    // Hollander & Wolfe’s permeability constants (R's wilcox.test example): not significant, so 0 is inside.
    const term = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const early = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = hodgesLehmann(early, term)!;
    expect(rankSumTest(term, early)!.significant).toBe(false);
    expect(r.interval.lower).toBeLessThan(0);
    expect(r.interval.upper).toBeGreaterThan(0);
  });

  it('needs three values on each side', () => {
    expect(hodgesLehmann([1, 2], [3, 4, 5])).toBeNull();
  });
});

describe('twoProportionTest: the interval of the difference', () => {
  it('matches Agresti’s worked example (Physicians’ Health Study: heart attacks with placebo vs aspirin)', () => {
    // Agresti, An Introduction to Categorical Data Analysis (2nd ed.), §2.2.3: 189 of 11,034 on placebo,
    // 104 of 11,037 on aspirin; "0.0171 − 0.0094 = 0.0077 … standard error 0.0015 … 95% confidence interval
    // 0.0077 ± 1.96(0.0015), which is (0.005, 0.011)". Aspirin as "before", placebo as "after".
    const r = twoProportionTest(104, 11_037, 189, 11_034)!;
    expect(r.difference).toBeCloseTo(0.0077, 4);
    expect((r.interval.upper - r.interval.lower) / 2 / 1.959964).toBeCloseTo(0.0015, 4);
    expect(r.interval.lower).toBeCloseTo(0.005, 3);
    expect(r.interval.upper).toBeCloseTo(0.011, 3);
    expect(r.significant).toBe(true);
  });
});
