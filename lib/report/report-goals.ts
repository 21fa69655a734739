/**
 * The space report's goals (pure): each project of the report judged against its goals — the space's
 * targets with the project's overrides (lib/goals) — over the report's window and scope (its channels,
 * environments and tenants), as the project's cards would judge it; and the projects that miss one.
 *
 * Each project's figures are its summary as its own filtered `computeInsights` would give it, all projects in
 * one pass over the window (lib/metrics/group-summaries.ts), and only once a goal is set.
 */
import { goalBadge, type GoalBadgeView } from '@/lib/display/goal-text';
import { evaluateGoals, periodFigures } from '@/lib/goals/evaluate-goals';
import { effectiveTargets, type GoalOverrides, type GoalTargets } from '@/lib/goals/goal-targets';
import { projectSummaries } from '@/lib/metrics/group-summaries';
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
  const judged = report.projects.flatMap((project) => {
    const targets = effectiveTargets(space, overrides.get(dims.projects[project].id));
    return Object.keys(targets).length === 0 ? [] : [{ project, targets }];
  });
  const summaries = projectSummaries(
    prepared,
    { ...query, filter: report.filter },
    judged.map((j) => j.project),
  );
  const rows = judged.map(({ project, targets }, k) => {
    const goals = evaluateGoals(targets, periodFigures(summaries[k])).map(goalBadge);
    return { project, name: dims.projects[project].name, goals, missed: goals.filter((g) => g.state === 'missed').length };
  });
  rows.sort((a, b) => a.name.localeCompare(b.name));
  return { rows, missing: rows.filter((r) => r.missed > 0).sort((a, b) => b.missed - a.missed || a.name.localeCompare(b.name)) };
}
