/** The space report's goals (lib/report/report-goals.ts), live as the user's goals change in any page. */
import { useMemo } from 'preact/hooks';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { ReportQuery } from '@/lib/report/compute-report';
import { type ReportGoalsView, reportGoals } from '@/lib/report/report-goals';
import type { ResolvedReport } from '@/lib/report/resolve-report';
import type { GoalsOwner } from '@/lib/store/goals-store';
import { useGoals } from './use-goals';

export function useReportGoals(owner: GoalsOwner, prepared: PreparedHistory, report: ResolvedReport, query: ReportQuery): ReportGoalsView {
  const goals = useGoals(owner);
  return useMemo(
    () => reportGoals(prepared, report, query, goals.space, new Map([...goals.projects].map(([id, p]) => [id, p.goals]))),
    [prepared, report, query, goals.space, goals.projects],
  );
}
