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
  const first = streamFirstCompleted(p);
  let earliest = Number.POSITIVE_INFINITY;
  for (let s = 0; s < first.length; s++) if (mask[s] && first[s] < earliest) earliest = first[s];
  if (earliest === Number.POSITIVE_INFINITY) return null;
  const z = zonedDate(earliest, timeZone);
  return localToUtc(Date.UTC(z.year, z.month, z.day), timeZone);
}
