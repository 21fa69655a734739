import { medianInterval } from './median-interval';
import { quantileSorted } from './quantile-sorted';
import type { SampleStats } from './types';

/**
 * Octopus's interval statistics of a sample — count, mean, median, 95th percentile, min, max — plus ours
 * (quartiles and a distribution-free 95 % interval for the median), from values already in ascending
 * order. Percentiles interpolate linearly (type 7). With no values every figure is `null` and count 0.
 *
 * @example
 * summarizeSorted(Float64Array.of(10, 20, 30, 100))
 * //=> { count: 4, mean: 40, median: 25, p95: 89.5, min: 10, max: 100, beyondOctopus: { p25: 17.5, p75: 47.5, medianCi95: null } }
 */
export function summarizeSorted(sorted: ArrayLike<number>): SampleStats {
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    count: n,
    mean: n > 0 ? sum / n : null,
    median: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    min: n > 0 ? sorted[0] : null,
    max: n > 0 ? sorted[n - 1] : null,
    beyondOctopus: {
      p25: quantileSorted(sorted, 0.25),
      p75: quantileSorted(sorted, 0.75),
      medianCi95: medianInterval(sorted),
    },
  };
}
