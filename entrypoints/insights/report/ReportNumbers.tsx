/** One report's numbers, computed for the view (range, split, compared metric) and laid out by `<ReportView>`. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ReportView } from '@/components/ReportView';
import { DARK_PALETTE, LIGHT_PALETTE } from '@/lib/chart/series';
import { type ChartPicture, pictureFileName } from '@/lib/chart/picture';
import { metricCards } from '@/lib/display/metric-cards';
import { releasePageUrl } from '@/lib/host/octopus-links';
import { drillDownUrl } from '@/lib/host/panel-link';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { ViewSettings } from '@/lib/panel/project-view';
import { computeReportInsights, computeSplit } from '@/lib/report/compute-report';
import { reportCsv, reportCsvFileName, reportRows } from '@/lib/report/report-csv';
import { cardScope, metricFormat, scopeItems, splitTitle } from '@/lib/report/report-labels';
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
  togglePick,
  trendListViews,
} from '@/lib/report/report-view';
import type { ResolvedReport } from '@/lib/report/resolve-report';
import { computeTrendLists } from '@/lib/report/trend-lists';
import { rangeText } from '@/lib/share/range-text';
import { summaryMarkdown } from '@/lib/share/summary-markdown';
import { downloadChartPng } from '@/lib/ui/chart-png';
import { copyText } from '@/lib/ui/clipboard';
import { downloadText } from '@/lib/ui/download';
import { useReportGoals } from '@/lib/ui/use-report-goals';

export interface ReportNumbersProps {
  /** The Octopus server's base URL. */
  server: string;
  space: string;
  /** The signed-in Octopus user: whose goals. */
  userId: string;
  prepared: PreparedHistory;
  report: ResolvedReport;
  params: ReportParams;
  settings: Pick<ViewSettings, 'weekStart' | 'tierYear'>;
  now: number;
  dark: boolean;
  onParams: (patch: Partial<ReportParams>) => void;
}

/** Drill-down: the project's panel, pinned to the report's only environment (or the row's) and only channel. */
function drillDownHref({ server, space, report, params, prepared }: ReportNumbersProps, timeZone: string): ProjectHref {
  return (project, environment) => {
    const target = drillDownTarget(prepared.history.dims, report, project, environment);
    // The report's zone goes along: the panel then counts the same days as the report.
    return target && drillDownUrl({ server, space, ...target }, { ...params, zone: timeZone });
  };
}

export function ReportNumbers(props: ReportNumbersProps) {
  const { prepared, report, params, now, dark } = props;
  const dims = prepared.history.dims;
  const timeZone = report.definition.timeZone;
  const base = useMemo(
    () => reportQuery(params, timeZone, props.settings, now),
    [now, params.range, params.from, params.to, params.granularity, timeZone, props.settings.weekStart, props.settings.tierYear],
  );
  // The goals, and the query with the user's hotfix channels (rework) that every figure below uses.
  const { view: goals, query } = useReportGoals({ server: props.server, userId: props.userId, space: props.space }, prepared, report, base);
  const insights = useMemo(() => computeReportInsights(prepared, report, query), [prepared, report, query]);
  const sets = useMemo(() => reportTagSets(dims, report), [dims, report]);
  const spec = useMemo(() => splitSpecOf(params, report, sets), [params.split, params.tagSet, report, sets]);
  const split = useMemo(() => (spec ? computeSplit(prepared, report, insights.window, spec, query.hotfixChannels) : null), [prepared, report, insights, spec, query]);
  const trends = useMemo(
    () => computeTrendLists(prepared, report, insights.window, params.metric, query.hotfixChannels),
    [prepared, report, insights, params.metric, query],
  );
  const href = drillDownHref(props, timeZone);
  const palette = dark ? DARK_PALETTE : LIGHT_PALETTE;
  // The lines the user highlights; none picked: the busiest. A new split starts again from the busiest.
  const [picked, setPicked] = useState<string[]>([]);
  useEffect(() => setPicked([]), [splitValue(spec)]);
  const { charts, lineColors, highlighted } = reportCharts(insights, split, palette, dark, picked);
  const highlight = (key: string) => setPicked(togglePick(picked.length > 0 ? picked : [...highlighted], key));
  const fileName = reportCsvFileName(report, insights.window);
  const [csvOurs, setCsvOurs] = useState(false);
  const exportCsv = () => downloadText(reportCsv(reportRows(prepared, report, insights.window, now, query.hotfixChannels), csvOurs), fileName, 'text/csv;charset=utf-8');
  const cards = metricCards(insights, { scope: cardScope(report) });
  const name = report.definition.name;
  const copySummary = () =>
    copyText(
      summaryMarkdown({
        title: name,
        scope: [...scopeItems(dims, report), ...(spec ? [{ term: 'Split by', detail: splitTitle(spec.kind, spec.tagSet) }] : [])],
        range: rangeText(insights.window),
        cards,
      }),
    );
  const png = (picture: ChartPicture) => void downloadChartPng({ ...picture, label: `${picture.label} · ${name}` }, pictureFileName(fileName, picture.title));

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
      csvOurs={csvOurs}
      onCsvOurs={setCsvOurs}
      share={{ onCopy: copySummary, onPrint: () => window.print() }}
      onChartPng={png}
      selectsNothing={report.channels.length === 0}
      noDeployments={insights.summary.failureRate.total === 0}
      cards={cards}
      charts={charts}
      palette={palette}
      onFirstChart={() => performance.mark('dora-lens:report-chart')}
      split={split ? { spec: split.spec, table: splitTable(split, insights, lineColors, dark, href, highlighted), onHighlight: highlight } : undefined}
      metric={params.metric}
      onMetric={(metric) => props.onParams({ metric })}
      format={metricFormat(params.metric)}
      days={insights.summary.days}
      trends={trendListViews(trends, href)}
      ranking={rankingView(insights, dims, params.metric, href)}
      releases={releaseViews(insights, prepared, href, (r) => releasePageUrl(props.server, props.space, `Releases-${prepared.history.releases.id[r]}`))}
      tierYear={insights.beyondOctopus.tiers.year}
      goals={{ view: goals, href: (project) => href(project) }}
    />
  );
}
