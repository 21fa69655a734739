/** One report's numbers, computed for the view (range, split, compared metric) and laid out by `<ReportView>`. */
import { useMemo } from 'preact/hooks';
import { ReportView } from '@/components/ReportView';
import { DARK_PALETTE, LIGHT_PALETTE } from '@/lib/chart/series';
import { metricCards } from '@/lib/display/metric-cards';
import { drillDownUrl } from '@/lib/host/panel-link';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { ViewSettings } from '@/lib/panel/project-view';
import { computeReportInsights, computeSplit } from '@/lib/report/compute-report';
import { reportCsv, reportCsvFileName, reportRows } from '@/lib/report/report-csv';
import { metricFormat } from '@/lib/report/report-labels';
import type { ReportParams } from '@/lib/report/report-params';
import {
  drillDownTarget,
  hasDeployments,
  type ProjectHref,
  rankingView,
  releaseViews,
  reportCharts,
  reportQuery,
  reportTagSets,
  splitOptions,
  splitPatch,
  splitSpecOf,
  splitTable,
  splitValue,
  trendListViews,
} from '@/lib/report/report-view';
import type { ResolvedReport } from '@/lib/report/resolve-report';
import { computeTrendLists } from '@/lib/report/trend-lists';
import { downloadText } from '@/lib/ui/download';

export interface ReportNumbersProps {
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

export function ReportNumbers(props: ReportNumbersProps) {
  const { prepared, report, params, now, dark } = props;
  const dims = prepared.history.dims;
  const timeZone = report.definition.timeZone;
  const query = useMemo(
    () => reportQuery(params, timeZone, props.settings, now),
    [now, params.range, params.from, params.to, params.granularity, timeZone, props.settings.weekStart, props.settings.tierYear],
  );
  const insights = useMemo(() => computeReportInsights(prepared, report, query), [prepared, report, query]);
  const sets = useMemo(() => reportTagSets(dims, report), [dims, report]);
  const spec = useMemo(() => splitSpecOf(params, report, sets), [params.split, params.tagSet, report, sets]);
  const split = useMemo(() => (spec ? computeSplit(prepared, report, insights.window, spec) : null), [prepared, report, insights, spec]);
  const trends = useMemo(() => computeTrendLists(prepared, report, insights.window, params.metric), [prepared, report, insights, params.metric]);

  // Drill-down: the project's panel, pinned to the report's only environment (or the row's) and only channel.
  const href: ProjectHref = (project, environment) => {
    const target = drillDownTarget(dims, report, project, environment);
    return target && drillDownUrl({ server: props.server, space: props.space, ...target }, params);
  };
  const palette = dark ? DARK_PALETTE : LIGHT_PALETTE;
  const { charts, lineColors } = reportCharts(insights, split, palette, dark);
  const exportCsv = () => downloadText(reportCsv(reportRows(prepared, report, insights.window, now)), reportCsvFileName(report, insights.window), 'text/csv;charset=utf-8');

  return (
    <ReportView
      window={insights.window}
      timeZone={timeZone}
      toolbar={{
        selects: [{ key: 'split', label: 'Split by', value: splitValue(spec), options: splitOptions(dims, report, sets) }],
        onSelect: (_key, value) => props.onParams(splitPatch(value)),
        range: params.range,
        from: params.from,
        to: params.to,
        granularity: params.granularity,
        // A cleared date field leaves the range as it was.
        onRange: ({ from, to, ...rest }) => props.onParams({ ...rest, ...(from ? { from } : {}), ...(to ? { to } : {}) }),
      }}
      canExport={hasDeployments(insights)}
      onExport={exportCsv}
      selectsNothing={report.channels.length === 0}
      noDeployments={insights.summary.failureRate.total === 0}
      cards={metricCards(insights)}
      charts={charts}
      palette={palette}
      onFirstChart={() => performance.mark('dora-lens:report-chart')}
      split={split ? { spec: split.spec, table: splitTable(split, insights, lineColors, dark, href) } : undefined}
      metric={params.metric}
      onMetric={(metric) => props.onParams({ metric })}
      format={metricFormat(params.metric)}
      days={insights.summary.days}
      trends={trendListViews(trends, href)}
      ranking={rankingView(insights, dims, params.metric, href)}
      releases={releaseViews(insights, prepared, href)}
      tierYear={insights.beyondOctopus.tiers.year}
    />
  );
}
