import { Outcome, Rework, REWORK_REASONS, type ReworkReason } from './constants';
import type { StreamTable } from './order-deployments';
import type { PreparedHistory } from './prepare';

/**
 * One byte per stream, 1 where the stream's channel is one of `channels` (the user's hotfix channels, by
 * channel index): every counted deployment of such a stream is rework. `null` when no channel is marked, so
 * a query pays nothing for the setting it does not use.
 *
 * @example
 * hotfixStreams(prepared.streams, [4])
 * //=> Uint8Array [0, 0, 1, 1, 0, …]  (the streams of channel 4)
 */
export function hotfixStreams(streams: StreamTable, channels: readonly number[] | undefined): Uint8Array | null {
  if (!channels || channels.length === 0) return null;
  const marked = new Set(channels);
  const out = new Uint8Array(streams.count);
  let any = false;
  for (let s = 0; s < streams.count; s++) {
    if (marked.has(streams.channel[s])) {
      out[s] = 1;
      any = true;
    }
  }
  return any ? out : null;
}

/**
 * The {@link Rework} bits of deployment `i`: the stream walk's (redeploy, rollback, failure run) plus
 * `Hotfix` when its stream is marked in `hotfix` and the deployment counts (successful or failed). 0 =
 * planned, or not counted (canceled, timed out, unfinished).
 *
 * @example
 * reworkBits(prepared, 12, hotfixStreams(prepared.streams, [4])) //=> 5 (Redeploy | FailureRun)
 */
export function reworkBits(p: PreparedHistory, i: number, hotfix: Uint8Array | null): number {
  const counted = p.outcome[i] !== Outcome.Excluded;
  return p.rework[i] | (counted && hotfix !== null && hotfix[p.stream[i]] !== 0 ? Rework.Hotfix : 0);
}

/**
 * The reasons named by {@link Rework} bits, in {@link REWORK_REASONS} order.
 *
 * @example
 * reworkReasons(Rework.Rollback | Rework.Hotfix) //=> ['rollback', 'hotfix']
 */
export function reworkReasons(bits: number): ReworkReason[] {
  return REWORK_REASONS.filter((_, k) => (bits & (1 << k)) !== 0);
}
