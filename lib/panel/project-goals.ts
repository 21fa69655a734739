/**
 * A project's goals as the panel and the alerts judge them: the channels the user marks as hotfix channels
 * (ids → indices), and a followed project's check after a background refresh — its default view (default
 * channel, the lifecycle's last environment, every tenant) over the last 28 days. Pure.
 */
import { evaluateGoals, periodFigures } from '@/lib/goals/evaluate-goals';
import type { AlertFinding } from '@/lib/goals/alert-decision';
import type { GoalTargets } from '@/lib/goals/goal-targets';
import type { Dimensions } from '@/lib/metrics/facts';
import { windowSummary } from '@/lib/metrics/group-summaries';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import { streamMask } from '@/lib/metrics/stream-mask';
import { unrecoveredFailures } from '@/lib/metrics/unrecovered-failures';
import { DEFAULT_PARAMS } from './panel-params';
import { projectView, type ViewSettings } from './project-view';

/** The window a followed project is judged on: the last 28 days, as Octopus's own trend indicators. */
export const ALERT_WINDOW_MS = 28 * 86_400_000;

/**
 * The indices of the channels whose ids are listed (ids the cache no longer knows are skipped).
 *
 * @example
 * hotfixChannelIndices(dims, ['Channels-4']) //=> [3]
 */
export function hotfixChannelIndices(dims: Dimensions, ids: readonly string[] | undefined): number[] {
  if (!ids || ids.length === 0) return [];
  const wanted = new Set(ids);
  return dims.channels.flatMap((c, i) => (wanted.has(c.id) ? [i] : []));
}

export interface ProjectGoalCheck {
  /** The environment judged (its name, from the server: text). */
  environment: string | undefined;
  finding: AlertFinding;
}

/**
 * A followed project's goals over the last 28 days of its default view, and its oldest failure run still
 * open when that is longer than the recovery goal.
 *
 * @example
 * projectGoalCheck(prepared, 3, { failureRate: 0.1 }, [], settings, now).finding.goals[0].state //=> 'missed'
 */
export function projectGoalCheck(
  prepared: PreparedHistory,
  project: number,
  targets: GoalTargets,
  hotfixChannelIds: readonly string[] | undefined,
  settings: ViewSettings,
  now: number,
): ProjectGoalCheck {
  const dims = prepared.history.dims;
  const view = projectView(dims, project, DEFAULT_PARAMS, settings, now);
  const query = { ...view.query, range: { from: now - ALERT_WINDOW_MS, to: now }, hotfixChannels: hotfixChannelIndices(dims, hotfixChannelIds) };
  // The panel's summary of that view (only the summary: no buckets, trends or rankings to compute).
  const summary = windowSummary(prepared, query);
  const oldest = unrecoveredFailures(prepared, streamMask(prepared.streams, dims, query.filter), summary.from, summary.to, now).oldestOpenMs;
  const openRunMs = targets.recovery !== undefined && oldest !== null && oldest > targets.recovery ? oldest : null;
  return {
    environment: dims.environments[view.environment]?.name,
    finding: { goals: evaluateGoals(targets, periodFigures(summary)), openRunMs },
  };
}
