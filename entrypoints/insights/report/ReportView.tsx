/**
 * One report's numbers for the chosen range and split: metric cards, a chart per metric (one line per
 * split group), the split table, trend lists, rankings and release impact, with drill-down links into each
 * project's Insights panel in Octopus, and the CSV of the deployments behind it all.
 */
import { useMemo } from 'preact/hooks';
import { Notice } from '@/components/Notice';
import { ChartCard } from '@/components/ChartCard';
import { ReportRankings } from '@/components/ReportRankings';
import { failuresFigure, ReportReleases, recoveryFigure } from '@/components/ReportReleases';
import { ReportSplitTable } from '@/components/ReportSplitTable';
import { ReportToolbar, type ReportToolbarOption } from '@/components/ReportToolbar';
import { ReportTrendLists } from '@/components/ReportTrendLists';
import { chartData, DARK_PALETTE, LIGHT_PALETTE } from '@/lib/chart/series';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { DoraMetric, Granularity, RangePreset } from '@/lib/metrics/types';
import { rangeSpec, type ViewSettings } from '@/lib/project-view';
import { computeReportInsights, computeSplit, OTHERS_KEY, type ReportQuery } from '@/lib/report/compute-report';
import { drillDownUrl } from '@/lib/report/drill-down';
import { reportCsv, reportCsvFileName, reportRows } from '@/lib/report/report-csv';
import { DORA_METRICS, type ReportParams } from '@/lib/report/report-params';
import type { ResolvedReport } from '@/lib/report/resolve-report';
import { type SplitKind, type SplitSpec, tagSets } from '@/lib/report/split-groups';
import { OTHERS_COLOR, SPLIT_VALUE_LABEL, splitChartData } from '@/lib/report/split-series';
import { computeTrendLists, TREND_DIMENSIONS } from '@/lib/report/trend-lists';
import { downloadText } from './download';
import { MetricCards } from '@/components/MetricCards';
import { figuresOfGroup, figuresOfPeriod, METRIC_TITLES, metricFormat, splitTitle } from './report-labels';

export interface ReportViewProps {
  /** The Octopus server's base URL. */
  server: string;
  space: string;
  prepared: PreparedHistory;
  report: ResolvedReport;
  params: ReportParams;
  settings: Pick<ViewSettings, 'weekStart' | 'tierYear'>;
  now: number;
  dark: boolean;
  onParams: (patch: Partial<ReportParams>) => void;
}

const CHARTS: { id: DoraMetric; title: string }[] = [
  { id: 'frequency', title: 'Deployment frequency' },
  { id: 'leadTime', title: 'Lead time' },
  { id: 'failureRate', title: 'Failure rate' },
  { id: 'recovery', title: 'Time to recovery' },
];

const SAMPLE_NOUN: Record<DoraMetric, string> = { frequency: 'deployments', failureRate: 'deployments', leadTime: 'lead times', recovery: 'recoveries' };

export function ReportView(props: ReportViewProps) {
  const { prepared, report, params, now } = props;
  const dims = prepared.history.dims;
  const def = report.definition;
  const timeZone = def.timeZone;

  const query: ReportQuery = useMemo(
    () => ({
      now,
      range: rangeSpec({ range: params.range, from: params.from, to: params.to, granularity: params.granularity, tenant: 'all' }, timeZone),
      granularity: params.granularity,
      timeZone,
      weekStart: props.settings.weekStart,
      tierYear: props.settings.tierYear,
    }),
    [now, params.range, params.from, params.to, params.granularity, timeZone, props.settings.weekStart, props.settings.tierYear],
  );
  const insights = useMemo(() => computeReportInsights(prepared, report, query), [prepared, report, query]);

  const sets = useMemo(() => [...tagSets(dims, report.tenants.ids).keys()], [dims, report]);
  const spec: SplitSpec | null = useMemo(() => {
    if (params.split === 'none') return null;
    if (params.split === 'environmentGroup' && report.environmentGroups.length === 0) return null;
    if (params.split === 'tenantTag' && !sets.includes(params.tagSet ?? '')) return null;
    return { kind: params.split, tagSet: params.split === 'tenantTag' ? params.tagSet : undefined };
  }, [params.split, params.tagSet, report, sets]);
  const split = useMemo(() => (spec ? computeSplit(prepared, report, insights.window, spec) : null), [prepared, report, insights, spec]);
  const trends = useMemo(() => computeTrendLists(prepared, report, insights.window, params.metric), [prepared, report, insights, params.metric]);

  // Drill-down: the project's panel, pinned to the report's only environment (or the row's) and only channel.
  const projectHref = (project: number, environment?: number): string | undefined => {
    const p = dims.projects[project];
    if (!p) return undefined;
    const env = environment ?? (report.environments.length === 1 ? report.environments[0] : undefined);
    const channels = report.channels.filter((c) => dims.channels[c].project === project);
    const channel = channels.length === 1 && !dims.channels[channels[0]].isDefault ? dims.channels[channels[0]].id : undefined;
    return drillDownUrl({ server: props.server, space: props.space, projectSlug: p.slug, environment: env === undefined ? undefined : dims.environments[env]?.id, channel }, params);
  };

  const splitOptions: ReportToolbarOption[] = [
    { value: 'none', label: 'No split' },
    { value: 'project', label: 'Project' },
    { value: 'projectGroup', label: 'Project group' },
    { value: 'environment', label: 'Environment' },
    ...(report.environmentGroups.length > 0 ? [{ value: 'environmentGroup', label: 'Environment group' }] : []),
    ...(dims.tenants.length > 0 ? [{ value: 'tenant', label: 'Tenant' }] : []),
    ...sets.map((set) => ({ value: `tenantTag:${set}`, label: `Tenant tag: ${set}` })),
  ];
  const splitValue = spec ? (spec.kind === 'tenantTag' ? `tenantTag:${spec.tagSet}` : spec.kind) : 'none';
  const onToolbar = (patch: { split?: string; range?: string; from?: string; to?: string; granularity?: string }) => {
    const next: Partial<ReportParams> = {};
    if (patch.split !== undefined) {
      const [kind, tagSet] = patch.split.split(':');
      next.split = kind as SplitKind | 'none';
      next.tagSet = kind === 'tenantTag' ? tagSet : undefined;
    }
    if (patch.range !== undefined) next.range = patch.range as RangePreset | 'custom';
    if (patch.from) next.from = patch.from;
    if (patch.to) next.to = patch.to;
    if (patch.granularity !== undefined) next.granularity = patch.granularity as Granularity;
    props.onParams(next);
  };

  const exportCsv = () => {
    const rows = reportRows(prepared, report, insights.window, now);
    downloadText(reportCsv(rows), reportCsvFileName(report, insights.window), 'text/csv;charset=utf-8');
  };

  const s = insights.summary;
  const palette = props.dark ? DARK_PALETTE : LIGHT_PALETTE;
  const lineColors = new Map<string, string>();
  const charts = CHARTS.map(({ id, title }) => {
    if (!split || split.lines.length === 0) return { id, title, label: `${SPLIT_VALUE_LABEL[id]} per ${insights.window.granularity}`, chart: chartData(id, insights.series, palette) };
    const chart = splitChartData(id, insights.series, split.lines, props.dark, OTHERS_KEY);
    split.lines.forEach((l, k) => lineColors.set(l.key, chart.series[k].color));
    return { id, title, label: `${SPLIT_VALUE_LABEL[id]} per ${insights.window.granularity}, by ${splitTitle(split.spec.kind, split.spec.tagSet).toLowerCase()}`, chart };
  });
  const format = metricFormat(params.metric);
  const ranking = insights.beyondOctopus.rankings.project[params.metric];
  const releases = insights.beyondOctopus.releases;
  const d = prepared.history.deployments;
  const r = prepared.history.releases;
  const nothing = report.channels.length === 0;

  return (
    <div class="space-report" data-testid="report-view" data-from={insights.window.from} data-to={insights.window.to} data-time-zone={timeZone}>
      <div class="toolbar">
        <ReportToolbar split={splitValue} splits={splitOptions} range={params.range} from={params.from} to={params.to} granularity={params.granularity} timeZone={timeZone} onChange={onToolbar} />
        <button type="button" class="button-primary" onClick={exportCsv} disabled={s.failureRate.total + s.failureRate.beyondOctopus.excluded.canceled + s.failureRate.beyondOctopus.excluded.timedOut === 0} data-testid="report-csv">
          Export CSV
        </button>
      </div>

      {nothing && (
        <Notice title="This report selects no project you can see" testId="report-empty">
          <p>Its project groups, projects and channels are not in your synced data. Edit the report, or use “Sync now” if they are new.</p>
        </Notice>
      )}
      {!nothing && s.failureRate.total === 0 && (
        <Notice title="No deployments finished in this period" testId="report-no-deployments">
          <p>Pick a longer time range, or check the report’s environments and tenants.</p>
        </Notice>
      )}

      <MetricCards testId="report-cards" insights={insights} />

      <div class="charts">
        {charts.map((c, i) => (
          <ChartCard
            key={c.id}
            testId={`report-chart-${c.id}`}
            title={c.title}
            label={c.label}
            chart={c.chart}
            palette={palette}
            timeZone={timeZone}
            onDrawn={i === 0 ? () => performance.mark('dora-lens:report-chart') : undefined}
          />
        ))}
      </div>

      {split && (
        <section class="report-section" aria-labelledby="split-title" data-testid="split-section" data-split={split.spec.kind} data-tag-set={split.spec.tagSet ?? ''}>
          <h2 id="split-title">By {splitTitle(split.spec.kind, split.spec.tagSet).toLowerCase()}</h2>
          <ReportSplitTable
            groupTitle={splitTitle(split.spec.kind, split.spec.tagSet)}
            rows={split.rows.map((row) => ({
              key: row.group.key,
              label: row.group.label,
              figures: figuresOfGroup(row.current),
              color: lineColors.get(row.group.key),
              href: row.group.project !== undefined ? projectHref(row.group.project) : undefined,
            }))}
            others={split.others ? { groups: split.others.groups, figures: figuresOfGroup(split.others.period), color: props.dark ? OTHERS_COLOR.dark : OTHERS_COLOR.light } : undefined}
            total={figuresOfPeriod(s)}
            overlapping={split.spec.kind === 'tenantTag'}
          />
        </section>
      )}

      <section class="report-section" aria-labelledby="compare-title">
        <div class="section-head">
          <h2 id="compare-title">Trends, rankings and releases</h2>
          <label class="field inline-field" for="r-metric">
            <span>Compare by</span>
            <select id="r-metric" value={params.metric} onChange={(e) => props.onParams({ metric: (e.currentTarget as HTMLSelectElement).value as DoraMetric })}>
              {DORA_METRICS.map((m) => (
                <option key={m} value={m}>
                  {METRIC_TITLES[m]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p class="muted">This period against the previous {Math.round(s.days)} days, with Octopus’s rule: at least 10 deployments in both, and a change of 5 % or more.</p>
        <ReportTrendLists
          metricTitle={METRIC_TITLES[params.metric]}
          format={format}
          lists={TREND_DIMENSIONS.map((dimension) => ({
            dimension,
            noun: `${dimension}s`,
            present: trends[dimension].present,
            improving: trends[dimension].improving.map((e) => ({ key: e.group.key, label: e.group.label, trend: e.trend, href: e.group.project !== undefined ? projectHref(e.group.project) : undefined })),
            worsening: trends[dimension].worsening.map((e) => ({ key: e.group.key, label: e.group.label, trend: e.trend, href: e.group.project !== undefined ? projectHref(e.group.project) : undefined })),
          }))}
        />
        <div class="report-columns">
          <section class="card" aria-labelledby="rankings-title" data-testid="rankings">
            <h3 id="rankings-title">Highest and lowest performing projects</h3>
            <ReportRankings
              metricTitle={METRIC_TITLES[params.metric]}
              best={ranking.best.map((e) => ({ key: dims.projects[e.index].id, label: e.name, value: e.value, sample: e.sample, href: projectHref(e.index) }))}
              worst={ranking.worst.map((e) => ({ key: dims.projects[e.index].id, label: e.name, value: e.value, sample: e.sample, href: projectHref(e.index) }))}
              belowMinimum={ranking.belowMinimum}
              minSample={ranking.minSample}
              sampleNoun={SAMPLE_NOUN[params.metric]}
              format={(v) => format(v)}
            />
          </section>
          <section class="card" aria-labelledby="releases-title" data-testid="releases">
            <h3 id="releases-title">Releases with the most impact</h3>
            <ReportReleases
              mostFailures={releases.mostFailures.map((e) => ({
                key: `f-${e.release}`,
                version: e.version,
                project: e.project,
                projectId: dims.projects[r.project[e.release]]?.id ?? '',
                figure: failuresFigure(e.failures, e.deployments),
                value: e.failures,
                href: projectHref(r.project[e.release]),
              }))}
              longestRecovery={releases.longestRecovery.map((e) => ({
                key: `r-${e.release}`,
                version: e.version,
                project: e.project,
                projectId: dims.projects[r.project[e.release]]?.id ?? '',
                figure: recoveryFigure(e.recoveryMs),
                value: e.recoveryMs,
                href: projectHref(r.project[e.release], d.environment[e.firstFailure]),
              }))}
            />
          </section>
        </div>
      </section>

      <p class="footnote">
        Tiers, intervals, rankings and release impact are DORA Lens’s own statistics, not Octopus’s; tiers use the DORA {insights.beyondOctopus.tiers.year} report’s clusters. Days, weeks and months are
        counted in {timeZone}.
      </p>
    </div>
  );
}
