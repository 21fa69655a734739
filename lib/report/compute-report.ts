/**
 * A space report's numbers: the whole report (cards, charts, rankings, releases) and, for a split, each
 * group's figures (the table), its chart series for the 10 busiest groups and one summed "Others" line. The
 * report is one `computeInsights` over the report's filter; a split adds one pass over the window and the
 * previous period for every group's figures (group-stats.ts) and one over the window for every line's
 * buckets (split-lines.ts), whatever the number of groups.
 */
import { computeInsights } from '@/lib/metrics/compute-insights';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import { hotfixStreams } from '@/lib/metrics/rework';
import { streamMask } from '@/lib/metrics/stream-mask';
import type { Insights, InsightsQuery } from '@/lib/metrics/types';
import { type GroupPeriod, groupStats } from './group-stats';
import type { ResolvedReport } from './resolve-report';
import { type SplitGroup, type SplitSpec, splitGroups } from './split-groups';
import { splitLines } from './split-lines';
import { topGroups } from './top-groups';

/** The query without its filter: the report supplies that. */
export type ReportQuery = Omit<InsightsQuery, 'filter' | 'rankings'>;

/** Rankings and release lists as long as the report's other top-10 lists. */
const RANKINGS = { limit: 10, releaseLimit: 10 } as const;

export function computeReportInsights(p: PreparedHistory, report: ResolvedReport, query: ReportQuery): Insights {
  return computeInsights(p, { ...query, filter: report.filter, rankings: RANKINGS });
}

export interface SplitRow {
  group: SplitGroup;
  current: GroupPeriod;
  previous: GroupPeriod;
  /** The group has its own chart line (else it is in "Others"). */
  inChart: boolean;
}

export interface SplitLine {
  key: string;
  label: string;
  /** Figures per bucket of the report's window (`Insights.series` has the same buckets). */
  buckets: GroupPeriod[];
}

export interface SplitResult {
  spec: SplitSpec;
  /** Groups with deployments in the window, busiest first; environment groups also when empty. */
  rows: SplitRow[];
  /** One per chart line: the 10 busiest groups, then "Others" when there are more. */
  lines: SplitLine[];
  /** How many groups "Others" sums, and its figures (its own medians: medians cannot be summed). */
  others: { groups: number; period: GroupPeriod } | null;
}

export const OTHERS_KEY = 'others';

/** `hotfixChannels`: the user's hotfix channels (channel indices, every project's: a channel is one project's). */
export function computeSplit(p: PreparedHistory, report: ResolvedReport, window: Insights['window'], spec: SplitSpec, hotfixChannels?: readonly number[]): SplitResult {
  const dims = p.history.dims;
  const mask = streamMask(p.streams, dims, report.filter);
  const split = splitGroups(dims, p.streams, mask, report, spec);
  const hotfix = hotfixStreams(p.streams, hotfixChannels);
  const stats = groupStats(p, split, window, { hotfix });
  const labels = split.groups.map((g) => g.label);
  const { top, rest, ranked } = topGroups(
    stats.current.map((c) => c.total),
    labels,
  );
  const inChart = new Set(top);
  const listed = spec.kind === 'environmentGroup' ? [...ranked, ...split.groups.map((_, g) => g).filter((g) => stats.current[g].total === 0)] : ranked;
  const rows: SplitRow[] = listed.map((g) => ({ group: split.groups[g], current: stats.current[g], previous: stats.previous[g], inChart: inChart.has(g) }));
  const lineOf = new Int32Array(split.groups.length).fill(-1);
  top.forEach((g, k) => {
    lineOf[g] = k;
  });
  for (const g of rest) lineOf[g] = top.length;
  const figures = splitLines(p, split, window, lineOf, top.length + (rest.length > 0 ? 1 : 0), hotfix);
  const lines: SplitLine[] = top.map((g, k) => ({ key: split.groups[g].key, label: split.groups[g].label, buckets: figures.buckets[k] }));
  let others: SplitResult['others'] = null;
  if (rest.length > 0) {
    lines.push({ key: OTHERS_KEY, label: `Others (${rest.length})`, buckets: figures.buckets[top.length] });
    others = { groups: rest.length, period: figures.whole[top.length] };
  }
  return { spec, rows, lines, others };
}

