import { Slot, scratchInt32 } from './scratch';

/** A time order: `rows[0 .. known)` have a time, ascending; `rows[known ..)` have none (NaN), in input order. */
export interface TimeOrder {
  rows: Uint32Array;
  known: number;
}

/** Moves allowed per row in the insertion pass before the data is taken as far from sorted. */
const MOVES_PER_ROW = 8;

/**
 * Rows ordered by a time column, stable: ties (and rows without a time, which go last) keep the input order.
 * `input` is the row order to start from (`null` = rows `0 .. times.length` in index order), and decides
 * ties — the deployments' id order, so equal completion times are ordered by id.
 *
 * Built for data that is nearly in order already (deployments arrive by id, and ids follow time). When a
 * sample of the first rows shows them out of order by a neighbour or two at most (start times), one
 * insertion sort does it. Otherwise (completion times) one counting pass spreads the rows into about
 * `known / 2` buckets of equal time width, one scatter moves them (close to sequential, since
 * the input is nearly sorted), and an insertion pass orders each bucket. Rows never cross a bucket, so the
 * insertion pass costs the disorder inside buckets only; should it exceed {@link MOVES_PER_ROW} moves a
 * row (data far from sorted, or many rows in one instant's bucket), the rows are sorted by comparison
 * instead. Times are compared exactly (fractions of a millisecond included).
 *
 * @example
 * orderByTime(Float64Array.of(30, NaN, 10, 30), null)
 * //=> { rows: Uint32Array [2, 0, 3, 1], known: 3 }
 */
export function orderByTime(times: Float64Array, input: Uint32Array | null): TimeOrder {
  if (input === null) return inIndexOrder(times);
  // Rare (ids not ascending with the index): the same on the times gathered in input order, mapped back.
  const gathered = new Float64Array(input.length);
  for (let j = 0; j < input.length; j++) gathered[j] = times[input[j]];
  const order = inIndexOrder(gathered);
  for (let k = 0; k < order.rows.length; k++) order.rows[k] = input[order.rows[k]];
  return order;
}

/** Rows whose order a sample of is judged. */
const SAMPLE_ROWS = 1024;
/** Moves a row in the sample below which the rows are taken as in order but for a few neighbours. */
const SAMPLE_MOVES_PER_ROW = 1;
/** Moves allowed per row in a direct insertion sort before the bucket method takes over. */
const DIRECT_MOVES_PER_ROW = 4;

function inIndexOrder(times: Float64Array): TimeOrder {
  return nearlyInOrder(times) ? (byInsertion(times) ?? byBuckets(times)) : byBuckets(times);
}

/**
 * Whether the first rows with a time need under {@link SAMPLE_MOVES_PER_ROW} insertion moves each: start
 * times, say (a deployment starts soon after it is queued, and ids follow queueing), where completions
 * (runs of minutes to hours) move rows further. The rest of the rows is assumed alike; if it is not,
 * {@link byInsertion} notices and gives up.
 */
function nearlyInOrder(times: Float64Array): boolean {
  const sample = new Uint32Array(Math.min(SAMPLE_ROWS, times.length));
  let k = 0;
  for (let i = 0; i < times.length && k < sample.length; i++) if (!Number.isNaN(times[i])) sample[k++] = i;
  return insertionSort(sample, times, k, SAMPLE_MOVES_PER_ROW * k);
}

/**
 * Rows nearly in order already, by one insertion sort as they are read (one pass: on code not optimised
 * yet, as on a panel's first open, each pass over the rows costs several milliseconds at 100k); `null` when
 * it takes over {@link DIRECT_MOVES_PER_ROW} moves a row. Rows without a time are kept from the back, then
 * put back in input order.
 */
function byInsertion(times: Float64Array): TimeOrder | null {
  const n = times.length;
  const rows = new Uint32Array(n);
  let known = 0;
  let none = n;
  let left = DIRECT_MOVES_PER_ROW * n;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (Number.isNaN(t)) {
      rows[--none] = i;
      continue;
    }
    if (previous <= t) {
      previous = t;
      rows[known++] = i;
      continue;
    }
    // The largest time so far stays last, so `previous` is unchanged.
    left -= insertBefore(rows, times, known++, i, t);
    if (left < 0) return null;
  }
  rows.subarray(known).reverse();
  return { rows, known };
}

function byBuckets(times: Float64Array): TimeOrder {
  const n = times.length;
  // Bucket bounds from the first and last times: the data is nearly in order, and times outside them are
  // clamped into the end buckets, which keeps the bucket order monotone (and so the result exact).
  let first = 0;
  while (first < n && Number.isNaN(times[first])) first++;
  let last = n - 1;
  while (last > first && Number.isNaN(times[last])) last--;
  const rows = new Uint32Array(n);
  if (first >= n) {
    for (let i = 0; i < n; i++) rows[i] = i;
    return { rows, known: 0 };
  }
  const low = Math.min(times[first], times[last]);
  const high = Math.max(times[first], times[last]);
  const buckets = Math.max(1, (n - first) >>> 1);
  const top = buckets - 1;
  const scale = buckets / (high - low + 1);
  const start = scratchInt32(Slot.BucketStart, buckets + 1, true);
  // Each row's bucket (-1: no time), kept for the scatter: reading the times and working out the buckets
  // again cost as much as this counting pass (at 1M, 15 of the 37 ms; a bucket read back, 8). Every row's
  // is written below, so the slot needs no zeroing.
  const bucketOf = scratchInt32(Slot.BucketOf, n);
  // Input in order never gets here (it passes the sample, and one insertion pass sorts it): no check for it,
  // which cost this pass a quarter of its time.
  let known = 0;
  for (let i = 0; i < first; i++) bucketOf[i] = -1;
  for (let i = first; i < n; i++) {
    const t = times[i];
    if (Number.isNaN(t)) {
      bucketOf[i] = -1;
      continue;
    }
    known++;
    const b = t <= low ? 0 : t >= high ? top : ((t - low) * scale) | 0;
    bucketOf[i] = b;
    start[b + 1]++;
  }
  let none = known;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  for (let i = 0; i < n; i++) {
    const b = bucketOf[i];
    if (b < 0) rows[none++] = i;
    else rows[start[b]++] = i;
  }

  // Rows with equal times stay in input order; past the budget (far from sorted, or one instant holding many
  // rows), a comparison sort.
  if (!insertionSort(rows, times, known, MOVES_PER_ROW * known)) rows.subarray(0, known).sort((x, y) => times[x] - times[y] || x - y);
  return { rows, known };
}

/**
 * Sorts `rows[0 .. known)` by their `times`, stably, by insertion: rows stay close to their index (the input
 * is nearly in order), so reading their times through them stays close together in memory too. Stops,
 * returning false, once more than `budget` moves were made (the rows are then a permutation, unsorted).
 */
function insertionSort(rows: Uint32Array, times: Float64Array, known: number, budget: number): boolean {
  let left = budget;
  let previous = known > 0 ? times[rows[0]] : 0;
  for (let j = 1; j < known; j++) {
    const r = rows[j];
    const t = times[r];
    if (previous <= t) {
      previous = t;
      continue;
    }
    // The largest time so far stays where it was (at j now), so `previous` is unchanged.
    left -= insertBefore(rows, times, j, r, t);
    if (left < 0) return false;
  }
  return true;
}

/**
 * Puts `row` (time `t`) into the sorted `rows[0 .. end)` at `end` or before it, after every row of an equal
 * or earlier time (stable), moving the later ones up by one; returns how many moved.
 */
function insertBefore(rows: Uint32Array, times: Float64Array, end: number, row: number, t: number): number {
  let m = end - 1;
  while (m >= 0 && times[rows[m]] > t) {
    rows[m + 1] = rows[m];
    m--;
  }
  rows[m + 1] = row;
  return end - 1 - m;
}
