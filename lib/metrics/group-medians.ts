import type { PreparedHistory } from './prepare';
import type { RankingDimension } from './types';
import type { WindowValues } from './window-values';

/**
 * The median (type 7) of one metric per project, environment and tenant over the current window, in one
 * scan of the metric's sorted window values: each group's k-th value in the scan is its k-th smallest, so the
 * middle one(s) are picked as they pass. `counts[dim][g]` must be the group's number of values in the current
 * window. NaN for groups without values.
 */
export function groupMedians(
  p: PreparedHistory,
  sorted: WindowValues,
  buckets: number,
  counts: Record<RankingDimension, Int32Array>,
): Record<RankingDimension, Float64Array> {
  const d = p.history.deployments;
  const dims: [RankingDimension, ArrayLike<number>, number][] = [
    ['project', d.project, 0],
    ['environment', d.environment, 0],
    ['tenant', d.tenant, 1],
  ];
  const state = dims.map(([name]) => {
    const count = counts[name];
    const size = count.length;
    const lo = new Int32Array(size);
    const hi = new Int32Array(size);
    for (let g = 0; g < size; g++) {
      const h = (count[g] - 1) / 2;
      lo[g] = Math.floor(h);
      hi[g] = Math.ceil(h);
    }
    return { seen: new Int32Array(size), lo, hi, loValue: new Float64Array(size), median: new Float64Array(size).fill(Number.NaN) };
  });
  const { rows, values, slots } = sorted;
  for (let j = 0; j < rows.length; j++) {
    if (slots[j] > buckets) continue;
    const i = rows[j];
    const v = values[j];
    for (let k = 0; k < 3; k++) {
      const g = dims[k][1][i] + dims[k][2];
      const st = state[k];
      if (g < 0 || g >= st.seen.length) continue;
      const seen = st.seen[g]++;
      if (seen === st.lo[g]) st.loValue[g] = v;
      if (seen === st.hi[g]) st.median[g] = (st.loValue[g] + v) / 2;
    }
  }
  return { project: state[0].median, environment: state[1].median, tenant: state[2].median };
}
