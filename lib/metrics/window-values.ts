import { Has } from './constants';
import type { PreparedHistory, ValueMetric } from './prepare';
import { type SortScratch, sortScratch } from './sort-by-key';
import { sortValues } from './sort-values';
import { FLAG_MASK, type WindowRows } from './window-pass';

/** One metric's values in a query's window, ascending, each with its deployment and slot. */
export interface WindowValues {
  /** Ascending; equal values in completion order (queue time: start order). */
  values: Float64Array;
  /** The deployment of each value (empty unless asked for: only group medians need them). */
  rows: Uint32Array;
  /** The slot of each value (1..B = bucket, B + 1 = the previous period). */
  slots: Int32Array;
}

/** One metric's values over the whole history, ascending (ties by position), with each one's position in the order. */
interface HistoryValues {
  positions: Uint32Array;
  values: Float64Array;
}

const HAS_BIT: Record<ValueMetric, number> = {
  leadTime: Has.LeadTime,
  sincePrevious: Has.SincePrevious,
  recovery: Has.Recovery,
  deploymentsUntilRecovery: Has.Recovery,
  duration: Has.Duration,
  queueTime: Has.QueueTime,
};

/**
 * Whole-history orders, built by the first query whose window covers a large part of the history (a space
 * report over a year) and kept with the prepared history for the next ones: such a window is cheaper to read
 * out of one sorted list than to sort again. Invisible to callers: the prepared history is not modified.
 */
const historyValues = new WeakMap<PreparedHistory, Partial<Record<ValueMetric, HistoryValues>>>();
/**
 * Prepared histories (and metrics) that have had one wide query already: the list is built on the second,
 * so a one-off computation (the popup, a panel's first numbers, an alert) sorts only its own window.
 */
const wideQueries = new WeakMap<PreparedHistory, Set<ValueMetric>>();

/** Whether a wide query of `metric` has been made of `p` before; notes this one. */
function seenWide(p: PreparedHistory, metric: ValueMetric): boolean {
  let seen = wideQueries.get(p);
  if (!seen) {
    seen = new Set();
    wideQueries.set(p, seen);
  }
  if (seen.has(metric)) return true;
  seen.add(metric);
  return false;
}

/** `metric`'s value of each of `rows[0 .. k)`, into `out`. */
function fillValues(p: PreparedHistory, metric: ValueMetric, rows: Uint32Array, k: number, out: Float64Array): void {
  const { completed, started, queued } = p.history.deployments;
  switch (metric) {
    case 'leadTime': {
      const assembled = p.history.releases.assembled;
      for (let j = 0; j < k; j++) {
        const i = rows[j];
        out[j] = completed[i] - assembled[p.leadTimeFrom[i]];
      }
      return;
    }
    case 'recovery':
      for (let j = 0; j < k; j++) {
        const i = rows[j];
        out[j] = completed[i] - completed[p.recoveredFrom[i]];
      }
      return;
    case 'deploymentsUntilRecovery':
      for (let j = 0; j < k; j++) out[j] = p.deploymentsUntilRecovery[rows[j]];
      return;
    case 'sincePrevious':
      for (let j = 0; j < k; j++) {
        const i = rows[j];
        out[j] = completed[i] - completed[p.previousSuccess[i]];
      }
      return;
    case 'duration':
      for (let j = 0; j < k; j++) {
        const i = rows[j];
        out[j] = completed[i] - started[i];
      }
      return;
    case 'queueTime':
      for (let j = 0; j < k; j++) {
        const i = rows[j];
        out[j] = started[i] - queued[i];
      }
      return;
  }
}

function buildHistoryValues(p: PreparedHistory, metric: ValueMetric, order: Uint32Array): HistoryValues {
  const bit = HAS_BIT[metric];
  const n = order.length;
  const positions = new Uint32Array(n);
  const rows = new Uint32Array(n);
  let k = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j];
    if ((p.has[i] & bit) === 0) continue;
    positions[k] = j;
    rows[k] = i;
    k++;
  }
  const values = new Float64Array(k);
  fillValues(p, metric, rows, k, values);
  const sorted = sortValues(positions.subarray(0, k), values, sortScratch(k), true);
  return { positions: sorted.rows, values: sorted.values };
}

/** The whole history's sorted values of `metric`, built on first use and kept with the prepared history. */
function wholeHistory(p: PreparedHistory, metric: ValueMetric, order: Uint32Array): HistoryValues {
  let cached = historyValues.get(p);
  let whole = cached?.[metric];
  if (!whole) {
    whole = buildHistoryValues(p, metric, order);
    cached ??= {};
    cached[metric] = whole;
    historyValues.set(p, cached);
  }
  return whole;
}

/**
 * The values of `metric` for the deployments of a query's window, sorted. A window that keeps a small part
 * of the history sorts just its own values ({@link windowValuesBySorting}: a filter that keeps a hundred
 * deployments sorts a hundred values, not the history's million); one that covers much of it reads them out
 * of the whole history's sorted values instead ({@link windowValuesFromHistory}, built once, on the second
 * such query). Both give the same list.
 *
 * `window` is the window's part of the prepared completion order (start order for queue time), with each
 * deployment's slot and the ones the filter keeps (from the window pass). A deployment has a value when the
 * stream walk gave it one (`Has` bits) and, with `excludeFlagged`, its value is not flagged. `count` is how
 * many values there are (the window pass counted them). Equal values keep the order.
 *
 * @example
 * windowValues(prepared, 'leadTime', counts.completed, false, 3)
 * //=> { values: Float64Array [60000, 3600000, 3600000], rows: Uint32Array [12, 9, 15], slots: Int32Array [2, 1, 2] }
 */
export function windowValues(
  p: PreparedHistory,
  metric: ValueMetric,
  window: WindowRows,
  excludeFlagged: boolean,
  count: number,
  withRows = true,
  scratch: SortScratch = sortScratch(count),
): WindowValues {
  const whole = historyValues.get(p)?.[metric];
  const order = window.order;
  // Measured: sorting costs ~15× more a value than reading one out of the whole history's list, and
  // building that list costs about as much a value as sorting. So the list is built for the second window
  // of a third of the history or more (it pays for itself within a few such queries, which a report or the
  // panel's filter changes make; the first sorts its own window: a one-off computation should not sort the
  // whole history for a third of it), and once it exists it is read whenever that is cheaper than sorting.
  const wide = whole ? whole.values.length < count * 15 : count * 3 > order.length && seenWide(p, metric);
  return wide ? windowValuesFromHistory(p, metric, window, excludeFlagged, count, withRows) : windowValuesBySorting(p, metric, window, excludeFlagged, count, withRows, scratch);
}

/**
 * {@link windowValues} by gathering the window's values and radix sorting them.
 *
 * @example
 * windowValuesBySorting(prepared, 'recovery', counts.completed, false, 2).values
 * //=> Float64Array [1800000, 7200000]
 */
export function windowValuesBySorting(
  p: PreparedHistory,
  metric: ValueMetric,
  window: WindowRows,
  excludeFlagged: boolean,
  count: number,
  withRows = true,
  scratch: SortScratch = sortScratch(count),
): WindowValues {
  const { order, from, slots, picked } = window;
  const { has, flags } = p;
  const flagMask = excludeFlagged ? FLAG_MASK[metric] : 0;
  const bit = HAS_BIT[metric];
  const values = new Float64Array(count);
  // What travels with each value through the sort: its slot when that is all that is needed, else its place
  // here (to find its slot and deployment after).
  const payload = new Uint32Array(count);
  // The deployments first, then their values in one loop of the metric's own (a value function per metric
  // called here would make this loop's call site megamorphic).
  const rows = new Uint32Array(count);
  const slotOf = withRows ? new Int32Array(count) : null;
  let k = 0;
  for (let q = 0; q < picked.length && k < count; q++) {
    const j = picked[q];
    const s = slots[j];
    const i = order[from + j];
    if ((has[i] & bit) === 0 || (flags[i] & flagMask) !== 0) continue;
    rows[k] = i;
    if (slotOf) {
      slotOf[k] = s;
      payload[k] = k;
    } else payload[k] = s;
    k++;
  }
  fillValues(p, metric, rows, k, values);
  const sorted = sortValues(payload.subarray(0, k), values.subarray(0, k), scratch.rows.length >= k ? scratch : sortScratch(k), true);
  const at = sorted.rows;
  if (!slotOf) return { values: sorted.values, rows: new Uint32Array(0), slots: new Int32Array(at.buffer, at.byteOffset, at.length) };
  const out: WindowValues = { values: sorted.values, rows: new Uint32Array(k), slots: new Int32Array(k) };
  for (let j = 0; j < k; j++) {
    out.slots[j] = slotOf[at[j]];
    out.rows[j] = rows[at[j]];
  }
  return out;
}

/**
 * {@link windowValues} read, in order, out of the whole history's sorted values of `metric` (built on first
 * use and kept with the prepared history).
 *
 * @example
 * windowValuesFromHistory(prepared, 'recovery', counts.completed, false, 2).values
 * //=> Float64Array [1800000, 7200000]
 */
export function windowValuesFromHistory(
  p: PreparedHistory,
  metric: ValueMetric,
  window: WindowRows,
  excludeFlagged: boolean,
  count: number,
  withRows = true,
): WindowValues {
  const { order, from, slots } = window;
  const { positions, values } = wholeHistory(p, metric, order);
  const flagMask = excludeFlagged ? FLAG_MASK[metric] : 0;
  const out: WindowValues = { values: new Float64Array(count), rows: new Uint32Array(withRows ? count : 0), slots: new Int32Array(count) };
  const end = from + slots.length;
  const flags = p.flags;
  // The deployment is read only when needed: for its flags or its row.
  const lookUp = withRows || flagMask !== 0;
  let k = 0;
  for (let j = 0; j < positions.length && k < count; j++) {
    const at = positions[j];
    if (at < from || at >= end) continue;
    const s = slots[at - from];
    if (s === 0) continue;
    if (lookUp) {
      const i = order[at];
      if ((flags[i] & flagMask) !== 0) continue;
      if (withRows) out.rows[k] = i;
    }
    out.values[k] = values[j];
    out.slots[k] = s;
    k++;
  }
  return out;
}
