/** A project's Insights: filters, a card and a chart per metric, the deployments behind them, CSV export. */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { type DeploymentRowList, DeploymentTable, type TableFocus } from '@/components/DeploymentTable';
import { FilterBar } from '@/components/FilterBar';
import { MetricCards } from '@/components/MetricCards';
import { metricCards } from '@/lib/display/metric-cards';
import { Notice } from '@/components/Notice';
import { ChartCard } from '@/components/ChartCard';
import { type ChartMetric, chartData, DARK_PALETTE, LIGHT_PALETTE } from '@/lib/chart/series';
import { csvFileName } from '@/lib/export/csv-file-name';
import { deploymentsCsvChunks } from '@/lib/export/deployments-csv';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { FailureKind, Outcome } from '@/lib/metrics/constants';
import { type DeploymentRowColumns, deploymentRowAt, deploymentRowColumns } from '@/lib/metrics/deployment-rows';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { Insights } from '@/lib/metrics/types';
import type { PanelParams } from '@/lib/panel/panel-params';
import { findProject, projectView, type ViewSettings } from '@/lib/panel/project-view';

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
  const [focus, setFocus] = useState<TableFocus>('leadTime');

  const view = useMemo(() => (project >= 0 ? projectView(dims, project, props.params, settings, now) : undefined), [prepared, project, props.params, settings, now]);
  const insights = useMemo(() => (view ? computeInsights(prepared, view.query) : undefined), [prepared, view]);
  const rows = useMemo(() => (view ? deploymentRowColumns(prepared, view.query) : undefined), [prepared, view]);
  // For `npm run bench:sync`: when a view's new numbers are in the page (layout effect: right after the
  // DOM update, not a frame later).
  useLayoutEffect(() => void performance.mark('dora-lens:rendered'), [insights]);

  if (!view || !insights || !rows) {
    return (
      <Notice title="This project is not in your synced data" testId="project-missing">
        <p>
          DORA Lens has no deployments for <strong>{props.projectSlug}</strong>. Either the project was created after the last sync — use “Sync now” — or your Octopus
          account cannot see it.
        </p>
      </Notice>
    );
  }

  const env = dims.environments[view.environment];
  const projectName = dims.projects[project].name;
  const s = insights.summary;
  const tiers = insights.beyondOctopus.tiers;
  const palette = props.dark ? DARK_PALETTE : LIGHT_PALETTE;
  const nothing = s.failureRate.total === 0 && insights.inProgress.count === 0 && rows.length === 0;

  const exportCsv = () => {
    const blob = new Blob([...deploymentsCsvChunks(rows, { bom: true })], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = csvFileName({ project: projectName, environment: env?.name, from: insights.window.from, to: insights.window.to, timeZone: settings.timeZone });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  return (
    <div class="project-insights">
      <div class="toolbar">
        <FilterBar
          range={props.params.range}
          from={props.params.from}
          to={props.params.to}
          granularity={props.params.granularity}
          channels={view.channels.map((c) => ({ value: dims.channels[c].id, label: dims.channels[c].name }))}
          channel={dims.channels[view.channel]?.id}
          environments={view.environments.map((e) => ({ value: dims.environments[e].id, label: dims.environments[e].name }))}
          environment={env?.id}
          tenants={
            view.tenants.length
              ? [
                  { value: 'all', label: 'All tenants and untenanted' },
                  { value: 'untenanted', label: 'Untenanted only' },
                  ...view.tenants.map((t) => ({ value: dims.tenants[t].id, label: dims.tenants[t].name })),
                ]
              : []
          }
          tenant={props.params.tenant}
          onChange={(patch) => props.onParams(patch as Partial<PanelParams>)}
        />
        <button type="button" class="button-primary" onClick={exportCsv} disabled={rows.length === 0} data-testid="export-csv">
          Export CSV
        </button>
      </div>

      {nothing && (
        <Notice title={`Nothing deployed to ${env?.name ?? 'this environment'} in this period`} testId="nothing-deployed">
          <p>Pick another environment or a longer time range. Deployments still queued or running count once they finish.</p>
        </Notice>
      )}

      <MetricCards cards={metricCards(insights)} focus={focus} onFocus={setFocus} />

      <Charts insights={insights} palette={palette} timeZone={settings.timeZone} onFirstChart={props.onFirstChart} />

      <section class="details" aria-labelledby="details-title">
        <h2 id="details-title">Deployments behind {TITLES[focus].toLowerCase()}</h2>
        <DeploymentTable rows={tableRows(rows, focus)} focus={focus} timeZone={settings.timeZone} caption={`${projectName} → ${env?.name ?? ''}`} />
      </section>
      <p class="footnote">
        Figures marked with a tier or an interval are DORA Lens’s own statistics, not Octopus’s. Tiers use the DORA {tiers.year} report’s clusters. Totals include only what your
        Octopus account may see.
      </p>
    </div>
  );
}

const TITLES: Record<TableFocus, string> = { frequency: 'Deployment frequency', leadTime: 'Lead time', failureRate: 'Failure rate', recovery: 'Time to recovery' };

/** The rows behind the focused metric, newest first; a row becomes an object only when the table shows it. */
function tableRows(rows: DeploymentRowColumns, focus: TableFocus): DeploymentRowList {
  const p = rows.prepared;
  const picked: number[] = [];
  for (let k = rows.length - 1; k >= 0; k--) {
    const i = rows.index[k];
    const wanted =
      focus === 'frequency'
        ? p.outcome[i] === Outcome.Success
        : focus === 'leadTime'
          ? !Number.isNaN(rows.leadTimeMs[k])
          : focus === 'failureRate'
            ? p.failureKind[i] !== FailureKind.None
            : !Number.isNaN(rows.recoveryMs[k]);
    if (wanted) picked.push(k);
  }
  return { length: picked.length, at: (j) => deploymentRowAt(rows, picked[j]) };
}

const CHARTS: { id: ChartMetric; title: string }[] = [
  { id: 'frequency', title: 'Deployment frequency' },
  { id: 'leadTime', title: 'Lead time' },
  { id: 'failureRate', title: 'Failure rate' },
  { id: 'recovery', title: 'Time to recovery' },
];

function Charts({ insights, palette, timeZone, onFirstChart }: { insights: Insights; palette: typeof LIGHT_PALETTE; timeZone: string; onFirstChart?: () => void }) {
  const charts = useMemo(() => CHARTS.map((m) => ({ ...m, chart: chartData(m.id, insights.series, palette) })), [insights, palette]);
  return (
    <div class="charts">
      {charts.map(({ id, title, chart }, i) => (
        <ChartCard
          key={id}
          testId={`chart-${id}`}
          title={title}
          label={`per ${insights.window.granularity}`}
          chart={chart}
          palette={palette}
          timeZone={timeZone}
          onDrawn={i === 0 ? onFirstChart : undefined}
        />
      ))}
    </div>
  );
}
