/**
 * The first position `j` in `rows` (ordered by `times[rows[j]]` ascending) with `times[rows[j]] ≥ t`, or
 * `rows.length`. Binary search: a window `[from, to)` over time-ordered rows is
 * `rows[lowerBound(…, from) .. lowerBound(…, to))`.
 *
 * @example
 * lowerBound(Uint32Array.of(2, 0, 1), Float64Array.of(20, 30, 10), 15)
 * //=> 1
 */
export function lowerBound(rows: Uint32Array, times: Float64Array, t: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[rows[mid]] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
