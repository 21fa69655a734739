/**
 * The space report's goals: each project with a goal, its goals met or missed over the report's range (and
 * how sure), and the projects that miss one. Presentational; names from the server are text.
 */
import { METRIC_NAMES } from '@/lib/display/metric-names';
import type { ReportGoalsView } from '@/lib/report/report-goals';
import { GoalBadge } from './MetricCard';

export interface ReportGoalsProps {
  view: ReportGoalsView;
  /** A project's panel in Octopus, where the report can name one. */
  href: (project: number) => string | undefined;
}

export function ReportGoals({ view, href }: ReportGoalsProps) {
  if (view.rows.length === 0) return null;
  const link = (project: number, name: string) => {
    const url = href(project);
    return url ? (
      <a href={url} target="_top">
        {name}
      </a>
    ) : (
      name
    );
  };
  return (
    <section class="card report-goals" aria-labelledby="report-goals-title" data-testid="report-goals">
      <h2 id="report-goals-title">Goals</h2>
      {view.missing.length === 0 ? (
        <p data-testid="goals-missing-none">Every project with a goal meets it in this range.</p>
      ) : (
        <>
          <h3>Projects that miss a goal</h3>
          <ul class="plain" data-testid="goals-missing">
            {view.missing.map((row) => (
              <li key={row.project}>
                {link(row.project, row.name)}: {row.missed} of {row.goals.length} missed
              </li>
            ))}
          </ul>
        </>
      )}
      <table data-testid="goals-table">
        <caption class="visually-hidden">Each project’s goals over the report’s range</caption>
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Goals</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr key={row.project} data-project={row.project}>
              <th scope="row">{link(row.project, row.name)}</th>
              <td class="report-goal-badges">
                {row.goals.map((g) => (
                  <span key={g.metric} class="report-goal">
                    <span class="muted">{METRIC_NAMES[g.metric]}</span> <GoalBadge goal={g} testId={`report-goal-${g.metric}`} />
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
