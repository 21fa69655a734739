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
 * values on either side.
 *
 * @example
 * // R's wilcox.test example (Hollander & Wolfe): W = 35, one-sided p = 0.1272, so two-sided 0.2544.
 * rankSumTest([0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], [1.15, 0.88, 0.90, 0.74, 1.21])
 * //=> { w: 35, pValue: 0.2544, method: 'exact', significant: false }
 */
export function rankSumTest(a: ArrayLike<number>, b: ArrayLike<number>): RankSumResult | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 < 3 || n2 < 3) return null;
  const all: { v: number; fromA: boolean }[] = [];
  for (let i = 0; i < n1; i++) all.push({ v: a[i], fromA: true });
  for (let i = 0; i < n2; i++) all.push({ v: b[i], fromA: false });
  all.sort((x, y) => x.v - y.v);
  // Mid-ranks for ties.
  let rankSumA = 0;
  let tieTerm = 0;
  let ties = false;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1].v === all[i].v) j++;
    const rank = (i + j + 2) / 2;
    const t = j - i + 1;
    if (t > 1) {
      ties = true;
      tieTerm += t * t * t - t;
    }
    for (let k = i; k <= j; k++) if (all[k].fromA) rankSumA += rank;
    i = j + 1;
  }
  const w = rankSumA - (n1 * (n1 + 1)) / 2;
  if (!ties && n1 <= 50 && n2 <= 50) {
    const pValue = Math.min(1, 2 * Math.min(mannWhitneyCdf(w, n1, n2), 1 - mannWhitneyCdf(w - 1, n1, n2)));
    return { w, pValue, method: 'exact', significant: pValue < 0.05 };
  }
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const deviation = Math.max(0, Math.abs(w - mean) - 0.5);
  const pValue = variance > 0 ? Math.min(1, 2 * (1 - normalCdf(deviation / Math.sqrt(variance)))) : 1;
  return { w, pValue, method: 'normal', significant: pValue < 0.05 };
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
  const p = mannWhitneyDistribution(m, n);
  let below = 0;
  for (let k = 0; k <= u; k++) below += p[k];
  return below;
}

/**
 * P(U = k) for k = 0…mn: the exact null distribution of the Mann-Whitney U of samples of sizes m and n
 * without ties.
 *
 * @example
 * [...mannWhitneyDistribution(2, 2)] //=> [1/6, 1/6, 2/6, 1/6, 1/6]
 */
export function mannWhitneyDistribution(m: number, n: number): Float64Array {
  const max = m * n;
  // counts[i][k]: arrangements of i values of the first sample among i + j with U = k, built up over j.
  let previous = new Float64Array((max + 1) * (m + 1));
  const at = (i: number, k: number) => i * (max + 1) + k;
  for (let i = 0; i <= m; i++) previous[at(i, 0)] = 1; // j = 0: U is 0
  for (let j = 1; j <= n; j++) {
    const current = new Float64Array((max + 1) * (m + 1));
    current[at(0, 0)] = 1;
    for (let i = 1; i <= m; i++) {
      for (let k = 0; k <= i * j; k++) {
        // The largest value is from the second sample (U unchanged) or the first (U grows by j).
        current[at(i, k)] = previous[at(i, k)] + (k >= j ? current[at(i - 1, k - j)] : 0);
      }
    }
    previous = current;
  }
  let total = 0;
  for (let k = 0; k <= max; k++) total += previous[at(m, k)];
  const p = new Float64Array(max + 1);
  for (let k = 0; k <= max; k++) p[k] = previous[at(m, k)] / total;
  return p;
}
