/** A project's Insights: filters, a card and a chart per metric, the deployments behind them, CSV export. */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { ChartCard } from '@/components/ChartCard';
import { DeploymentTable, type RowLinks } from '@/components/DeploymentTable';
import { FilterBar } from '@/components/FilterBar';
import { MetricCards } from '@/components/MetricCards';
import { PanelEmpty } from '@/components/InsightsNotices';
import { metricCharts } from '@/lib/chart/metric-charts';
import { DARK_PALETTE, LIGHT_PALETTE, type Palette } from '@/lib/chart/series';
import { metricCards } from '@/lib/display/metric-cards';
import { DORA_METRICS, METRIC_NAMES } from '@/lib/display/metric-names';
import { csvFileName } from '@/lib/export/csv-file-name';
import { deploymentsCsvChunks } from '@/lib/export/deployments-csv';
import { deploymentPageUrl, releasePageUrl } from '@/lib/host/octopus-links';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { type DeploymentRowColumns, deploymentRowColumns, releaseName } from '@/lib/metrics/deployment-rows';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { DoraMetric, Insights } from '@/lib/metrics/types';
import type { PanelParams } from '@/lib/panel/panel-params';
import { panelState } from '@/lib/panel/panel-state';
import { focusRows, panelScope, panelSelects, selectPatch } from '@/lib/panel/panel-view';
import { findProject, type ProjectView, projectView, type ViewSettings } from '@/lib/panel/project-view';
import { downloadText } from '@/lib/ui/download';

export interface ProjectInsightsProps {
  /** The Octopus server's base URL and the space: links to Octopus's own pages are built from them. */
  server: string;
  space: string;
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

  const view = useMemo(() => (project >= 0 ? projectView(dims, project, props.params, settings, now) : undefined), [prepared, project, props.params, settings, now]);
  const insights = useMemo(() => (view ? computeInsights(prepared, view.query) : undefined), [prepared, view]);
  const rows = useMemo(() => (view ? deploymentRowColumns(prepared, view.query) : undefined), [prepared, view]);
  // For `npm run bench:sync`: when a view's new numbers are in the page (layout effect: right after the
  // DOM update, not a frame later).
  useLayoutEffect(() => void performance.mark('dora-lens:rendered'), [insights]);
  // The parent checks the project exists before rendering this.
  if (!view || !insights || !rows) return null;

  const env = dims.environments[view.environment];
  const projectName = dims.projects[project].name;
  const state = panelState(prepared, view, insights, rows.length);
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
      {state.kind === 'numbers' ? (
        <Numbers {...props} view={view} insights={insights} rows={rows} history={state.history} caption={`${projectName} → ${env?.name ?? ''}`} />
      ) : (
        <PanelEmpty title={state.title} text={state.text} choices={state.environments} onChoose={(environment) => props.onParams({ environment })} />
      )}
    </div>
  );
}

interface NumbersProps extends ProjectInsightsProps {
  view: ProjectView;
  insights: Insights;
  rows: DeploymentRowColumns;
  history?: string;
  caption: string;
}

/** The view's cards, charts and the deployments behind the metric the user picks. */
function Numbers({ server, space, prepared, view, insights, rows, history, caption, settings, dark, onFirstChart }: NumbersProps) {
  const [focus, setFocus] = useState<DoraMetric>('leadTime');
  const palette: Palette = dark ? DARK_PALETTE : LIGHT_PALETTE;
  const charts = useMemo(() => metricCharts(insights.series, palette), [insights, palette]);
  const links: RowLinks = useMemo(
    () => ({
      deployment: (row) => deploymentPageUrl(server, space, row.deployment),
      release: (row) => {
        const id = releaseName(prepared, row.index);
        return id ? releasePageUrl(server, space, id) : undefined;
      },
    }),
    [server, space, prepared],
  );
  return (
    <>
      {history && (
        <p class="history-start" data-testid="history-start">
          {history}
        </p>
      )}
      <MetricCards heading={`DORA metrics: ${caption}`} cards={metricCards(insights, { scope: panelScope(prepared.history.dims, view) })} />
      <div class="charts">
        {charts.map(({ id, title, chart }, i) => (
          <ChartCard key={id} testId={`chart-${id}`} title={title} label={`per ${insights.window.granularity}`} chart={chart} palette={palette} timeZone={settings.timeZone} onDrawn={i === 0 ? onFirstChart : undefined} />
        ))}
      </div>
      <section class="details" aria-labelledby="details-title">
        <div class="details-head">
          <h2 id="details-title">Deployments behind</h2>
          <label class="field" for="f-details">
            <span class="visually-hidden">Metric whose deployments are listed</span>
            <select id="f-details" value={focus} onChange={(e) => setFocus((e.currentTarget as HTMLSelectElement).value as DoraMetric)}>
              {DORA_METRICS.map((m) => (
                <option key={m} value={m}>
                  {METRIC_NAMES[m].toLowerCase()}
                </option>
              ))}
            </select>
          </label>
        </div>
        <DeploymentTable rows={focusRows(rows, focus)} focus={focus} timeZone={settings.timeZone} caption={caption} links={links} />
      </section>
      <p class="footnote">
        Figures marked with a tier or an interval, and whether a change is beyond noise, are DORA Lens’s own statistics, not Octopus’s. Tiers use the DORA{' '}
        {insights.beyondOctopus.tiers.year} report’s clusters. Totals include only what your Octopus account may see.
      </p>
    </>
  );
}
