import { localToUtc } from './local-to-utc';
import type { PreparedHistory } from './prepare';
import { zonedDate } from './zoned-date';

const firstByStream = new WeakMap<PreparedHistory, Float64Array>();

/**
 * Per stream, when its first deployment finished (NaN: none has). One pass over the completion order, once
 * per prepared history.
 */
function streamFirstCompleted(p: PreparedHistory): Float64Array {
  let first = firstByStream.get(p);
  if (first) return first;
  first = new Float64Array(p.streams.count).fill(Number.NaN);
  const completed = p.history.deployments.completed;
  let left = p.streams.count;
  for (let j = 0; j < p.byCompleted.length && left > 0; j++) {
    const i = p.byCompleted[j];
    const s = p.stream[i];
    if (Number.isNaN(first[s])) {
      first[s] = completed[i];
      left--;
    }
  }
  firstByStream.set(p, first);
  return first;
}

/**
 * Where a view's history starts: local midnight (in `timeZone`) of the day its first deployment finished,
 * any outcome, among the streams `mask` keeps; `null` when none has finished. Rates over a range that reaches
 * further back are taken over the part from here (lib/metrics/README.md, "History start"): a project deployed
 * for six months is not a slower one over "last year".
 *
 * @example
 * historyStart(prepared, streamMask(prepared.streams, dims, { projects: [2] }), 'Europe/London')
 * //=> Date.UTC(2026, 5, 9, 23) (midnight of 10 June in BST)
 */
export function historyStart(p: PreparedHistory, mask: Uint8Array, timeZone: string): number | null {
  return historyStarts(p, mask, 1, timeZone)[1];
}

/**
 * {@link historyStart} of several views at once: `groupOf[s]` is the view (1..`groups`) stream `s` belongs
 * to, 0 for none. One pass over the streams, whatever the number of views. Index 0 of the result is unused.
 *
 * @example
 * historyStarts(prepared, Uint8Array.of(0, 1, 2, 1), 2, 'UTC') //=> [null, Date.UTC(2026, 0, 5), Date.UTC(2026, 2, 1)]
 */
export function historyStarts(p: PreparedHistory, groupOf: ArrayLike<number>, groups: number, timeZone: string): (number | null)[] {
  const first = streamFirstCompleted(p);
  const earliest = new Float64Array(groups + 1).fill(Number.POSITIVE_INFINITY);
  for (let s = 0; s < first.length; s++) {
    const g = groupOf[s];
    if (g !== 0 && first[s] < earliest[g]) earliest[g] = first[s];
  }
  const out: (number | null)[] = [null];
  for (let g = 1; g <= groups; g++) {
    if (earliest[g] === Number.POSITIVE_INFINITY) out.push(null);
    else {
      const z = zonedDate(earliest[g], timeZone);
      out.push(localToUtc(Date.UTC(z.year, z.month, z.day), timeZone));
    }
  }
  return out;
}
