/**
 * Where each stream's deployments sit in a time order (`byCompleted` or `byStarted`): stream `s` holds the
 * positions `positions[start[s] .. start[s + 1])`, ascending.
 */
interface StreamRuns {
  start: Uint32Array;
  positions: Uint32Array;
}

/** Built on a narrow filter's first query and kept as long as the order it indexes (a prepared history). */
const runsByOrder = new WeakMap<Uint32Array, StreamRuns>();

/** One counting pass over `order`: 4 bytes a deployment, once per prepared history. */
function streamRuns(order: Uint32Array, stream: Uint32Array, streams: number): StreamRuns {
  let runs = runsByOrder.get(order);
  if (runs) return runs;
  const start = new Uint32Array(streams + 1);
  for (let j = 0; j < order.length; j++) start[stream[order[j]] + 1]++;
  for (let s = 0; s < streams; s++) start[s + 1] += start[s];
  const next = start.slice(0, streams);
  const positions = new Uint32Array(order.length);
  for (let j = 0; j < order.length; j++) positions[next[stream[order[j]]]++] = j;
  runs = { start, positions };
  runsByOrder.set(order, runs);
  return runs;
}

/** The first of `positions[from .. to)` (ascending) at or above `value`, or `to`. */
function firstAtLeast(positions: Uint32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Filters keeping more than this share of the streams scan the window: the index would not pay. */
const NARROW_STREAMS = 0.5;
/** Kept rows below this share of the window's rows go through the index instead of a scan… */
const NARROW_ROWS = 0.25;
/** …and below this share, are sorted rather than marked. */
const FEW_ROWS = 1 / 64;

/**
 * The rows of `order[lo .. hi)` whose stream `mask` keeps, written to `picked` as offsets from `lo`,
 * ascending; returns how many. A wide filter scans the window. A narrow one — a project, an environment of
 * a big space — reads its streams' runs ({@link streamRuns}): a few rows are sorted, more are marked in
 * `marks` (the window's length, zeroed; left nonzero at the picked offsets, which the caller overwrites)
 * and read back in order. Same rows, same order, every way.
 *
 * @example
 * pickWindowRows(p.byCompleted, 0, p.byCompleted.length, p.stream, p.streams.count, mask, picked, slots)
 * //=> the number of deployments the mask keeps
 */
export function pickWindowRows(
  order: Uint32Array,
  lo: number,
  hi: number,
  stream: Uint32Array,
  streams: number,
  mask: Uint8Array,
  picked: Uint32Array,
  marks: Int32Array,
): number {
  let keptStreams = 0;
  for (let s = 0; s < streams; s++) if (mask[s] !== 0) keptStreams++;
  if (keptStreams <= streams * NARROW_STREAMS && hi > lo) {
    const runs = streamRuns(order, stream, streams);
    const { start, positions } = runs;
    let inWindow = 0;
    for (let s = 0; s < streams; s++) {
      if (mask[s] === 0) continue;
      inWindow += firstAtLeast(positions, start[s], start[s + 1], hi) - firstAtLeast(positions, start[s], start[s + 1], lo);
    }
    if (inWindow <= (hi - lo) * FEW_ROWS) {
      // Few: their offsets, sorted (a numeric sort of a few thousand beats reading the window's marks).
      let kept = 0;
      for (let s = 0; s < streams; s++) {
        if (mask[s] === 0) continue;
        const end = firstAtLeast(positions, start[s], start[s + 1], hi);
        for (let k = firstAtLeast(positions, start[s], start[s + 1], lo); k < end; k++) picked[kept++] = positions[k] - lo;
      }
      picked.subarray(0, kept).sort();
      return kept;
    }
    if (inWindow <= (hi - lo) * NARROW_ROWS) {
      for (let s = 0; s < streams; s++) {
        if (mask[s] === 0) continue;
        const end = firstAtLeast(positions, start[s], start[s + 1], hi);
        for (let k = firstAtLeast(positions, start[s], start[s + 1], lo); k < end; k++) marks[positions[k] - lo] = -1;
      }
      let kept = 0;
      for (let q = 0; kept < inWindow; q++) if (marks[q] !== 0) picked[kept++] = q;
      return kept;
    }
  }
  let kept = 0;
  for (let j = lo; j < hi; j++) if (mask[stream[order[j]]] !== 0) picked[kept++] = j - lo;
  return kept;
}
