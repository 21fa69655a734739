/**
 * The goals editor as data: each metric's row in the units people set goals in — deployments per day,
 * hours, percent — and the form read back into targets (lib/goals), with what is wrong where. Pure.
 *
 * A row has the space's target and, in the panel, the project's: empty follows the space, "no goal here"
 * removes the space's goal for this project.
 */
import { GOAL_METRICS, type GoalMetric, type GoalOverrides, type GoalTargets, higherIsBetter, SUGGESTED_TARGETS, validTarget } from '@/lib/goals/goal-targets';
import { METRIC_NAMES } from './metric-names';

const HOUR = 3_600_000;

/** Unit of each metric in the form, and its factor to the metric's own unit. */
export const GOAL_UNITS: Record<GoalMetric, { label: string; factor: number }> = {
  frequency: { label: 'deployments / day', factor: 1 },
  leadTime: { label: 'hours (median)', factor: HOUR },
  failureRate: { label: '%', factor: 0.01 },
  recovery: { label: 'hours (median)', factor: HOUR },
  reworkRate: { label: '%', factor: 0.01 },
};

export interface GoalFormRow {
  metric: GoalMetric;
  label: string;
  comparator: '≥' | '≤';
  unit: string;
  /** The space's target in the form's unit; '' = none. */
  space: string;
  /** The project's own target; '' = as the space. */
  project: string;
  /** The project has no goal for this metric, whatever the space's. */
  projectNone: boolean;
  /** The example to offer (SUGGESTED_TARGETS), in the form's unit. */
  suggestion: string;
}

/** A number in the form's unit, without trailing noise (0.1 × 100 = 10, not 10.000000000000002). */
const shown = (metric: GoalMetric, value: number | null | undefined): string =>
  value === null || value === undefined ? '' : String(Number((value / GOAL_UNITS[metric].factor).toPrecision(12)));

/**
 * @example
 * goalFormRows({ failureRate: 0.1 }, { failureRate: 0.2, leadTime: null })[2]
 * //=> { metric: 'failureRate', label: 'Deployment failure rate', comparator: '≤', unit: '%', space: '10', project: '20', projectNone: false, suggestion: '10' }
 */
export function goalFormRows(space: GoalTargets, project: GoalOverrides = {}): GoalFormRow[] {
  return GOAL_METRICS.map((metric) => ({
    metric,
    label: METRIC_NAMES[metric],
    comparator: higherIsBetter(metric) ? '≥' : '≤',
    unit: GOAL_UNITS[metric].label,
    space: shown(metric, space[metric]),
    project: project[metric] === null ? '' : shown(metric, project[metric]),
    projectNone: project[metric] === null,
    suggestion: shown(metric, SUGGESTED_TARGETS[metric]),
  }));
}

export type GoalFormResult = { ok: true; space: GoalTargets; project: GoalOverrides } | { ok: false; errors: Partial<Record<GoalMetric, string>> };

/** A field's target in the metric's unit; `undefined` for an empty field, `NaN` for one that is not valid. */
function parseField(metric: GoalMetric, text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed) * GOAL_UNITS[metric].factor;
  return /^\d*\.?\d+$/.test(trimmed) && validTarget(metric, value) ? value : Number.NaN;
}

/**
 * @example
 * readGoalForm(goalFormRows({}).map((r) => (r.metric === 'reworkRate' ? { ...r, space: '5' } : r)))
 * //=> { ok: true, space: { reworkRate: 0.05 }, project: {} }
 */
export function readGoalForm(rows: readonly GoalFormRow[]): GoalFormResult {
  const space: GoalTargets = {};
  const project: GoalOverrides = {};
  const errors: Partial<Record<GoalMetric, string>> = {};
  for (const row of rows) {
    const unit = GOAL_UNITS[row.metric];
    const hint = unit.label === '%' ? 'a percentage from 0 to 100' : `a number of ${unit.label.replace(' (median)', '')}`;
    const s = parseField(row.metric, row.space);
    const p = row.projectNone ? null : parseField(row.metric, row.project);
    if (Number.isNaN(s) || (p !== null && Number.isNaN(p))) {
      errors[row.metric] = `${row.label}: enter ${hint}, or leave it empty.`;
      continue;
    }
    if (s !== undefined) space[row.metric] = s;
    if (p !== undefined) project[row.metric] = p;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, space, project };
}
