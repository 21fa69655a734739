/**
 * A project's Insights: filters, a card and a chart per metric, the deployments behind them, and ways to take
 * them out: CSV, a Markdown summary, a chart's PNG, print. Days are counted in the viewer's zone, or in the
 * zone the address names (a space report's drill-down).
 */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { ChartCard } from '@/components/ChartCard';
import { ShareActions, type ShareActionsProps } from '@/components/ShareActions';
import { DeploymentTable } from '@/components/DeploymentTable';
import { FilterBar, type FilterBarProps } from '@/components/FilterBar';
import { MetricCards } from '@/components/MetricCards';
import { NothingDeployed, ProjectMissing } from '@/components/InsightsNotices';
import { metricCharts } from '@/lib/chart/metric-charts';
import { type ChartPicture, pictureFileName } from '@/lib/chart/picture';
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
import { rangeText, selectScope } from '@/lib/share/range-text';
import { summaryMarkdown } from '@/lib/share/summary-markdown';
import { downloadChartPng } from '@/lib/ui/chart-png';
import { copyText } from '@/lib/ui/clipboard';
import { downloadText } from '@/lib/ui/download';
import { useMarks } from '@/lib/ui/use-marks';
import { dayOf } from '@/lib/panel/before-after-view';
import { ProjectBeforeAfter } from './ProjectBeforeAfter';

export interface ProjectInsightsProps {
  prepared: PreparedHistory;
  projectSlug: string;
  params: PanelParams;
  settings: ViewSettings;
  now: number;
  dark: boolean;
  /** Whose date marks: the server, the space and the signed-in Octopus user. */
  owner: { server: string; space: string; userId: string };
  onParams: (patch: Partial<PanelParams>) => void;
  onFirstChart?: () => void;
}

export function ProjectInsights(props: ProjectInsightsProps) {
  const { prepared, now } = props;
  const zone = props.params.zone;
  const settings = useMemo(() => (zone ? { ...props.settings, timeZone: zone } : props.settings), [props.settings, zone]);
  const dims = prepared.history.dims;
  const project = findProject(dims, props.projectSlug);
  const [focus, setFocus] = useState<DoraMetric>('leadTime');
  const marks = useMarks(project >= 0 ? { server: props.owner.server, userId: props.owner.userId, project: dims.projects[project].id } : undefined);
  const [draftDay, setDraftDay] = useState<string>();
  const [changes, setChanges] = useState<string[]>([]);

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
  const title = `${projectName} → ${env?.name ?? ''}`;
  const nothing = insights.summary.failureRate.total === 0 && insights.inProgress.count === 0 && rows.length === 0;
  const selects = panelSelects(dims, view, props.params);
  const cards = metricCards(insights);
  const fileName = csvFileName({ project: projectName, environment: env?.name, from: insights.window.from, to: insights.window.to, timeZone: settings.timeZone });
  const exportCsv = () => downloadText(deploymentsCsvChunks(rows, { bom: true }), fileName, 'text/csv;charset=utf-8');
  const copySummary = () => copyText(summaryMarkdown({ title, scope: selectScope(selects), range: rangeText(insights.window), cards, changes }));
  const png = (picture: ChartPicture) => void downloadChartPng({ ...picture, label: `${picture.label} · ${title}` }, pictureFileName(fileName, picture.title));

  return (
    <div class="project-insights">
      <PanelToolbar
        selects={selects}
        params={props.params}
        onParams={props.onParams}
        zone={zone}
        share={{ onCopy: copySummary, onPrint: () => window.print(), disabled: nothing }}
        onExport={rows.length > 0 ? exportCsv : undefined}
      />

      {nothing && <NothingDeployed environment={env?.name} />}

      <MetricCards cards={cards} focus={focus} onFocus={setFocus} />

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
            onPng={png}
            decorations={marks.decorations}
            onPick={(at) => setDraftDay(dayOf(at, settings.timeZone))}
          />
        ))}
      </div>

      <ProjectBeforeAfter prepared={prepared} query={view.query} marks={marks} timeZone={settings.timeZone} end={insights.window.to} draftDay={draftDay} source={{ ...props.owner, project }} onChanges={setChanges} />

      <section class="details" aria-labelledby="details-title">
        <h2 id="details-title">Deployments behind {METRIC_NAMES[focus].toLowerCase()}</h2>
        <DeploymentTable rows={focusRows(rows, focus)} focus={focus} timeZone={settings.timeZone} caption={`${projectName} → ${env?.name ?? ''}`} />
      </section>
      <PanelFootnote tierYear={insights.beyondOctopus.tiers.year} />
    </div>
  );
}

function PanelFootnote({ tierYear }: { tierYear: number }) {
  return (
    <p class="footnote">
      Figures marked with a tier or an interval are DORA Lens’s own statistics, not Octopus’s. Tiers use the DORA {tierYear} report’s clusters. Totals include only
      what your Octopus account may see.
    </p>
  );
}

interface PanelToolbarProps {
  selects: FilterBarProps['selects'];
  params: PanelParams;
  onParams: (patch: Partial<PanelParams>) => void;
  /** The zone the address names (a report's drill-down), said beside the range. */
  zone?: string;
  share: ShareActionsProps;
  /** Export CSV; disabled without. */
  onExport?: () => void;
}

function PanelToolbar({ selects, params, onParams, zone, share, onExport }: PanelToolbarProps) {
  return (
    <div class="toolbar">
      <FilterBar
        idPrefix="f"
        label="Filters"
        selects={selects}
        onSelect={(key, value) => onParams(selectPatch(key, value))}
        range={params.range}
        from={params.from}
        to={params.to}
        granularity={params.granularity}
        onRange={onParams}
        hint={zone ? `Days in ${zone}, the report’s time zone` : undefined}
      />
      <div class="toolbar-actions">
        <ShareActions {...share} />
        <button type="button" class="button-primary no-print" onClick={onExport} disabled={!onExport} data-testid="export-csv">
          Export CSV
        </button>
      </div>
    </div>
  );
}
