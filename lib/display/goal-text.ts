/**
 * How goals read on screen and in notifications: a target ("≤ 10%", "≥ 1 / day"), a status ("Met · 95%
 * sure", "Missed · not yet sure"), and an alert's words. Pure.
 */
import type { GoalState, GoalStatus } from '@/lib/goals/evaluate-goals';
import { type GoalMetric, higherIsBetter } from '@/lib/goals/goal-targets';
import { formatDurationShort, formatPercent, formatRate } from './format';
import { METRIC_NAMES } from './metric-names';

/**
 * A value of a goal's metric in its unit: deployments per day, a duration, a percentage.
 *
 * @example
 * goalValueText('frequency', 0.5) //=> '0.50 / day'
 */
export function goalValueText(metric: GoalMetric, value: number | null): string {
  if (value === null) return '–';
  if (metric === 'frequency') return `${formatRate(value)} / day`;
  if (metric === 'failureRate' || metric === 'reworkRate') return formatPercent(value);
  return formatDurationShort(value);
}

/**
 * @example
 * goalTargetText('failureRate', 0.1) //=> '≤ 10.0%'
 * goalTargetText('frequency', 1) //=> '≥ 1.0 / day'
 */
export function goalTargetText(metric: GoalMetric, target: number): string {
  return `${higherIsBetter(metric) ? '≥' : '≤'} ${goalValueText(metric, target)}`;
}

export const GOAL_STATE_LABELS: Record<GoalState, string> = { met: 'Met', missed: 'Missed', 'no-data': 'No data' };

/**
 * @example
 * goalStatusText({ state: 'missed', confident: true, … }) //=> 'Missed · 95% sure'
 * goalStatusText({ state: 'met', confident: false, … }) //=> 'Met · not yet sure'
 */
export function goalStatusText(status: Pick<GoalStatus, 'state' | 'confident'>): string {
  if (status.state === 'no-data') return GOAL_STATE_LABELS['no-data'];
  return `${GOAL_STATE_LABELS[status.state]} · ${status.confident ? '95% sure' : 'not yet sure'}`;
}

/** A goal on a card, the popup or a report row. */
export interface GoalBadgeView {
  metric: GoalMetric;
  state: GoalState;
  confident: boolean;
  /** e.g. "Goal ≤ 10.0%". */
  target: string;
  /** e.g. "Missed · 95% sure". */
  status: string;
  /** Everything in one line, for a tooltip or a screen reader. */
  title: string;
}

/**
 * @example
 * goalBadge(status).title //=> 'Deployment failure rate 18.0% against a goal of ≤ 10.0%: missed, and the 95% interval (11.2%–27.0%) is above the goal too'
 */
export function goalBadge(status: GoalStatus): GoalBadgeView {
  const target = goalTargetText(status.metric, status.target);
  const name = METRIC_NAMES[status.metric];
  const interval = status.interval ? `${goalValueText(status.metric, status.interval.lower)}–${goalValueText(status.metric, status.interval.upper)}` : null;
  // A missed goal's interval lies on its wrong side: below an "at least", above an "at most".
  const wrongSide = higherIsBetter(status.metric) ? 'below' : 'above';
  const why =
    status.state === 'no-data'
      ? 'nothing to measure in this period'
      : status.confident
        ? `${status.state}, and the 95% interval (${interval}) is ${status.state === 'met' ? 'within' : wrongSide} the goal too`
        : `${status.state}, but ${interval ? `the 95% interval (${interval}) reaches across the goal` : 'too few values for a 95% interval'}`;
  const title = `${name} ${goalValueText(status.metric, status.value)} against a goal of ${target}: ${why}`;
  return { metric: status.metric, state: status.state, confident: status.confident, target: `Goal ${target}`, status: goalStatusText(status), title };
}

/**
 * A notification's words for a followed project that slipped: what is missed now (new first), and a failure
 * run open too long. Names from the server are text; the notification shows them as such.
 *
 * @example
 * alertText('Payments', 'Production', [missedFailureRate], null, null)
 * //=> { title: 'Payments missed a goal', message: 'Last 28 days in Production — deployment failure rate 18.0% (goal ≤ 10.0%, 95% sure).' }
 */
export function alertText(
  projectName: string,
  environment: string | undefined,
  missed: readonly GoalStatus[],
  openRunMs: number | null,
  recoveryTarget: number | null,
): { title: string; message: string } {
  const parts = missed.map(
    (g) => `${METRIC_NAMES[g.metric].toLowerCase()} ${goalValueText(g.metric, g.value)} (goal ${goalTargetText(g.metric, g.target)}, ${g.confident ? '95% sure' : 'not yet sure'})`,
  );
  if (openRunMs !== null && recoveryTarget !== null) {
    parts.push(`a failure has been open ${formatDurationShort(openRunMs)} (recovery goal ${goalTargetText('recovery', recoveryTarget)})`);
  }
  const title = missed.length === 0 ? `${projectName}: a failure is not recovered` : `${projectName} missed ${missed.length === 1 ? 'a goal' : `${missed.length} goals`}`;
  return { title, message: `Last 28 days${environment ? ` in ${environment}` : ''} — ${parts.join('; ')}.` };
}
