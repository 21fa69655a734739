/**
 * The space report's goals (pure): each project of the report judged against its goals — the space's
 * targets with the project's overrides (lib/goals) — over the report's window and scope (its channels,
 * environments and tenants), as the project's cards would judge it; and the projects that miss one.
 *
 * One `computeInsights` per project of the report, and only once a goal is set: fine for the tens of projects
 * a space has; a space of thousands of projects pays one pass over its history each (see README, open items).
 */
import { goalBadge, type GoalBadgeView } from '@/lib/display/goal-text';
import { evaluateGoals, periodFigures } from '@/lib/goals/evaluate-goals';
import { effectiveTargets, type GoalOverrides, type GoalTargets } from '@/lib/goals/goal-targets';
import { computeInsights } from '@/lib/metrics/compute-insights';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { ReportQuery } from './compute-report';
import type { ResolvedReport } from './resolve-report';

export interface ProjectGoalsRow {
  project: number;
  name: string;
  /** One per goal set for the project, in the metrics' order. */
  goals: GoalBadgeView[];
  missed: number;
}

export interface ReportGoalsView {
  /** Projects of the report with at least one goal, by name. */
  rows: ProjectGoalsRow[];
  /** Those that miss at least one goal, most goals missed first. */
  missing: ProjectGoalsRow[];
}

/**
 * @example
 * reportGoals(prepared, report, query, { failureRate: 0.1 }, new Map([['Projects-2', { failureRate: null }]]))
 * //=> { rows: [{ project: 0, name: 'Web', goals: [{ metric: 'failureRate', state: 'missed', … }], missed: 1 }], missing: [that row] }
 */
export function reportGoals(
  prepared: PreparedHistory,
  report: ResolvedReport,
  query: ReportQuery,
  space: GoalTargets,
  overrides: ReadonlyMap<string, GoalOverrides | undefined>,
): ReportGoalsView {
  const dims = prepared.history.dims;
  const rows = report.projects.flatMap((project) => {
    const targets = effectiveTargets(space, overrides.get(dims.projects[project].id));
    if (Object.keys(targets).length === 0) return [];
    const insights = computeInsights(prepared, { ...query, filter: { ...report.filter, projects: [project] } });
    const goals = evaluateGoals(targets, periodFigures(insights.summary)).map(goalBadge);
    return [{ project, name: dims.projects[project].name, goals, missed: goals.filter((g) => g.state === 'missed').length }];
  });
  rows.sort((a, b) => a.name.localeCompare(b.name));
  return { rows, missing: rows.filter((r) => r.missed > 0).sort((a, b) => b.missed - a.missed || a.name.localeCompare(b.name)) };
}
