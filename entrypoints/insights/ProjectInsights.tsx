/**
 * A project's Insights: filters, a card and a chart per metric with its goal, the deployments behind them,
 * goals and follow, and ways to take them out: CSV, a Markdown summary, a chart's PNG, print. Days are counted in the viewer's zone, or in the
 * zone the address names (a space report's drill-down).
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { ChartCard } from '@/components/ChartCard';
import { ShareActions, type ShareActionsProps } from '@/components/ShareActions';
import { DeploymentTable, type RowLinks } from '@/components/DeploymentTable';
import { ExportCsv } from '@/components/ExportCsv';
import { FilterBar, type FilterBarProps } from '@/components/FilterBar';
import { GoalsEditor } from '@/components/GoalsEditor';
import { MetricCards } from '@/components/MetricCards';
import { PanelEmpty } from '@/components/InsightsNotices';
import { StatusMessage } from '@/components/StatusMessage';
import { metricCharts } from '@/lib/chart/metric-charts';
import { type ChartPicture, pictureFileName } from '@/lib/chart/picture';
import { DARK_PALETTE, LIGHT_PALETTE } from '@/lib/chart/series';
import { metricCards } from '@/lib/display/metric-cards';
import { DELIVERY_METRICS, METRIC_NAMES } from '@/lib/display/metric-names';
import { csvFileName } from '@/lib/export/csv-file-name';
import { deploymentsCsvChunks } from '@/lib/export/deployments-csv';
import { evaluateGoals, periodFigures } from '@/lib/goals/evaluate-goals';
import { deploymentPageUrl, releasePageUrl } from '@/lib/host/octopus-links';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { deploymentRowColumns, releaseName } from '@/lib/metrics/deployment-rows';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { DeliveryMetric } from '@/lib/metrics/types';
import type { PanelParams } from '@/lib/panel/panel-params';
import { panelState } from '@/lib/panel/panel-state';
import { focusRows, panelScope, panelSelects, selectPatch } from '@/lib/panel/panel-view';
import { findProject, projectView, type ViewSettings } from '@/lib/panel/project-view';
import { rangeText, selectScope } from '@/lib/share/range-text';
import { summaryMarkdown } from '@/lib/share/summary-markdown';
import type { GoalsOwner } from '@/lib/store/goals-store';
import { downloadChartPng } from '@/lib/ui/chart-png';
import { copyText } from '@/lib/ui/clipboard';
import { downloadText } from '@/lib/ui/download';
import { useMarks } from '@/lib/ui/use-marks';
import { type ProjectGoals, useProjectGoals } from '@/lib/ui/use-project-goals';
import { dayOf } from '@/lib/panel/before-after-view';
import { ProjectBeforeAfter } from './ProjectBeforeAfter';

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
  /** Whose date marks and goals: the server, the signed-in Octopus user, the space. */
  owner: GoalsOwner;
  onParams: (patch: Partial<PanelParams>) => void;
  onFirstChart?: () => void;
}

export function ProjectInsights(props: ProjectInsightsProps) {
  const zone = props.params.zone;
  const settings = useMemo(() => (zone ? { ...props.settings, timeZone: zone } : props.settings), [props.settings, zone]);
  const project = findProject(props.prepared.history.dims, props.projectSlug);
  // The parent shows what Octopus says of a project the cache does not have (ProjectAccessNotice).
  if (project < 0) return null;
  return <ProjectPanel {...props} settings={settings} project={project} />;
}

function ProjectPanel(props: ProjectInsightsProps & { project: number }) {
  const { prepared, settings, now, project } = props;
  const dims = prepared.history.dims;
  const [focus, setFocus] = useState<DeliveryMetric>('leadTime');
  const [ours, setOurs] = useState(false);
  const goals = useProjectGoals(props.owner, dims, project);
  const marks = useMarks({ server: props.owner.server, userId: props.owner.userId, project: dims.projects[project].id });
  const [draftDay, setDraftDay] = useState<string>();
  const [changes, setChanges] = useState<string[]>([]);

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

  const links = useRowLinks(props.server, props.space, prepared);
  const env = dims.environments[view.environment];
  const projectName = dims.projects[project].name;
  const title = `${projectName} → ${env?.name ?? ''}`;
  const state = panelState(prepared, view, insights, rows.length);
  const nothing = state.kind !== 'numbers';
  const selects = panelSelects(dims, view, props.params);
  const cards = metricCards(insights, { scope: panelScope(dims, view), goals: statuses });
  const fileName = csvFileName({ project: projectName, environment: env?.name, from: insights.window.from, to: insights.window.to, timeZone: settings.timeZone });
  const exportCsv = () => downloadText(deploymentsCsvChunks(rows, { bom: true, beyondOctopusColumns: ours }), fileName, 'text/csv;charset=utf-8');
  const copySummary = () => copyText(summaryMarkdown({ title, scope: selectScope(selects), range: rangeText(insights.window), cards, changes }));
  const png = (picture: ChartPicture) => void downloadChartPng({ ...picture, label: `${picture.label} · ${title}` }, pictureFileName(fileName, picture.title));
  const chartProps = { palette, timeZone: settings.timeZone, onPng: png, decorations: marks.decorations, onPick: (at: number) => setDraftDay(dayOf(at, settings.timeZone)) };

  return (
    <div class="project-insights">
      <PanelToolbar
        selects={selects}
        params={props.params}
        onParams={props.onParams}
        zone={props.params.zone}
        share={{ onCopy: copySummary, onPrint: () => window.print(), disabled: nothing }}
        goals={goals}
        csv={{ ours, onOurs: setOurs, onExport: exportCsv, disabled: rows.length === 0 }}
      />
      <ProjectGoalsArea goals={goals} dims={dims} channels={view.channels} projectName={projectName} />

      {/* Another channel keeps the environment it was offered for (absent: the channel's default one). */}
      {state.kind !== 'numbers' && <PanelEmpty title={state.title} text={state.text} channels={state.channels} choices={state.environments} onChannel={(c) => props.onParams({ channel: c.id, environment: c.environment ?? '' })} onChoose={(environment) => props.onParams({ environment })} />}
      {state.kind === 'numbers' && state.history && (
        <p class="history-start" data-testid="history-start">
          {state.history}
        </p>
      )}
      {/* One empty state instead of zeros, "Not rated" badges and "not enough data" lines. */}
      {state.kind === 'numbers' && (
        <>
          <MetricCards heading={`DORA metrics: ${title}`} cards={cards} />

          <div class="charts">
            {charts.map(({ id, title, chart }, i) => (
              <ChartCard key={id} testId={`chart-${id}`} title={title} label={`per ${insights.window.granularity}`} chart={chart} {...chartProps} onDrawn={i === 0 ? props.onFirstChart : undefined} />
            ))}
          </div>

          <ProjectBeforeAfter prepared={prepared} query={view.query} marks={marks} timeZone={settings.timeZone} end={insights.window.to} draftDay={draftDay} source={{ ...props.owner, project }} onChanges={setChanges} />

          <DetailsSection focus={focus} onFocus={setFocus}>
            <DeploymentTable rows={focusRows(rows, focus)} focus={focus} timeZone={settings.timeZone} caption={title} links={links} />
          </DetailsSection>
          <PanelFootnote tierYear={insights.beyondOctopus.tiers.year} />
        </>
      )}
    </div>
  );
}

/** Each deployment and release of the tables as a link to its page in Octopus, on the user's own server. */
function useRowLinks(server: string, space: string, prepared: PreparedHistory): RowLinks {
  return useMemo(
    () => ({
      deployment: (row) => deploymentPageUrl(server, space, row.deployment),
      release: (row) => {
        const id = releaseName(prepared, row.index);
        return id ? releasePageUrl(server, space, id) : undefined;
      },
    }),
    [server, space, prepared],
  );
}

/** The deployments behind one metric, chosen here in words (not by a card's title silently toggling the table). */
function DetailsSection({ focus, onFocus, children }: { focus: DeliveryMetric; onFocus: (metric: DeliveryMetric) => void; children: ComponentChildren }) {
  return (
    <section class="details" aria-labelledby="details-title">
      <div class="details-head">
        <h2 id="details-title">Deployments behind</h2>
        <label class="field" for="f-details">
          <span class="visually-hidden">Metric whose deployments are listed</span>
          <select id="f-details" value={focus} onChange={(e) => onFocus((e.currentTarget as HTMLSelectElement).value as DeliveryMetric)}>
            {DELIVERY_METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_NAMES[m].toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      </div>
      {children}
    </section>
  );
}

function PanelFootnote({ tierYear }: { tierYear: number }) {
  return (
    <p class="footnote">
      Figures marked with a tier, an interval or a goal, and whether a change is beyond noise, are DORA Lens’s own statistics, not Octopus’s. Tiers use the
      DORA {tierYear} report’s clusters; deployment rework rate, DORA’s fifth metric, has none. Totals include only what your Octopus account may see.
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
  goals: ProjectGoals;
  /** Export CSV, Octopus's columns or with ours too. */
  csv: { ours: boolean; onOurs: (ours: boolean) => void; onExport: () => void; disabled: boolean };
}

function PanelToolbar({ selects, params, onParams, zone, share, goals, csv }: PanelToolbarProps) {
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
        <GoalActions goals={goals} />
        <ShareActions {...share} />
        <ExportCsv id="panel" {...csv} />
      </div>
    </div>
  );
}

/**
 * What following said, and the goals editor for the space and this project (when open), with the project's
 * channels to mark as hotfix channels.
 */
function ProjectGoalsArea({ goals, dims, channels, projectName }: { goals: ProjectGoals; dims: PreparedHistory['history']['dims']; channels: number[]; projectName: string }) {
  const hotfix = channels.map((c) => ({ id: dims.channels[c].id, name: dims.channels[c].name, checked: goals.hotfixIds.includes(dims.channels[c].id) }));
  return (
    <>
      <StatusMessage note={goals.followStatus} testId="follow-status" />
      {goals.editor.open && (
        <GoalsEditor
          rows={goals.editor.rows}
          project={projectName}
          hotfix={hotfix}
          errors={goals.editor.errors}
          status={goals.editor.status}
          onSave={goals.save}
          onClose={() => goals.openEditor(false)}
        />
      )}
    </>
  );
}

/** Follow the project (alerts) and open the goals editor. */
function GoalActions({ goals }: { goals: ProjectGoals }) {
  return (
    <>
      <button type="button" class="no-print" aria-pressed={goals.following} onClick={goals.toggleFollow} data-testid="follow">
        {goals.following ? 'Following ✓' : 'Follow'}
      </button>
      <button type="button" class="no-print" aria-expanded={goals.editor.open} onClick={() => goals.openEditor(!goals.editor.open)} data-testid="goals">
        Goals
      </button>
    </>
  );
}
