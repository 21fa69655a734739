import type { ReleaseFacts } from './facts';
import { orderByTime } from './order-by-time';
import { sortByKey } from './sort-by-key';

export interface ReleaseOrder {
  /** Release indices ordered by (project, channel, assembled, id). */
  order: Uint32Array;
  /** Position of each release in `order`. */
  rank: Int32Array;
  /**
   * A project+channel group number per release (equal numbers = same project and channel). By release, not
   * by position: the stream walk reads it for releases named by deployments in near id order, close together.
   */
  group: Int32Array;
}

/**
 * Orders releases for lead time: within each project + channel, by creation (`assembled`), ties by release
 * id; releases without an `assembled` time go last in their group. "The earliest release whose changes have
 * not been deployed" is then the release right after the newest delivered one in this order.
 *
 * Cost: releases arrive by id, which follows creation, so the time order is usually one check
 * ({@link orderByTime}); the groups are one counting pass over the (project, channel) pairs.
 *
 * @example
 * const { order, rank } = orderReleases(history.releases);
 * order[rank[r] + 1] // the release created after r in r's project and channel (if in the same group)
 */
export function orderReleases(releases: ReleaseFacts): ReleaseOrder {
  const n = releases.length;
  let byId: Uint32Array | null = null;
  for (let i = 1; i < n; i++) {
    if (releases.id[i] <= releases.id[i - 1]) {
      byId = sortByKey(
        Uint32Array.from({ length: n }, (_, k) => k),
        releases.id,
      );
      break;
    }
  }
  // Releases without a creation time go after the others of their group, in id order.
  const byTime = orderByTime(releases.assembled, byId).rows;

  // Group numbers in (project, channel) order: a dense number per pair, then the pairs sorted.
  // A channel belongs to one project: a table by channel finds the pair, a Map takes data that breaks the rule.
  const { project, channel } = releases;
  const pairs = new Map<string, number>();
  const pairKeys: number[][] = [];
  // The project of each pair, by pair number: read for every release, so typed (not through pairKeys).
  let pairProject = new Int32Array(64);
  // Each release's pair number, turned into its group (the pair's rank) below.
  const group = new Int32Array(n);
  let channels = 0;
  for (let i = 0; i < n; i++) if (channel[i] >= channels) channels = channel[i] + 1;
  const byChannel = new Int32Array(channels + 1);
  const viaMap = (i: number) => {
    const key = `${project[i]},${channel[i]}`;
    let g = pairs.get(key);
    if (g === undefined) {
      g = pairKeys.push([project[i], channel[i]]) - 1;
      if (g === pairProject.length) {
        const grown = new Int32Array(g * 2);
        grown.set(pairProject);
        pairProject = grown;
      }
      pairProject[g] = project[i];
      pairs.set(key, g);
    }
    return g;
  };
  for (let i = 0; i < n; i++) {
    const slot = channel[i] + 1;
    const g = byChannel[slot] - 1;
    if (g >= 0 && pairProject[g] === project[i]) group[i] = g;
    else if (g >= 0) group[i] = viaMap(i);
    else {
      const added = viaMap(i);
      byChannel[slot] = added + 1;
      group[i] = added;
    }
  }
  const groups = pairKeys.length;
  const rankOfPair = new Int32Array(groups);
  Array.from({ length: groups }, (_, g) => g)
    .sort((a, b) => pairKeys[a][0] - pairKeys[b][0] || pairKeys[a][1] - pairKeys[b][1])
    .forEach((g, k) => {
      rankOfPair[g] = k;
    });

  // A stable counting sort of the time order by group.
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) {
    const g = rankOfPair[group[i]];
    group[i] = g;
    start[g + 1]++;
  }
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const order = new Uint32Array(n);
  const rank = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const r = byTime[j];
    const at = start[group[r]]++;
    order[at] = r;
    rank[r] = at;
  }
  return { order, rank, group };
}
