import { radixSortPairs, type SortScratch, sortScratch } from './sort-by-key';

/** One metric's values in ascending order, with the deployment each came from. */
export interface SortedValues {
  rows: Uint32Array;
  values: Float64Array;
}

const TWO_32 = 4294967296;
/** Key classes by size: under 2^16, 2^24, 2^32, and the rest (2, 3, 4 and 5+ radix passes). */
const CLASS_LIMITS = [2 ** 16, 2 ** 24, TWO_32];

/**
 * The values `values[j]` of rows `rows[j]` in ascending order, NaN left out; equal values keep their order in
 * `rows` (stable). Values that are whole numbers (milliseconds, counts) are radix sorted on their distance
 * from the smallest: split first into classes by size — most durations are minutes to hours, a few are
 * months — so that each class takes only the passes its largest key needs, then concatenated (every key of a
 * class is below every key of the next). Anything else (fractions) falls back to a comparison sort.
 * `scratch` must be at least `rows.length` long; `values` is not modified, unless `reuse` lets the sorted
 * values be written over it (whole numbers; a caller's temporary), which saves an array as long.
 *
 * @example
 * sortValues(Uint32Array.of(7, 8, 9, 10), Float64Array.of(3000, NaN, -5, 3000))
 * //=> { rows: Uint32Array [9, 7, 10], values: Float64Array [-5, 3000, 3000] }
 */
export function sortValues(rows: Uint32Array, values: Float64Array, scratch: SortScratch = sortScratch(rows.length), reuse = false): SortedValues {
  const n = rows.length;
  let count = 0;
  let min = Number.POSITIVE_INFINITY;
  let whole = true;
  for (let j = 0; j < n; j++) {
    const v = values[j];
    if (Number.isNaN(v)) continue;
    count++;
    if (v < min) min = v;
    if (whole && v !== Math.floor(v)) whole = false;
  }
  if (!whole) return byComparison(rows, values, count);

  // Class sizes, then one stable scatter of (row, key) into the classes.
  const classes = new Uint32Array(5);
  for (let j = 0; j < n; j++) {
    const v = values[j];
    if (!Number.isNaN(v)) classes[classOf(v - min) + 1]++;
  }
  for (let c = 0; c < 4; c++) classes[c + 1] += classes[c];
  const starts = classes.slice(0, 4);
  const sortedRows = new Uint32Array(count);
  const lo = new Uint32Array(count);
  const hiCount = count - classes[3];
  const hi = hiCount > 0 ? new Uint32Array(hiCount) : null;
  for (let j = 0; j < n; j++) {
    const v = values[j];
    if (Number.isNaN(v)) continue;
    const key = v - min;
    const c = classOf(key);
    const at = classes[c]++;
    sortedRows[at] = rows[j];
    if (c < 3) lo[at] = key;
    else if (hi) {
      const h = Math.floor(key / TWO_32);
      hi[at - starts[3]] = h;
      lo[at] = key - h * TWO_32;
    }
  }
  for (let c = 0; c < 4; c++) {
    const from = starts[c];
    const to = c < 3 ? starts[c + 1] : count;
    if (to - from < 2) continue;
    radixSortPairs(sortedRows.subarray(from, to), lo.subarray(from, to), c === 3 ? hi : null, scratch, true);
  }
  // Every value was read into the keys above: the caller's own array may take the result.
  const out = reuse ? values.subarray(0, count) : new Float64Array(count);
  const big = starts[3];
  for (let j = 0; j < big; j++) out[j] = min + lo[j];
  if (hi) for (let j = big; j < count; j++) out[j] = min + hi[j - big] * TWO_32 + lo[j];
  return { rows: sortedRows, values: out };
}

function classOf(key: number): number {
  return key < CLASS_LIMITS[0] ? 0 : key < CLASS_LIMITS[1] ? 1 : key < CLASS_LIMITS[2] ? 2 : 3;
}

function byComparison(rows: Uint32Array, values: Float64Array, count: number): SortedValues {
  const positions = new Uint32Array(count);
  let k = 0;
  for (let j = 0; j < rows.length; j++) if (!Number.isNaN(values[j])) positions[k++] = j;
  positions.sort((a, b) => values[a] - values[b] || a - b);
  const sortedRows = new Uint32Array(count);
  const out = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    sortedRows[j] = rows[positions[j]];
    out[j] = values[positions[j]];
  }
  return { rows: sortedRows, values: out };
}
