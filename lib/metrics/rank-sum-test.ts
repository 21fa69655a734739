import { normalCdf } from './normal-cdf';

export interface RankSumResult {
  /** Wilcoxon's W: the rank sum of `a` minus its smallest possible value (= Mann-Whitney U of `a`). */
  w: number;
  /** Two-sided. */
  pValue: number;
  /** `exact` (no ties, both samples up to 50) or the normal approximation with tie and continuity corrections. */
  method: 'exact' | 'normal';
  significant: boolean;
}

/**
 * Whether durations (lead time, recovery, duration) moved between two periods beyond noise, with no
 * assumption about their distribution: the Wilcoxon rank-sum (Mann-Whitney) test of `a` against `b`,
 * two-sided. Exact when there are no ties and both samples hold at most 50 values (as R's `wilcox.test`),
 * otherwise the normal approximation with the tie correction and a continuity correction. `null` under 3
 * values on either side. NaN is no value: left out.
 *
 * @example
 * // R's wilcox.test example (Hollander & Wolfe): W = 35, one-sided p = 0.1272, so two-sided 0.2544.
 * rankSumTest([0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], [1.15, 0.88, 0.90, 0.74, 1.21])
 * //=> { w: 35, pValue: 0.2544, method: 'exact', significant: false }
 */
export function rankSumTest(a: ArrayLike<number>, b: ArrayLike<number>): RankSumResult | null {
  // Both samples sorted on their own, then merged: mid-ranks for runs of equal values across both. The
  // callers mostly hold them sorted already (medians need that): then the test is one merge, no copy.
  const x = ascending(a) ? a : sortedValues(a);
  const y = ascending(b) ? b : sortedValues(b);
  const n1 = x.length;
  const n2 = y.length;
  if (n1 < 3 || n2 < 3) return null;
  let rankSumA = 0;
  let tieTerm = 0;
  let ties = false;
  let i = 0;
  let j = 0;
  let rank = 0; // ranks given so far
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
    let inA = 0;
    while (i < n1 && x[i] === v) {
      i++;
      inA++;
    }
    let inB = 0;
    while (j < n2 && y[j] === v) {
      j++;
      inB++;
    }
    const t = inA + inB;
    if (t > 1) {
      ties = true;
      tieTerm += t * t * t - t;
    }
    rankSumA += inA * (rank + (t + 1) / 2);
    rank += t;
  }
  const w = rankSumA - (n1 * (n1 + 1)) / 2;
  if (!ties && n1 <= 50 && n2 <= 50) {
    // One distribution for both tails: it is the costly part (a report tests dozens of groups).
    const p = mannWhitneyDistribution(n1, n2);
    const pValue = Math.min(1, 2 * Math.min(cdfOf(p, w), 1 - cdfOf(p, w - 1)));
    return { w, pValue, method: 'exact', significant: pValue < 0.05 };
  }
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const deviation = Math.max(0, Math.abs(w - mean) - 0.5);
  const pValue = variance > 0 ? Math.min(1, 2 * (1 - normalCdf(deviation / Math.sqrt(variance)))) : 1;
  return { w, pValue, method: 'normal', significant: pValue < 0.05 };
}

/** `values` ascending, NaN left out (it has no rank: merging it would never advance). */
function sortedValues(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values).sort(); // NaN sorts last
  let n = sorted.length;
  while (n > 0 && Number.isNaN(sorted[n - 1])) n--;
  return sorted.subarray(0, n);
}

/** Whether `values` is in ascending order with no NaN (one pass, stopping at the first step down). */
function ascending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i - 1] <= values[i])) return false;
  return values.length === 0 || !Number.isNaN(values[0]);
}

/**
 * P(U ≤ u) for the Mann-Whitney U of samples of sizes m and n without ties, by counting arrangements.
 *
 * @example
 * mannWhitneyCdf(0, 3, 3) //=> 0.05  // 1 of the C(6, 3) = 20 arrangements
 */
export function mannWhitneyCdf(u: number, m: number, n: number): number {
  if (u < 0) return 0;
  if (u >= m * n) return 1;
  return cdfOf(mannWhitneyDistribution(m, n), u);
}

/** P(U ≤ u) from the distribution of U over 0…mn. */
function cdfOf(p: Float64Array, u: number): number {
  if (u < 0) return 0;
  if (u >= p.length - 1) return 1;
  let below = 0;
  for (let k = 0; k <= u; k++) below += p[k];
  return below;
}

/**
 * P(U = k) for k = 0…mn: the exact null distribution of the Mann-Whitney U of samples of sizes m and n
 * without ties. The array is shared (a cache of the sizes seen): read it, never write to it.
 *
 * @example
 * [...mannWhitneyDistribution(2, 2)] //=> [1/6, 1/6, 2/6, 1/6, 1/6]
 */
export function mannWhitneyDistribution(m: number, n: number): Float64Array {
  const key = `${m}×${n}`;
  const known = DISTRIBUTIONS.get(key);
  if (known) return known;
  const p = computeDistribution(m, n);
  // A few hundred sizes at most (both ≤ 50): a report's groups and a panel's periods reuse them.
  if (DISTRIBUTIONS.size >= MAX_CACHED) DISTRIBUTIONS.delete(DISTRIBUTIONS.keys().next().value!);
  DISTRIBUTIONS.set(key, p);
  return p;
}

/** Exact distributions already counted, by sizes (oldest first); each at most 2,501 numbers. */
const DISTRIBUTIONS = new Map<string, Float64Array>();
const MAX_CACHED = 256;

function computeDistribution(m: number, n: number): Float64Array {
  const max = m * n;
  // The arrangements with U = k are the coefficients of the Gaussian binomial [m + n choose m] in q, the
  // product over i = 1…m of (1 − q^(n+i)) / (1 − q^i): each factor is one pass down (× (1 − q^s)) and one
  // running sum up (÷ (1 − q^i)), m · mn / 2 steps in all (Harding 1984) where adding up arrangements table
  // by table takes m²n² / 4 — 25 ms for 50 × 50 in the panel's first comparison, with code V8 has not
  // optimised yet. Only k ≤ mn / 2 is counted (the distribution is symmetric), where the counts rise with k:
  // a coefficient is only ever combined with smaller ones below it, so the small tail counts the p-values
  // read stay exact (rounding is relative to the count itself).
  const half = Math.floor(max / 2);
  const width = half + 1;
  const counts = new Float64Array(width);
  counts[0] = 1;
  // [m + n choose m] = [m + n choose n]: the product over the smaller sample.
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  for (let i = 1; i <= small; i++) {
    const s = large + i;
    for (let k = half; k >= s; k--) counts[k] -= counts[k - s];
    for (let k = i; k <= half; k++) counts[k] += counts[k - i];
  }
  let total = 0;
  for (let k = 0; k <= half; k++) total += (k === max - k ? 1 : 2) * counts[k];
  const p = new Float64Array(max + 1);
  for (let k = 0; k <= max; k++) p[k] = counts[Math.min(k, max - k)] / total;
  return p;
}
