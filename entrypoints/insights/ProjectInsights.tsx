/** A project's Insights: filters, a card and a chart per metric with its goal, the deployments behind them, CSV export. */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { ChartCard } from '@/components/ChartCard';
import { DeploymentTable } from '@/components/DeploymentTable';
import { ExportCsv } from '@/components/ExportCsv';
import { FilterBar } from '@/components/FilterBar';
import { GoalsEditor } from '@/components/GoalsEditor';
import { NothingDeployed, ProjectMissing } from '@/components/InsightsNotices';
import { MetricCards } from '@/components/MetricCards';
import { StatusMessage } from '@/components/StatusMessage';
import { metricCharts } from '@/lib/chart/metric-charts';
import { DARK_PALETTE, LIGHT_PALETTE } from '@/lib/chart/series';
import { metricCards } from '@/lib/display/metric-cards';
import { METRIC_NAMES } from '@/lib/display/metric-names';
import { csvFileName } from '@/lib/export/csv-file-name';
import { deploymentsCsvChunks } from '@/lib/export/deployments-csv';
import { evaluateGoals, periodFigures } from '@/lib/goals/evaluate-goals';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { deploymentRowColumns } from '@/lib/metrics/deployment-rows';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { DeliveryMetric } from '@/lib/metrics/types';
import type { PanelParams } from '@/lib/panel/panel-params';
import { focusRows, panelSelects, selectPatch } from '@/lib/panel/panel-view';
import { findProject, projectView, type ViewSettings } from '@/lib/panel/project-view';
import type { GoalsOwner } from '@/lib/store/goals-store';
import { downloadText } from '@/lib/ui/download';
import { type ProjectGoals, useProjectGoals } from '@/lib/ui/use-project-goals';

export interface ProjectInsightsProps {
  prepared: PreparedHistory;
  projectSlug: string;
  /** Whose goals: the server, the signed-in user, the space. */
  owner: GoalsOwner;
  params: PanelParams;
  settings: ViewSettings;
  now: number;
  dark: boolean;
  onParams: (patch: Partial<PanelParams>) => void;
  onFirstChart?: () => void;
}

export function ProjectInsights(props: ProjectInsightsProps) {
  const project = findProject(props.prepared.history.dims, props.projectSlug);
  if (project < 0) return <ProjectMissing project={props.projectSlug} />;
  return <ProjectPanel {...props} project={project} />;
}

function ProjectPanel(props: ProjectInsightsProps & { project: number }) {
  const { prepared, settings, now, project } = props;
  const dims = prepared.history.dims;
  const [focus, setFocus] = useState<DeliveryMetric>('leadTime');
  const [ours, setOurs] = useState(false);
  const goals = useProjectGoals(props.owner, dims, project);

  const view = useMemo(() => {
    const v = projectView(dims, project, props.params, settings, now);
    return { ...v, query: { ...v.query, hotfixChannels: goals.hotfixChannels } };
  }, [prepared, project, props.params, settings, now, goals.hotfixChannels]);
  const insights = useMemo(() => computeInsights(prepared, view.query), [prepared, view]);
  const rows = useMemo(() => deploymentRowColumns(prepared, view.query), [prepared, view]);
  const statuses = useMemo(() => evaluateGoals(goals.targets, periodFigures(insights.summary)), [goals.targets, insights]);
  const palette = props.dark ? DARK_PALETTE : LIGHT_PALETTE;
  const charts = useMemo(() => metricCharts(insights.series, palette, goals.targets), [insights, palette, goals.targets]);
  // For `npm run bench:sync`: when a view's new numbers are in the page (layout effect: right after the
  // DOM update, not a frame later).
  useLayoutEffect(() => void performance.mark('dora-lens:rendered'), [insights]);

  const env = dims.environments[view.environment];
  const projectName = dims.projects[project].name;
  const nothing = insights.summary.failureRate.total === 0 && insights.inProgress.count === 0 && rows.length === 0;
  const exportCsv = () => {
    const name = csvFileName({ project: projectName, environment: env?.name, from: insights.window.from, to: insights.window.to, timeZone: settings.timeZone });
    downloadText(deploymentsCsvChunks(rows, { bom: true, beyondOctopusColumns: ours }), name, 'text/csv;charset=utf-8');
  };

  return (
    <div class="project-insights">
      <div class="toolbar">
        <FilterBar
          idPrefix="f"
          label="Filters"
          selects={panelSelects(dims, view, props.params)}
          onSelect={(key, value) => props.onParams(selectPatch(key, value))}
          range={props.params.range}
          from={props.params.from}
          to={props.params.to}
          granularity={props.params.granularity}
          onRange={props.onParams}
        />
        <div class="toolbar-actions">
          <GoalActions goals={goals} />
          <ExportCsv id="panel" ours={ours} onOurs={setOurs} onExport={exportCsv} disabled={rows.length === 0} />
        </div>
      </div>
      <StatusMessage note={goals.followStatus} testId="follow-status" />
      {goals.editor.open && <ProjectGoalsEditor goals={goals} dims={dims} channels={view.channels} projectName={projectName} />}

      {nothing && <NothingDeployed environment={env?.name} />}

      <MetricCards cards={metricCards(insights, statuses)} focus={focus} onFocus={setFocus} />

      <div class="charts">
        {charts.map(({ id, title, chart }, i) => (
          <ChartCard key={id} testId={`chart-${id}`} title={title} label={`per ${insights.window.granularity}`} chart={chart} palette={palette} timeZone={settings.timeZone} onDrawn={i === 0 ? props.onFirstChart : undefined} />
        ))}
      </div>

      <section class="details" aria-labelledby="details-title">
        <h2 id="details-title">Deployments behind {METRIC_NAMES[focus].toLowerCase()}</h2>
        <DeploymentTable rows={focusRows(rows, focus)} focus={focus} timeZone={settings.timeZone} caption={`${projectName} → ${env?.name ?? ''}`} />
      </section>
      <p class="footnote">
        Figures marked with a tier, an interval or a goal are DORA Lens’s own statistics, not Octopus’s. Tiers use the DORA {insights.beyondOctopus.tiers.year} report’s
        clusters; deployment rework rate, DORA’s fifth metric, has none. Totals include only what your Octopus account may see.
      </p>
    </div>
  );
}

/** The goals editor for the space and this project, with the project's channels to mark as hotfix channels. */
function ProjectGoalsEditor({ goals, dims, channels, projectName }: { goals: ProjectGoals; dims: PreparedHistory['history']['dims']; channels: number[]; projectName: string }) {
  const hotfix = channels.map((c) => ({ id: dims.channels[c].id, name: dims.channels[c].name, checked: goals.hotfixIds.includes(dims.channels[c].id) }));
  return (
    <GoalsEditor
      rows={goals.editor.rows}
      project={projectName}
      hotfix={hotfix}
      errors={goals.editor.errors}
      status={goals.editor.status}
      onSave={goals.save}
      onClose={() => goals.openEditor(false)}
    />
  );
}

/** Follow the project (alerts) and open the goals editor. */
function GoalActions({ goals }: { goals: ProjectGoals }) {
  return (
    <>
      <button type="button" aria-pressed={goals.following} onClick={goals.toggleFollow} data-testid="follow">
        {goals.following ? 'Following ✓' : 'Follow'}
      </button>
      <button type="button" aria-expanded={goals.editor.open} onClick={() => goals.openEditor(!goals.editor.open)} data-testid="goals">
        Goals
      </button>
    </>
  );
}
