import type { ReleaseFacts } from './facts';
import { sortByKey, sortScratch } from './sort-by-key';

export interface ReleaseOrder {
  /** Release indices ordered by (project, channel, assembled, id). */
  order: Uint32Array;
  /** Position of each release in `order`. */
  rank: Int32Array;
  /** A project+channel group number per position in `order` (equal numbers = same project and channel). */
  group: Int32Array;
}

/**
 * Orders releases for lead time: within each project + channel, by creation (`assembled`), ties by release
 * id; releases without an `assembled` time go last in their group. "The earliest release whose changes have
 * not been deployed" is then the release right after the newest delivered one in this order.
 *
 * @example
 * const { order, rank } = orderReleases(history.releases);
 * order[rank[r] + 1] // the release created after r in r's project and channel (if in the same group)
 */
export function orderReleases(releases: ReleaseFacts): ReleaseOrder {
  const n = releases.length;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const a = releases.assembled[i];
    if (a < min) min = a;
    if (a > max) max = a;
  }
  const keys = new Float64Array(n);
  const missing = max >= min ? Math.floor(max - min) + 1 : 0;
  for (let i = 0; i < n; i++) {
    const a = releases.assembled[i];
    keys[i] = !Number.isNaN(a) ? Math.floor(a - min) : missing;
  }
  const scratch = sortScratch(n);
  let order = sortByKey(rows, releases.id, 0, scratch);
  order = sortByKey(order, keys, 0, scratch);
  order = sortByKey(order, releases.channel, 1, scratch);
  order = sortByKey(order, releases.project, 1, scratch);
  const rank = new Int32Array(n);
  const group = new Int32Array(n);
  let g = -1;
  for (let k = 0; k < n; k++) {
    const r = order[k];
    rank[r] = k;
    if (
      k === 0 ||
      releases.project[r] !== releases.project[order[k - 1]] ||
      releases.channel[r] !== releases.channel[order[k - 1]]
    ) {
      g++;
    }
    group[k] = g;
  }
  return { order, rank, group };
}
