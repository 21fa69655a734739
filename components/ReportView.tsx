/**
 * One report's numbers for the chosen range and split: metric cards, a chart per metric (one line per
 * split group), the split table, trend lists, rankings and release impact, with drill-down links into each
 * project's Insights panel in Octopus, and the CSV of the deployments behind it all. Laid out from the
 * report's view-models (lib/report/report-view.ts).
 */
import { ExportCsv } from './ExportCsv';
import type { Palette } from '@/lib/chart/series';
import type { MetricCardView } from '@/lib/display/metric-cards';
import { DELIVERY_METRICS, METRIC_NAMES } from '@/lib/display/metric-names';
import type { DeliveryMetric, TierYear } from '@/lib/metrics/types';
import type { RankingView, ReleaseEntryView, ReportChart, SplitTableView, TrendListView } from '@/lib/report/report-view';
import type { SplitSpec } from '@/lib/report/split-groups';
import type { ChartPicture } from '@/lib/chart/picture';
import { ChartCard } from './ChartCard';
import { FilterBar, type FilterBarProps } from './FilterBar';
import { MetricCards } from './MetricCards';
import { Notice } from './Notice';
import { ReportRankings } from './ReportRankings';
import { ReportReleases } from './ReportReleases';
import { ReportSplitTable } from './ReportSplitTable';
import { ReportTrendLists } from './ReportTrendLists';
import { ShareActions, type ShareActionsProps } from './ShareActions';
import { ReportGoals, type ReportGoalsProps } from './ReportGoals';

export interface ReportViewProps {
  window: { from: number; to: number };
  timeZone: string;
  toolbar: Omit<FilterBarProps, 'idPrefix' | 'label' | 'className' | 'hint'>;
  canExport: boolean;
  onExport: () => void;
  /** Whether the CSV carries DORA Lens's columns after Octopus's. */
  csvOurs: boolean;
  onCsvOurs: (ours: boolean) => void;
  share: Omit<ShareActionsProps, 'disabled'>;
  onChartPng?: (picture: ChartPicture) => void;
  /** The report selects no project the user can see. */
  selectsNothing: boolean;
  /** Nothing finished in the window. */
  noDeployments: boolean;
  cards: readonly MetricCardView[];
  charts: readonly ReportChart[];
  palette: Palette;
  onFirstChart?: () => void;
  split?: { spec: SplitSpec; table: SplitTableView; onHighlight?: (key: string) => void };
  metric: DeliveryMetric;
  onMetric: (metric: DeliveryMetric) => void;
  /** The value the trends and rankings compare, formatted. */
  format: (value: number | null) => string;
  /** Days in the window (the previous period is as long). */
  days: number;
  trends: TrendListView[];
  ranking: RankingView;
  releases: { mostFailures: ReleaseEntryView[]; longestRecovery: ReleaseEntryView[] };
  tierYear: TierYear;
  /** The projects' goals over the range (none set: no section). */
  goals?: ReportGoalsProps;
}

export function ReportView(props: ReportViewProps) {
  return (
    <div class="space-report" data-testid="report-view" data-from={props.window.from} data-to={props.window.to} data-time-zone={props.timeZone}>
      <div class="toolbar">
        <FilterBar idPrefix="r" label="Report view" className="report-toolbar" hint={`Days in ${props.timeZone}`} {...props.toolbar} />
        <div class="toolbar-actions">
          <ShareActions {...props.share} disabled={!props.canExport} />
          <ExportCsv id="report" ours={props.csvOurs} onOurs={props.onCsvOurs} onExport={props.onExport} disabled={!props.canExport} />
        </div>
      </div>

      {props.selectsNothing && (
        <Notice title="This report selects no project you can see" testId="report-empty">
          <p>Its project groups, projects and channels are not in your synced data. Edit the report, or use “Sync now” if they are new.</p>
        </Notice>
      )}
      {!props.selectsNothing && props.noDeployments && (
        <Notice title="No deployments finished in this period" testId="report-no-deployments">
          <p>Pick a longer time range, or check the report’s environments and tenants.</p>
        </Notice>
      )}

      <MetricCards testId="report-cards" cards={props.cards} />

      <div class="charts">
        {props.charts.map((c, i) => (
          <ChartCard
            key={c.id}
            testId={`report-chart-${c.id}`}
            title={c.title}
            label={c.label}
            chart={c.chart}
            palette={props.palette}
            timeZone={props.timeZone}
            onDrawn={i === 0 ? props.onFirstChart : undefined}
            onPng={props.onChartPng}
          />
        ))}
      </div>

      {props.split && (
        <section class="report-section" aria-labelledby="split-title" data-testid="split-section" data-split={props.split.spec.kind} data-tag-set={props.split.spec.tagSet ?? ''}>
          <h2 id="split-title">By {props.split.table.groupTitle.toLowerCase()}</h2>
          <ReportSplitTable {...props.split.table} onHighlight={props.split.onHighlight} />
        </section>
      )}

      {props.goals && <ReportGoals {...props.goals} />}

      <Compare {...props} />

      <p class="footnote">
        Tiers, intervals, rankings and release impact are DORA Lens’s own statistics, not Octopus’s; tiers use the DORA {props.tierYear} report’s clusters. Days, weeks and months are
        counted in {props.timeZone}.
      </p>
    </div>
  );
}

/** Trend lists, rankings and release impact, on the metric the user compares by. */
function Compare(props: ReportViewProps) {
  const title = METRIC_NAMES[props.metric];
  return (
    <section class="report-section" aria-labelledby="compare-title">
      <div class="section-head">
        <h2 id="compare-title">Trends, rankings and releases</h2>
        <label class="field inline-field" for="r-metric">
          <span>Compare by</span>
          <select id="r-metric" value={props.metric} onChange={(e) => props.onMetric((e.currentTarget as HTMLSelectElement).value as DeliveryMetric)}>
            {DELIVERY_METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_NAMES[m]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="muted">This period against the previous {Math.round(props.days)} days, with Octopus’s rule: at least 10 deployments in both, and a change of 5 % or more.</p>
      <ReportTrendLists metricTitle={title} format={props.format} lists={props.trends} />
      <div class="report-columns">
        <section class="card" aria-labelledby="rankings-title" data-testid="rankings">
          <h3 id="rankings-title">Highest and lowest performing projects</h3>
          <ReportRankings metricTitle={title} format={(v) => props.format(v)} {...props.ranking} />
        </section>
        <section class="card" aria-labelledby="releases-title" data-testid="releases">
          <h3 id="releases-title">Releases with the most impact</h3>
          <ReportReleases {...props.releases} />
        </section>
      </div>
    </section>
  );
}
