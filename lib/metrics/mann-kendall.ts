import { normalCdf } from './normal-cdf';
import type { MannKendallResult } from './types';

/**
 * Mann-Kendall test for a monotonic trend in a series (a non-parametric test: no distribution assumed).
 * `S = Σ_{i<j} sign(x_j - x_i)`; `Var(S) = [n(n-1)(2n+5) - Σ t(t-1)(2t+5)] / 18` over groups of t tied values;
 * `Z = (S - sign(S)) / √Var(S)` (continuity correction); two-sided `p = 2 (1 - Φ(|Z|))`. A trend is reported at
 * the 5 % level. `higherIsBetter` sets the sentiment (deployment frequency: up is good; times and failure rate:
 * up is bad). `null` under 4 values (the approximation is rough below about 10; `n` is returned to show it).
 *
 * @example
 * mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], true)
 * //=> { n: 10, s: 45, tau: 1, z: 3.9354, pValue: 0.000083, trend: 'increasing', sentiment: 'good' }
 */
export function mannKendall(values: readonly number[], higherIsBetter: boolean): MannKendallResult | null {
  const n = values.length;
  if (n < 4) return null;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = values[j] - values[i];
      if (d > 0) s++;
      else if (d < 0) s--;
    }
  }
  const ties = new Map<number, number>();
  for (const v of values) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) if (t > 1) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance > 0 && s !== 0 ? (s - Math.sign(s)) / Math.sqrt(variance) : 0;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  const trend = pValue < 0.05 ? (s > 0 ? 'increasing' : 'decreasing') : 'none';
  const good = trend === 'increasing' ? higherIsBetter : !higherIsBetter;
  return {
    n,
    s,
    tau: s / ((n * (n - 1)) / 2),
    z,
    pValue,
    trend,
    sentiment: trend === 'none' ? 'neutral' : good ? 'good' : 'bad',
  };
}
