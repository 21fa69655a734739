/**
 * The p-quantile of ascending values by linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of R and NumPy): with `h = (n - 1) p`, `x[⌊h⌋] + (h - ⌊h⌋) (x[⌊h⌋ + 1] - x[⌊h⌋])`.
 * The median of an even count is the mean of the middle two. `null` for no values.
 *
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5)
 * //=> 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
