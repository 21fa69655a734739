import { logGamma } from './log-gamma';
import type { ConfidenceInterval } from './types';

/**
 * Distribution-free confidence interval for the median from ascending values: `[x(l), x(n + 1 - l)]` (1-based
 * order statistics) with the largest `l` such that `P(B ≤ l - 1) ≤ (1 - level) / 2` for `B ~ Binomial(n, ½)`.
 * Its coverage, `1 - 2 P(B ≤ l - 1)`, is at least `level`, whatever the distribution. `null` when no such `l`
 * exists (n < 6 at 95 %). The binomial tail is summed term by term in log space; for large n the sum starts
 * 8 standard deviations below n/2 (the mass left out is below 1e-15).
 *
 * @example
 * medianInterval(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
 * //=> { lower: 2, upper: 9, coverage: 0.978515625 }  // l = 2: P(B ≤ 1) = 11/1024
 */
export function medianInterval(sorted: ArrayLike<number>, level = 0.95): ConfidenceInterval | null {
  const n = sorted.length;
  if (n === 0) return null;
  const alpha = (1 - level) / 2;
  // Walk the lower tail: cdf(k) = P(B ≤ k). Find the largest k with cdf(k) ≤ alpha; then l = k + 1.
  const start = n > 256 ? Math.max(0, Math.floor(n / 2 - 4 * Math.sqrt(n))) : 0;
  // ln P(B = start) = ln C(n, start) - n ln 2
  let logPmf =
    start === 0 ? -n * Math.LN2 : logGamma(n + 1) - logGamma(start + 1) - logGamma(n - start + 1) - n * Math.LN2;
  let cdf = 0;
  let best = -1;
  let bestCdf = 0;
  const half = Math.floor(n / 2);
  for (let k = start; k <= half; k++) {
    cdf += Math.exp(logPmf);
    if (cdf > alpha) break;
    best = k;
    bestCdf = cdf;
    logPmf += Math.log((n - k) / (k + 1));
  }
  if (best < 0) return null;
  const l = best + 1;
  return { lower: sorted[l - 1], upper: sorted[n - l], coverage: 1 - 2 * bestCdf };
}
