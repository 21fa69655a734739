/** Reusable working memory for the radix sorts: pass one to a series of sorts to avoid reallocating. */
export interface SortScratch {
  rows: Uint32Array;
  lo: Uint32Array;
  hi: Uint32Array;
}

/** Working memory for sorts of up to `n` rows. */
export function sortScratch(n: number): SortScratch {
  return { rows: new Uint32Array(n), lo: new Uint32Array(n), hi: new Uint32Array(n) };
}

// 8-bit digits: a scatter into 256 places stays in the caches and write buffers; measured on this kind of
// machine, two 8-bit passes cost less than one 11-bit pass.
const DIGIT_BITS = 8;
const RADIX = 1 << DIGIT_BITS;
const DIGIT_MASK = RADIX - 1;
const TWO_32 = 4294967296;

const passesFor = (or: number): number => Math.ceil((32 - Math.clz32(or)) / DIGIT_BITS);

/**
 * Stable LSD radix sort, in place, of `rows` by the 64-bit key (`hi`, `lo`) that sits beside each row (`hi`
 * may be `null`: all zero). 8 bits a pass, only as many passes as the largest key needs, passes whose digit is
 * the same for every row skipped, and every pass's digit counts from one read of the keys. With `keepKeys`
 * the keys end in the rows' order too; without, they are left scrambled (the last passes do not move them).
 * `scratch` must be at least `rows.length` long.
 *
 * @example
 * const rows = Uint32Array.of(0, 1, 2);
 * radixSortPairs(rows, Uint32Array.of(30, 10, 20), null, sortScratch(3));
 * rows //=> Uint32Array [1, 2, 0]
 */
export function radixSortPairs(rows: Uint32Array, lo: Uint32Array, hi: Uint32Array | null, scratch: SortScratch, keepKeys = false): void {
  const n = rows.length;
  if (n < 2) return;
  let orLo = 0;
  let orHi = 0;
  for (let j = 0; j < n; j++) orLo |= lo[j];
  if (hi) for (let j = 0; j < n; j++) orHi |= hi[j];
  const loPasses = passesFor(orLo);
  const hiPasses = hi ? passesFor(orHi) : 0;
  const passes = loPasses + hiPasses;
  if (passes === 0) return;

  const counts = new Uint32Array(passes * RADIX);
  for (let p = 0; p < loPasses; p++) {
    const base = p * RADIX;
    const shift = p * DIGIT_BITS;
    for (let j = 0; j < n; j++) counts[base + ((lo[j] >>> shift) & DIGIT_MASK)]++;
  }
  if (hi) {
    for (let p = 0; p < hiPasses; p++) {
      const base = (loPasses + p) * RADIX;
      const shift = p * DIGIT_BITS;
      for (let j = 0; j < n; j++) counts[base + ((hi[j] >>> shift) & DIGIT_MASK)]++;
    }
  }

  let srcRows = rows;
  let srcLo = lo;
  let srcHi = hi;
  let dstRows = scratch.rows.subarray(0, n);
  let dstLo = scratch.lo.subarray(0, n);
  let dstHi = scratch.hi.subarray(0, n);
  for (let p = 0; p < passes; p++) {
    const base = p * RADIX;
    let sum = 0;
    let single = false;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[base + d];
      if (c === n) single = true;
      counts[base + d] = sum;
      sum += c;
    }
    if (single) continue;
    const onHi = p >= loPasses;
    const shift = (onHi ? p - loPasses : p) * DIGIT_BITS;
    const digits = onHi && srcHi ? srcHi : srcLo;
    // Keys travel with their rows only while a later pass still reads them.
    const carryLo = keepKeys || (!onHi && p + 1 < loPasses);
    const carryHi = srcHi !== null && (keepKeys || p + 1 < passes);
    if (carryLo && carryHi && srcHi && dstHi) {
      for (let j = 0; j < n; j++) {
        const at = counts[base + ((digits[j] >>> shift) & DIGIT_MASK)]++;
        dstRows[at] = srcRows[j];
        dstLo[at] = srcLo[j];
        dstHi[at] = srcHi[j];
      }
    } else if (carryLo) {
      for (let j = 0; j < n; j++) {
        const at = counts[base + ((digits[j] >>> shift) & DIGIT_MASK)]++;
        dstRows[at] = srcRows[j];
        dstLo[at] = srcLo[j];
      }
    } else if (carryHi && srcHi) {
      for (let j = 0; j < n; j++) {
        const at = counts[base + ((digits[j] >>> shift) & DIGIT_MASK)]++;
        dstRows[at] = srcRows[j];
        dstHi[at] = srcHi[j];
      }
    } else {
      for (let j = 0; j < n; j++) dstRows[counts[base + ((digits[j] >>> shift) & DIGIT_MASK)]++] = srcRows[j];
    }
    let t = srcRows;
    srcRows = dstRows;
    dstRows = t;
    if (carryLo) {
      t = srcLo;
      srcLo = dstLo;
      dstLo = t;
    }
    if (carryHi && srcHi) {
      t = srcHi;
      srcHi = dstHi;
      dstHi = t;
    }
  }
  if (srcRows !== rows) rows.set(srcRows);
  if (keepKeys && srcLo !== lo) lo.set(srcLo);
  if (keepKeys && hi && srcHi && srcHi !== hi) hi.set(srcHi);
}

/**
 * Stable sort of row indices by a non-negative integer key, by LSD radix sort on the key's 32-bit halves
 * ({@link radixSortPairs}): `O(n · passes)` with no comparator calls.
 *
 * Definition: returns a new permutation of `rows` ordered by `keys[row] + offset` ascending; rows with equal
 * keys keep their order in `rows` (stable), which is how multi-key orders are built (sort by the least
 * significant key first). Keys must be integers in `[0, 2^53)` after adding `offset`. `rows` and `keys` are
 * not modified; `scratch` (optional, at least `rows.length` long) is overwritten.
 *
 * @example
 * sortByKey(Uint32Array.of(0, 1, 2), Float64Array.of(30, 10, 20))
 * //=> Uint32Array [1, 2, 0]
 */
export function sortByKey(
  rows: Uint32Array,
  keys: ArrayLike<number>,
  offset = 0,
  scratch: SortScratch = sortScratch(rows.length),
): Uint32Array {
  const n = rows.length;
  const result = rows.slice();
  const lo = new Uint32Array(n);
  let hi: Uint32Array | null = null;
  for (let j = 0; j < n; j++) {
    const k = keys[rows[j]] + offset;
    if (k >= TWO_32) {
      hi ??= new Uint32Array(n);
      const h = Math.floor(k / TWO_32);
      hi[j] = h;
      lo[j] = (k - h * TWO_32) >>> 0;
    } else lo[j] = k >>> 0;
  }
  radixSortPairs(result, lo, hi, scratch);
  return result;
}
