import type { WindowValues } from './window-values';

export interface Distributed {
  /** Ascending values of slot s: `bySlot[s]` (slot 0 is empty). */
  bySlot: Float64Array[];
  /** Ascending values of the whole current window (slots 1..B). */
  whole: Float64Array;
}

/**
 * Splits one metric's sorted window values into the query's slots in a single linear scan: each slot's
 * values come out in ascending order, so percentiles need no further sorting. `counts[s]` must be the
 * number of values of slot s (from the window pass).
 */
export function distributeValues(sorted: WindowValues, counts: Int32Array, buckets: number): Distributed {
  const S = counts.length;
  const offsets = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) offsets[s + 1] = offsets[s] + (s === 0 ? 0 : counts[s]);
  const buffer = new Float64Array(offsets[S]);
  let current = 0;
  for (let s = 1; s <= buckets; s++) current += counts[s];
  const whole = new Float64Array(current);
  const position = offsets.slice(0, S);
  const { values, slots } = sorted;
  let w = 0;
  for (let j = 0; j < values.length; j++) {
    const s = slots[j];
    const v = values[j];
    buffer[position[s]++] = v;
    if (s <= buckets) whole[w++] = v;
  }
  const bySlot: Float64Array[] = [];
  for (let s = 0; s < S; s++) bySlot.push(buffer.subarray(offsets[s], offsets[s + 1]));
  return { bySlot, whole };
}
