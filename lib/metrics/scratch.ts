/**
 * Working memory that the metrics keep between computations, for the temporaries of the loops that run on
 * every row. Fresh typed-array memory is paid for on first touch, one page fault per 4 KB page: measured
 * ~11 µs a page on the 2-core machine in Node, Chromium and Firefox alike (~2.7 ms a megabyte; a page
 * touched again costs nothing). A computation that allocates its temporaries anew pays that every time, at 1M
 * deployments ~8 MB (~20 ms) in `prepare` alone, so these few temporaries live here instead, one buffer per
 * slot, grown when a larger history needs it and kept for the next computation.
 *
 * Only temporaries: a slot's contents are valid until the next call that takes the same slot, so nothing a
 * function returns may be scratch. The functions stay pure in what they return; JavaScript's single thread
 * and these synchronous callers mean two users of one slot never overlap, as long as a caller takes each
 * slot once and is done with it before it returns.
 */

/** Who uses which buffer; two temporaries alive at once need two slots. */
export const Slot = {
  /** order-by-time.ts: each row's time bucket. */
  BucketOf: 0,
  /** order-by-time.ts: the buckets' starts. */
  BucketStart: 1,
  /** order-deployments.ts: the (channel, environment) pair numbers. */
  PairOf: 2,
  /** order-deployments.ts: the (pair, tenant) stream slots. */
  StreamSlots: 3,
} as const;

const buffers: ArrayBuffer[] = [];

/** Slot memory of at least `bytes`, grown in whole 64 KB steps so that histories of about one size share it. */
function slotBuffer(slot: number, bytes: number): ArrayBuffer {
  const kept = buffers[slot];
  if (kept !== undefined && kept.byteLength >= bytes) return kept;
  const grown = new ArrayBuffer(Math.ceil(Math.max(bytes, 1) / 65536) * 65536);
  buffers[slot] = grown;
  return grown;
}

/**
 * An `Int32Array` of `length` on the slot's memory: its contents are whatever the slot's last user left,
 * unless `zeroed`.
 *
 * @example
 * const start = scratchInt32(Slot.BucketStart, buckets + 1, true); // counts from zero
 */
export function scratchInt32(slot: number, length: number, zeroed = false): Int32Array {
  const array = new Int32Array(slotBuffer(slot, length * 4), 0, length);
  if (zeroed) array.fill(0);
  return array;
}
