/** A project's Insights: filters, a card and a chart per metric, the deployments behind them, CSV export. */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { DeploymentTable, type TableFocus } from '@/components/DeploymentTable';
import { FilterBar } from '@/components/FilterBar';
import { formatCount, formatDurationShort, formatPercent, formatRate } from '@/components/format';
import { MetricCard } from '@/components/MetricCard';
import { Notice } from '@/components/Notice';
import { TimeSeriesChart } from '@/components/TimeSeriesChart';
import { type ChartMetric, chartData, DARK_PALETTE, LIGHT_PALETTE } from '@/lib/chart/series';
import { csvFileName } from '@/lib/export/csv-file-name';
import { deploymentsCsv } from '@/lib/export/deployments-csv';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { deploymentRows } from '@/lib/metrics/deployment-rows';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { DeploymentRow, Insights, SampleStats } from '@/lib/metrics/types';
import type { PanelParams } from '@/lib/panel-params';
import { findProject, projectView, type ViewSettings } from '@/lib/project-view';

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

const DEFINITIONS = {
  frequency: 'Successful deployments completed in the period (Octopus: task Success with no guided failure).',
  leadTime: 'From the creation of the earliest release not yet deployed to this environment to the successful deployment’s completion.',
  failureRate: 'Failed deployments (task Failed, or Success with a guided failure, or a release blocked by prevent progression) ÷ successful + failed. Canceled and timed-out deployments are left out.',
  recovery: 'From the first failure of a run to the completion of the next successful deployment in the same stream (project, channel, environment, tenant).',
  duration: 'Start to completion of successful deployments, including manual intervention time.',
  queueTime: 'From queued (or the scheduled time) to start, for deployments that started in the period.',
};

const sampleOf = (stats: SampleStats, noun: string) => `n = ${formatCount(stats.count)} ${noun}`;

export function ProjectInsights(props: ProjectInsightsProps) {
  const { prepared, settings, now } = props;
  const dims = prepared.history.dims;
  const project = findProject(dims, props.projectSlug);
  const [focus, setFocus] = useState<TableFocus>('leadTime');

  const view = useMemo(() => (project >= 0 ? projectView(dims, project, props.params, settings, now) : undefined), [prepared, project, props.params, settings, now]);
  const insights = useMemo(() => (view ? computeInsights(prepared, view.query) : undefined), [prepared, view]);
  const rows = useMemo(() => (view ? deploymentRows(prepared, view.query) : []), [prepared, view]);
  // For `npm run bench:sync`: when a view's new numbers are in the page (layout effect: right after the
  // DOM update, not a frame later).
  useLayoutEffect(() => void performance.mark('dora-lens:rendered'), [insights]);

  if (!view || !insights) {
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
    const blob = new Blob([deploymentsCsv(rows, { bom: true })], { type: 'text/csv;charset=utf-8' });
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

      <div class="cards">
        <MetricCard
          id="frequency"
          title="Deployment frequency"
          value={`${formatRate(s.frequency.perWeek)} / week`}
          rawValue={s.frequency.successful}
          detail={`${formatCount(s.frequency.successful)} successful in ${Math.round(s.days)} days`}
          sample={`n = ${formatCount(s.frequency.successful)} deployments`}
          comparison={insights.comparison.frequency}
          trend28={insights.trend28.indicators.frequency}
          tier={tiers.frequency}
          tierYear={tiers.year}
          definition={DEFINITIONS.frequency}
          selected={focus === 'frequency'}
          onSelect={() => setFocus('frequency')}
        />
        <MetricCard
          id="leadTime"
          title="Deployment lead time"
          value={formatDurationShort(s.leadTime.median)}
          rawValue={s.leadTime.median}
          detail={`median · mean ${formatDurationShort(s.leadTime.mean)} · p95 ${formatDurationShort(s.leadTime.p95)}`}
          sample={sampleOf(s.leadTime, 'deployments')}
          comparison={insights.comparison.leadTime}
          trend28={insights.trend28.indicators.leadTime}
          tier={tiers.leadTime}
          tierYear={tiers.year}
          interval={ci(s.leadTime)}
          definition={DEFINITIONS.leadTime}
          selected={focus === 'leadTime'}
          onSelect={() => setFocus('leadTime')}
        />
        <MetricCard
          id="failureRate"
          title="Deployment failure rate"
          value={formatPercent(s.failureRate.rate)}
          rawValue={s.failureRate.rate}
          detail={`${formatCount(s.failureRate.failed)} failed of ${formatCount(s.failureRate.total)} (${formatCount(s.failureRate.guidedFailure)} guided failures)`}
          sample={`n = ${formatCount(s.failureRate.total)} deployments`}
          comparison={insights.comparison.failureRate}
          trend28={insights.trend28.indicators.failureRate}
          tier={tiers.failureRate}
          tierYear={tiers.year}
          interval={s.failureRate.beyondOctopus.wilson95 ? `95% interval ${formatPercent(s.failureRate.beyondOctopus.wilson95.lower)}–${formatPercent(s.failureRate.beyondOctopus.wilson95.upper)}` : undefined}
          definition={DEFINITIONS.failureRate}
          selected={focus === 'failureRate'}
          onSelect={() => setFocus('failureRate')}
        />
        <MetricCard
          id="recovery"
          title="Time to recovery"
          value={formatDurationShort(s.recovery.median)}
          rawValue={s.recovery.median}
          detail={`median · mean ${formatDurationShort(s.recovery.mean)}${insights.beyondOctopus.unrecovered.count ? ` · ${insights.beyondOctopus.unrecovered.count} not yet recovered` : ''}`}
          sample={sampleOf(s.recovery, 'recoveries')}
          comparison={insights.comparison.recovery}
          trend28={insights.trend28.indicators.recovery}
          tier={tiers.recovery}
          tierYear={tiers.year}
          interval={ci(s.recovery)}
          definition={DEFINITIONS.recovery}
          selected={focus === 'recovery'}
          onSelect={() => setFocus('recovery')}
        />
        <MetricCard id="duration" title="Deployment duration" value={formatDurationShort(s.duration.mean)} rawValue={s.duration.mean} detail={`mean · median ${formatDurationShort(s.duration.median)}`} sample={sampleOf(s.duration, 'deployments')} comparison={insights.comparison.duration} definition={DEFINITIONS.duration} />
        <MetricCard id="queueTime" title="Queue time" value={formatDurationShort(s.queueTime.mean)} rawValue={s.queueTime.mean} detail={`mean · median ${formatDurationShort(s.queueTime.median)}`} sample={sampleOf(s.queueTime, 'deployments')} comparison={insights.comparison.queueTime} definition={DEFINITIONS.queueTime} />
      </div>

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

function ci(stats: SampleStats): string | undefined {
  const interval = stats.beyondOctopus.medianCi95;
  return interval ? `95% interval of median ${formatDurationShort(interval.lower)}–${formatDurationShort(interval.upper)}` : undefined;
}

function tableRows(rows: DeploymentRow[], focus: TableFocus): DeploymentRow[] {
  const picked = rows.filter((r) =>
    focus === 'frequency'
      ? r.beyondOctopus.outcome === 'success'
      : focus === 'leadTime'
        ? r.leadTimeMs !== null
        : focus === 'failureRate'
          ? r.beyondOctopus.outcome === 'failure'
          : r.timeToRecoveryMs !== null,
  );
  return picked.reverse();
}

function Charts({ insights, palette, timeZone, onFirstChart }: { insights: Insights; palette: typeof LIGHT_PALETTE; timeZone: string; onFirstChart?: () => void }) {
  const [tableFor, setTableFor] = useState<ChartMetric | null>(null);
  const metrics: { id: ChartMetric; title: string }[] = [
    { id: 'frequency', title: 'Deployment frequency' },
    { id: 'leadTime', title: 'Lead time' },
    { id: 'failureRate', title: 'Failure rate' },
    { id: 'recovery', title: 'Time to recovery' },
  ];
  return (
    <div class="charts">
      {metrics.map(({ id, title }, i) => {
        const chart = chartData(id, insights.series, palette);
        return (
          <figure class="card chart-card" key={id} data-testid={`chart-${id}`}>
            <figcaption>
              {title}
              <button type="button" class="button-link" aria-expanded={tableFor === id} onClick={() => setTableFor(tableFor === id ? null : id)}>
                {tableFor === id ? 'Hide table' : 'Show as table'}
              </button>
            </figcaption>
            <TimeSeriesChart chart={chart} palette={palette} label={`${title} per ${insights.window.granularity}`} timeZone={timeZone} onDrawn={i === 0 ? onFirstChart : undefined} />
            {tableFor === id && (
              <table class="chart-table">
                <thead>
                  <tr>
                    {chart.table.head.map((h) => (
                      <th scope="col" key={h}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {chart.table.rows.map((row) => (
                    <tr key={row[0]}>
                      {row.map((cell, j) => (
                        <td key={j}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </figure>
        );
      })}
    </div>
  );
}
