/**
 * The chart lines of a split — the busiest groups and one "Others" — bucket by bucket, in one pass over the
 * deployments completed in the window, instead of one full metrics query per line (which made a split
 * change cost 11 queries: ~50-60 ms at 100k deployments over a year). Each line's figures per bucket and
 * for the whole window use the same accumulator, so the same definitions, as the split table
 * (group-stats.ts); buckets are the report's own window edges. A deployment counts once per line even
 * when several of its groups fall in that line ("Others" of a tenant-tag split).
 * `test/unit/report/split.test.ts` checks every bucket against `computeInsights` with the line's filter.
 */
import { DAY_MS } from '@/lib/metrics/constants';
import { lowerBound } from '@/lib/metrics/lower-bound';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { ResolvedWindow } from '@/lib/metrics/types';
import { GroupAccumulator, type GroupPeriod } from './group-stats';
import type { SplitGroups } from './split-groups';

export interface SplitLinesResult {
  /** `buckets[line][k]`: the line's figures in bucket k of the window. */
  buckets: GroupPeriod[][];
  /** Each line's figures over the whole window. */
  whole: GroupPeriod[];
}

/** `lineOf[group]` is the group's line, or -1 for none. */
export function splitLines(
  p: PreparedHistory,
  split: SplitGroups,
  window: ResolvedWindow,
  lineOf: Int32Array,
  lineCount: number,
  hotfix: Uint8Array | null = null,
): SplitLinesResult {
  const edges = window.edges;
  const B = edges.length - 1;
  const whole = Array.from({ length: lineCount }, () => new GroupAccumulator());
  const buckets = Array.from({ length: lineCount }, () => Array.from({ length: B }, () => new GroupAccumulator()));
  const completed = p.history.deployments.completed;
  const { offsets, members } = split;
  // Which deployment each line last counted: a deployment in two groups of one line counts once.
  const counted = new Int32Array(lineCount).fill(-1);
  const rows = p.byCompleted;
  const end = lowerBound(rows, completed, window.to);
  let b = 0;
  for (let j = lowerBound(rows, completed, window.from); j < end; j++) {
    const i = rows[j];
    const s = p.stream[i];
    const first = offsets[s];
    const last = offsets[s + 1];
    if (first === last) continue;
    while (completed[i] >= edges[b + 1]) b++;
    const hot = hotfix !== null && hotfix[s] !== 0;
    for (let k = first; k < last; k++) {
      const line = lineOf[members[k]];
      if (line < 0 || counted[line] === i) continue;
      counted[line] = i;
      whole[line].add(p, i, hot);
      buckets[line][b].add(p, i, hot);
    }
  }
  const days = (window.to - window.from) / DAY_MS;
  return {
    buckets: buckets.map((line) => line.map((a, k) => a.finish((edges[k + 1] - edges[k]) / DAY_MS))),
    whole: whole.map((a) => a.finish(days)),
  };
}
