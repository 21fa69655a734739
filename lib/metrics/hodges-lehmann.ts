import { normalCdf } from './normal-cdf';
import { mannWhitneyDistribution } from './rank-sum-test';
import { Z95 } from './wilson-interval';

export interface ShiftEstimate {
  /** The Hodges-Lehmann estimate of how far `b` lies from `a`: the median of every difference b_j − a_i. */
  shift: number;
  /** Its distribution-free interval: the (c+1)-th smallest and (c+1)-th largest differences. */
  interval: { lower: number; upper: number };
  /** Whether the interval came from the exact distribution or the normal approximation. */
  method: 'exact' | 'normal';
}

/**
 * The critical value c of the two-sided Mann-Whitney test at `alpha`: the largest u with P(U ≤ u) ≤ α/2,
 * exact for samples of up to 50 each, else from the normal approximation (no tie correction). It is what the
 * published tables list; -1 when no u qualifies (samples too small for the level).
 *
 * @example
 * mannWhitneyCritical(12, 11) //=> 33  // the tables' two-tailed value at α = 0.05
 */
export function mannWhitneyCritical(m: number, n: number, alpha = 0.05): number {
  if (m <= 50 && n <= 50) {
    const p = mannWhitneyDistribution(m, n);
    let cumulative = 0;
    for (let u = 0; u < p.length; u++) {
      cumulative += p[u];
      // A hair of slack: the cumulative sum of exact fractions carries rounding error.
      if (cumulative > alpha / 2 + 1e-12) return u - 1;
    }
    return p.length - 1;
  }
  const z = alpha === 0.05 ? Z95 : quantile(1 - alpha / 2);
  return Math.floor((m * n) / 2 - z * Math.sqrt((m * n * (m + n + 1)) / 12) - 0.5);
}

/** The standard normal quantile by bisection on normalCdf (only for levels other than 95 %). */
function quantile(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** How many differences b_j − a_i are at most d (a and b sorted ascending): one pass with two pointers. */
function countAtMost(a: Float64Array, b: Float64Array, d: number): number {
  let i = 0;
  let count = 0;
  for (let j = 0; j < b.length; j++) {
    while (i < a.length && b[j] - a[i] > d) i++;
    count += a.length - i;
  }
  return count;
}

/**
 * The k-th smallest (1-based) of the m·n differences b_j − a_i without listing them: bisection on the value
 * until the bounds are adjacent numbers, counting with {@link countAtMost} (O((m + n) log range)).
 */
function kthDifference(a: Float64Array, b: Float64Array, k: number): number {
  let lo = b[0] - a[a.length - 1] - 1;
  let hi = b[b.length - 1] - a[0];
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) return hi;
    if (countAtMost(a, b, mid) >= k) hi = mid;
    else lo = mid;
  }
}

/**
 * How much durations (lead time, recovery) moved between two periods, beyond medians: the Hodges-Lehmann
 * shift of `b` against `a` and its distribution-free interval from the Mann-Whitney distribution
 * (Hollander & Wolfe, *Nonparametric Statistical Methods*, §4.3), the estimate and interval that go with
 * `rankSumTest`. `null` under 3 values on either side, or when the samples are too small for the level.
 *
 * @example
 * // The worked example of “Difference of 'centers' of 2 non-normal samples with Mann-Whitney test”
 * // (stats.stackexchange.com, Glen_b): the median of its 27 differences x − y is 6.910.
 * hodgesLehmann([9.305, 9.799, 11.103], [16.388, 6.775, 18.27, 17.034, 18.825, 16.197, 16.709, 18.188, 9.999]).shift //=> 6.91
 */
export function hodgesLehmann(a: ArrayLike<number>, b: ArrayLike<number>, alpha = 0.05): ShiftEstimate | null {
  const m = a.length;
  const n = b.length;
  if (m < 3 || n < 3) return null;
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  const total = m * n;
  const shift = total % 2 === 1 ? kthDifference(sa, sb, (total + 1) / 2) : (kthDifference(sa, sb, total / 2) + kthDifference(sa, sb, total / 2 + 1)) / 2;
  const c = mannWhitneyCritical(m, n, alpha);
  if (c < 0) return null;
  return {
    shift,
    interval: { lower: kthDifference(sa, sb, c + 1), upper: kthDifference(sa, sb, total - c) },
    method: m <= 50 && n <= 50 ? 'exact' : 'normal',
  };
}
