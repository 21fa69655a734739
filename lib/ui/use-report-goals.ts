/**
 * The space report's goals (lib/report/report-goals.ts), live as the user's goals change in any page, and the
 * report's query with the user's hotfix channels: every project's, since a channel belongs to one project,
 * so their union marks exactly the channels each project's setting names.
 */
import { useMemo } from 'preact/hooks';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import { hotfixChannelIndices } from '@/lib/panel/project-goals';
import type { ReportQuery } from '@/lib/report/compute-report';
import { type ReportGoalsView, reportGoals } from '@/lib/report/report-goals';
import type { ResolvedReport } from '@/lib/report/resolve-report';
import type { GoalsOwner } from '@/lib/store/goals-store';
import { useGoals } from './use-goals';

export function useReportGoals(owner: GoalsOwner, prepared: PreparedHistory, report: ResolvedReport, base: ReportQuery): { view: ReportGoalsView; query: ReportQuery } {
  const goals = useGoals(owner);
  const dims = prepared.history.dims;
  const hotfix = useMemo(() => hotfixChannelIndices(dims, [...goals.projects.values()].flatMap((p) => p.hotfixChannels ?? [])), [dims, goals.projects]);
  const query = useMemo(() => (hotfix.length > 0 ? { ...base, hotfixChannels: hotfix } : base), [base, hotfix]);
  const view = useMemo(
    () => reportGoals(prepared, report, query, goals.space, new Map([...goals.projects].map(([id, p]) => [id, p.goals]))),
    [prepared, report, query, goals.space, goals.projects],
  );
  return { view, query };
}
