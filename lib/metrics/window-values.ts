import { Has } from './constants';
import type { PreparedHistory, ValueMetric } from './prepare';
import { type SortScratch, sortScratch } from './sort-by-key';
import { sortValues } from './sort-values';
import { FLAG_MASK } from './window-pass';

/** One metric's values in a query's window, ascending, each with its deployment and slot. */
export interface WindowValues {
  /** Ascending; equal values in completion order (queue time: start order). */
  values: Float64Array;
  rows: Uint32Array;
  /** The slot of each value (1..B = bucket, B + 1 = the previous period). */
  slots: Int32Array;
}

/**
 * The values of `metric` for the deployments of a query's window, sorted: a query sorts only what it shows,
 * so a filter that keeps a hundred deployments sorts a hundred values, not the history's million.
 *
 * `order` is the prepared completion order (start order for queue time); `slots[j]` is the slot of
 * `order[from + j]`, 0 where the deployment is filtered out. A deployment has a value when the stream walk
 * gave it one (`Has` bits) and, with `excludeFlagged`, its value is not flagged. `count` is how many values
 * there are (the window pass counted them). Values are gathered in `order`, so equal values keep it.
 *
 * @example
 * windowValues(prepared, 'leadTime', prepared.byCompleted, lo, slots, false, 3)
 * //=> { values: Float64Array [60000, 3600000, 3600000], rows: Uint32Array [12, 9, 15], slots: Int32Array [2, 1, 2] }
 */
export function windowValues(
  p: PreparedHistory,
  metric: ValueMetric,
  order: Uint32Array,
  from: number,
  slots: Int32Array,
  excludeFlagged: boolean,
  count: number,
  scratch: SortScratch = sortScratch(count),
): WindowValues {
  const d = p.history.deployments;
  const { completed, started, queued } = d;
  const { has, flags, previousSuccess } = p;
  const flagMask = excludeFlagged ? FLAG_MASK[metric] : 0;
  const rows = new Uint32Array(count);
  const slotOf = new Int32Array(count);
  const values = new Float64Array(count);
  const positions = new Uint32Array(count);
  const length = slots.length;
  let k = 0;
  // One loop per metric: the test for a value and the value itself differ, the walk over the window does not.
  const bit = HAS_BIT[metric];
  for (let j = 0; j < length && k < count; j++) {
    const s = slots[j];
    if (s === 0) continue;
    const i = order[from + j];
    if ((has[i] & bit) === 0 || (flags[i] & flagMask) !== 0) continue;
    rows[k] = i;
    slotOf[k] = s;
    positions[k] = k;
    k++;
  }
  switch (metric) {
    case 'leadTime':
      for (let j = 0; j < k; j++) values[j] = p.leadTimeMs[rows[j]];
      break;
    case 'recovery':
      for (let j = 0; j < k; j++) values[j] = p.recoveryMs[rows[j]];
      break;
    case 'deploymentsUntilRecovery':
      for (let j = 0; j < k; j++) values[j] = p.deploymentsUntilRecovery[rows[j]];
      break;
    case 'sincePrevious':
      for (let j = 0; j < k; j++) {
        const i = rows[j];
        values[j] = completed[i] - completed[previousSuccess[i]];
      }
      break;
    case 'duration':
      for (let j = 0; j < k; j++) {
        const i = rows[j];
        values[j] = completed[i] - started[i];
      }
      break;
    case 'queueTime':
      for (let j = 0; j < k; j++) {
        const i = rows[j];
        values[j] = started[i] - queued[i];
      }
      break;
  }
  const sorted = sortValues(positions.subarray(0, k), values.subarray(0, k), scratch.rows.length >= k ? scratch : sortScratch(k));
  const out: WindowValues = { values: sorted.values, rows: new Uint32Array(k), slots: new Int32Array(k) };
  const at = sorted.rows;
  for (let j = 0; j < k; j++) {
    out.rows[j] = rows[at[j]];
    out.slots[j] = slotOf[at[j]];
  }
  return out;
}

const HAS_BIT: Record<ValueMetric, number> = {
  leadTime: Has.LeadTime,
  sincePrevious: Has.SincePrevious,
  recovery: Has.Recovery,
  deploymentsUntilRecovery: Has.Recovery,
  duration: Has.Duration,
  queueTime: Has.QueueTime,
};
