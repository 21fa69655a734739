/**
 * The window's summary — `computeInsights(…).summary`, every figure of it — of many views at once: each
 * project of a report judged on its goals, a followed project's alert check, or one view when nothing but
 * its summary is wanted. A view here is a set of streams; a stream belongs to one view at most.
 *
 * Why not one `computeInsights` per view: each pays a pass over the whole window, its buckets, the previous
 * period, rankings and trends it does not need — a space report of 550 projects with goals took over a
 * second at a million deployments. Here: one pass over the window's deployments in completion order (and
 * one in start order, for queue time), each metric's values sorted once and split by view in one scan, so
 * every view's values come out sorted. The counts and values follow `windowPass` and `windowValues`
 * exactly, and the figures come from the same `periodMetrics`; `test/unit/metrics/group-summaries.test.ts`
 * checks them against `computeInsights` view by view.
 */
import { Exclusion, FailureKind, Has, Outcome, Rework } from './constants';
import { distributeValues } from './distribute-values';
import { historyStarts } from './history-start';
import { lowerBound } from './lower-bound';
import { periodMetrics } from './period-metrics';
import type { PreparedHistory, ValueMetric } from './prepare';
import { resolveWindow } from './resolve-window';
import { hotfixStreams } from './rework';
import { sortScratch } from './sort-by-key';
import { streamMask } from './stream-mask';
import type { InsightsQuery, PeriodMetrics } from './types';
import { byMetric, countsAt, FLAG_MASK, type SlotCounts, slotColumns, VALUE_METRICS, type WindowRows } from './window-pass';
import { windowValues } from './window-values';

/** The window's deployments of `order` (by `time`) in `[from, to)`, each labelled with its stream's view. */
function windowRows(order: Uint32Array, time: Float64Array, from: number, to: number, stream: Uint32Array, viewOf: Int32Array): WindowRows {
  const lo = lowerBound(order, time, from);
  const hi = lowerBound(order, time, to);
  const slots = new Int32Array(hi - lo);
  const picked = new Uint32Array(hi - lo);
  let kept = 0;
  for (let j = lo; j < hi; j++) {
    const v = viewOf[stream[order[j]]];
    if (v === 0) continue;
    slots[j - lo] = v;
    picked[kept++] = j - lo;
  }
  return { order, from: lo, slots, picked: picked.subarray(0, kept) };
}

/**
 * Counts each view's deployments of the window (completion order) and values (queue time: start order), as
 * `windowPass` counts a query's.
 */
function countViews(p: PreparedHistory, completedRows: WindowRows, startedRows: WindowRows, views: number, hotfixOf: Uint8Array | null, excludeFlagged: boolean): SlotCounts {
  const { stream, outcome, failureKind, exclusion, has, flags, rework } = p;
  const c = slotColumns(views + 1);
  const reasons = c.reworkReasons;
  const leadMask = excludeFlagged ? FLAG_MASK.leadTime : 0;
  const recoveryMask = excludeFlagged ? FLAG_MASK.recovery : 0;
  const durationMask = excludeFlagged ? FLAG_MASK.duration : 0;
  const queueMask = excludeFlagged ? FLAG_MASK.queueTime : 0;
  for (let q = 0; q < completedRows.picked.length; q++) {
    const j = completedRows.picked[q];
    const v = completedRows.slots[j];
    const i = completedRows.order[completedRows.from + j];
    const o = outcome[i];
    if (o === Outcome.Excluded) {
      const e = exclusion[i];
      if (e === Exclusion.Canceled) c.canceled[v]++;
      else if (e === Exclusion.TimedOut) c.timedOut[v]++;
      continue;
    }
    if (o === Outcome.Success) c.successful[v]++;
    const k = failureKind[i];
    if (k === FailureKind.TaskFailed) c.taskFailed[v]++;
    else if (k === FailureKind.GuidedFailure) c.guidedFailure[v]++;
    else if (k === FailureKind.Blocked) c.blocked[v]++;
    const rw = rework[i] | (hotfixOf !== null && hotfixOf[stream[i]] !== 0 ? Rework.Hotfix : 0);
    if (rw !== 0) {
      c.rework[v]++;
      if ((rw & Rework.Redeploy) !== 0) reasons.redeploy[v]++;
      if ((rw & Rework.Rollback) !== 0) reasons.rollback[v]++;
      if ((rw & Rework.FailureRun) !== 0) reasons.failureRun[v]++;
      if ((rw & Rework.Hotfix) !== 0) reasons.hotfix[v]++;
    }
    const h = has[i];
    const f = flags[i];
    if ((h & Has.LeadTime) !== 0 && (f & leadMask) === 0) c.values.leadTime[v]++;
    if ((h & Has.SincePrevious) !== 0) c.values.sincePrevious[v]++;
    if ((h & Has.Recovery) !== 0 && (f & recoveryMask) === 0) {
      c.values.recovery[v]++;
      c.values.deploymentsUntilRecovery[v]++;
    }
    if ((h & Has.Duration) !== 0 && (f & durationMask) === 0) c.values.duration[v]++;
  }
  // Queue time belongs to the window of its start.
  for (let q = 0; q < startedRows.picked.length; q++) {
    const j = startedRows.picked[q];
    const i = startedRows.order[startedRows.from + j];
    if ((has[i] & Has.QueueTime) !== 0 && (flags[i] & queueMask) === 0) c.values.queueTime[startedRows.slots[j]]++;
  }
  return c;
}

/**
 * The summary of the query's window (`query.filter` is ignored: the views say which streams count) of each
 * view: `viewOf[s]` is stream `s`'s view, 1..`views`, or 0 for none. Index 0 of the result is the summary of
 * no deployments; view `g`'s summary is at `g` and equals `computeInsights(p, { ...query, filter }).summary` for a filter
 * that keeps exactly view `g`'s streams.
 *
 * @example
 * const viewOf = Int32Array.from(prepared.streams.project, (project) => project + 1);
 * groupSummaries(prepared, query, viewOf, dims.projects.length)[3].failureRate.rate // project 2's
 */
export function groupSummaries(p: PreparedHistory, query: Omit<InsightsQuery, 'filter'>, viewOf: Int32Array, views: number): PeriodMetrics[] {
  const timeZone = query.timeZone ?? 'UTC';
  const excludeFlagged = query.excludeFlagged ?? false;
  const { from, to } = resolveWindow({ ...query, timeZone });
  const d = p.history.deployments;
  const completedRows = windowRows(p.byCompleted, d.completed, from, to, p.stream, viewOf);
  const startedRows = windowRows(p.byStarted, d.started, from, to, p.stream, viewOf);
  const c = countViews(p, completedRows, startedRows, views, hotfixStreams(p.streams, query.hotfixChannels), excludeFlagged);

  // Each metric's values sorted once, then split by view: each view's come out in ascending order.
  const sum = (a: Int32Array) => a.reduce((t, x) => t + x, 0);
  const scratch = sortScratch(Math.max(0, ...VALUE_METRICS.map((m) => sum(c.values[m]))));
  const byView = {} as Record<ValueMetric, Float64Array[]>;
  for (const metric of VALUE_METRICS) {
    const rows = metric === 'queueTime' ? startedRows : completedRows;
    const sorted = windowValues(p, metric, rows, excludeFlagged, sum(c.values[metric]), false, scratch);
    byView[metric] = distributeValues(sorted, c.values[metric], views).bySlot;
  }

  const starts = historyStarts(p, viewOf, views, timeZone);
  const out: PeriodMetrics[] = [];
  for (let v = 0; v <= views; v++) {
    out.push(periodMetrics(countsAt(c, v, from, to, starts[v], byMetric((m) => byView[m][v]))));
  }
  return out;
}

/**
 * The summary of the query's window of one view: `computeInsights(p, query).summary` without the buckets,
 * the previous period, rankings and trends — what a goal check needs.
 *
 * @example
 * windowSummary(prepared, { now, range: { from: now - 28 * DAY_MS, to: now }, granularity: 'week', filter: { projects: [3] } }).failureRate.rate
 */
export function windowSummary(p: PreparedHistory, query: InsightsQuery): PeriodMetrics {
  const mask = streamMask(p.streams, p.history.dims, query.filter);
  return groupSummaries(p, query, Int32Array.from(mask), 1)[1];
}

/**
 * The summary of each of `projects` under a filter: `computeInsights(p, { ...query, filter: { ...query.filter,
 * projects: [project] } }).summary` for each, in one pass (the filter's own project list is replaced, as
 * there). Parallel to `projects`.
 *
 * @example
 * projectSummaries(prepared, { ...query, filter: report.filter }, report.projects).map((s) => s.failureRate.rate)
 */
export function projectSummaries(p: PreparedHistory, query: InsightsQuery, projects: readonly number[]): PeriodMetrics[] {
  const { projects: _, ...rest } = query.filter ?? {};
  const mask = streamMask(p.streams, p.history.dims, rest);
  const viewOfProject = new Int32Array(p.history.dims.projects.length);
  let views = 0;
  for (const project of projects) if (project >= 0 && project < viewOfProject.length && viewOfProject[project] === 0) viewOfProject[project] = ++views;
  const viewOf = new Int32Array(p.streams.count);
  for (let s = 0; s < viewOf.length; s++) {
    const project = p.streams.project[s];
    if (mask[s] && project >= 0 && project < viewOfProject.length) viewOf[s] = viewOfProject[project];
  }
  const summaries = groupSummaries(p, query, viewOf, views);
  // A project outside the dimensions has no streams: view 0's summary, of nothing, as computeInsights gives it.
  return projects.map((project) => summaries[project >= 0 && project < viewOfProject.length ? viewOfProject[project] : 0]);
}
