/** The 97.5th percentile of the standard normal distribution (two-sided 95 %). */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion `x / n`:
 * `(p̂ + z²/2n ± z √(p̂(1 - p̂)/n + z²/4n²)) / (1 + z²/n)`. Unlike the normal ("Wald") interval it stays inside
 * [0, 1] and is sensible at 0 and n: 0 failures in 12 deployments still has an upper bound of about 24 %.
 * `null` when n = 0.
 *
 * @example
 * wilsonInterval(0, 12)
 * //=> { lower: 0, upper: 0.2424931… }  // z²/(n + z²) = 3.8415/15.8415
 */
export function wilsonInterval(x: number, n: number, z = Z95): { lower: number; upper: number } | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
