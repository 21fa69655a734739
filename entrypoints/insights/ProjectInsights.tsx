/** A project's Insights: filters, a card and a chart per metric, the deployments behind them, CSV export. */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { ChartCard } from '@/components/ChartCard';
import { DeploymentTable } from '@/components/DeploymentTable';
import { FilterBar } from '@/components/FilterBar';
import { MetricCards } from '@/components/MetricCards';
import { NothingDeployed, ProjectMissing } from '@/components/InsightsNotices';
import { metricCharts } from '@/lib/chart/metric-charts';
import { DARK_PALETTE, LIGHT_PALETTE } from '@/lib/chart/series';
import { metricCards } from '@/lib/display/metric-cards';
import { METRIC_NAMES } from '@/lib/display/metric-names';
import { csvFileName } from '@/lib/export/csv-file-name';
import { deploymentsCsvChunks } from '@/lib/export/deployments-csv';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { deploymentRowColumns } from '@/lib/metrics/deployment-rows';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { DoraMetric } from '@/lib/metrics/types';
import type { PanelParams } from '@/lib/panel/panel-params';
import { focusRows, panelSelects, selectPatch } from '@/lib/panel/panel-view';
import { findProject, projectView, type ViewSettings } from '@/lib/panel/project-view';
import { downloadText } from '@/lib/ui/download';

export interface ProjectInsightsProps {
  prepared: PreparedHistory;
  projectSlug: string;
  params: PanelParams;
  settings: ViewSettings;
  now: number;
  dark: boolean;
  onParams: (patch: Partial<PanelParams>) => void;
  onFirstChart?: () => void;
}

export function ProjectInsights(props: ProjectInsightsProps) {
  const { prepared, settings, now } = props;
  const dims = prepared.history.dims;
  const project = findProject(dims, props.projectSlug);
  const [focus, setFocus] = useState<DoraMetric>('leadTime');

  const view = useMemo(() => (project >= 0 ? projectView(dims, project, props.params, settings, now) : undefined), [prepared, project, props.params, settings, now]);
  const insights = useMemo(() => (view ? computeInsights(prepared, view.query) : undefined), [prepared, view]);
  const rows = useMemo(() => (view ? deploymentRowColumns(prepared, view.query) : undefined), [prepared, view]);
  const palette = props.dark ? DARK_PALETTE : LIGHT_PALETTE;
  const charts = useMemo(() => (insights ? metricCharts(insights.series, palette) : []), [insights, palette]);
  // For `npm run bench:sync`: when a view's new numbers are in the page (layout effect: right after the
  // DOM update, not a frame later).
  useLayoutEffect(() => void performance.mark('dora-lens:rendered'), [insights]);

  if (!view || !insights || !rows) {
    return <ProjectMissing project={props.projectSlug} />;
  }

  const env = dims.environments[view.environment];
  const projectName = dims.projects[project].name;
  const nothing = insights.summary.failureRate.total === 0 && insights.inProgress.count === 0 && rows.length === 0;
  const exportCsv = () => {
    const name = csvFileName({ project: projectName, environment: env?.name, from: insights.window.from, to: insights.window.to, timeZone: settings.timeZone });
    downloadText(deploymentsCsvChunks(rows, { bom: true }), name, 'text/csv;charset=utf-8');
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
        <button type="button" class="button-primary" onClick={exportCsv} disabled={rows.length === 0} data-testid="export-csv">
          Export CSV
        </button>
      </div>

      {nothing && <NothingDeployed environment={env?.name} />}

      <MetricCards cards={metricCards(insights)} focus={focus} onFocus={setFocus} />

      <div class="charts">
        {charts.map(({ id, title, chart }, i) => (
          <ChartCard
            key={id}
            testId={`chart-${id}`}
            title={title}
            label={`per ${insights.window.granularity}`}
            chart={chart}
            palette={palette}
            timeZone={settings.timeZone}
            onDrawn={i === 0 ? props.onFirstChart : undefined}
          />
        ))}
      </div>

      <section class="details" aria-labelledby="details-title">
        <h2 id="details-title">Deployments behind {METRIC_NAMES[focus].toLowerCase()}</h2>
        <DeploymentTable rows={focusRows(rows, focus)} focus={focus} timeZone={settings.timeZone} caption={`${projectName} → ${env?.name ?? ''}`} />
      </section>
      <p class="footnote">
        Figures marked with a tier or an interval are DORA Lens’s own statistics, not Octopus’s. Tiers use the DORA {insights.beyondOctopus.tiers.year} report’s clusters.
        Totals include only what your Octopus account may see.
      </p>
    </div>
  );
}
