/**
 * One report's page as data: the query its view asks, the split it can have, the charts (one line per split
 * group), the split table's rows, the trend lists, rankings and release impact with their drill-down links.
 * Pure: computed numbers in, what the report's components lay out. Links come from the caller's `href`
 * (lib/host/panel-link.ts builds them), so this part knows nothing of Octopus's addresses.
 */
import { type ChartData, chartData, type Palette } from '@/lib/chart/series';
import { formatCount, formatDurationShort } from '@/lib/display/format';
import { DORA_METRICS, METRIC_NAMES } from '@/lib/display/metric-names';
import type { Dimensions } from '@/lib/metrics/facts';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { DeliveryMetric, DoraMetric, Insights, TrendResult } from '@/lib/metrics/types';
import { rangeSpec, type ViewSettings } from '@/lib/panel/project-view';
import { OTHERS_KEY, type ReportQuery, type SplitResult } from './compute-report';
import { figuresOfGroup, figuresOfPeriod, type ReportFigures, splitTitle } from './report-labels';
import type { ReportParams } from './report-params';
import type { ResolvedReport } from './resolve-report';
import { type SplitKind, type SplitSpec, tagSets } from './split-groups';
import { OTHERS_COLOR, SPLIT_VALUE_LABEL, splitChartData } from './split-series';
import { TREND_DIMENSIONS, type TrendDimension, type TrendLists, type TrendNoise } from './trend-lists';

/** A link into a project's panel in Octopus, pinned to an environment when given; none for a project not in the cache. */
export type ProjectHref = (project: number, environment?: number) => string | undefined;

/** The query of a report's view: its range in the report's own zone, the user's week start and tier year. */
export function reportQuery(params: ReportParams, timeZone: string, settings: Pick<ViewSettings, 'weekStart' | 'tierYear'>, now: number): ReportQuery {
  return {
    now,
    range: rangeSpec({ range: params.range, from: params.from, to: params.to, granularity: params.granularity, tenant: 'all' }, timeZone),
    granularity: params.granularity,
    timeZone,
    weekStart: settings.weekStart,
    tierYear: settings.tierYear,
  };
}

/** The tag sets a tenant-tag split can use: those of the report's tenants. */
export const reportTagSets = (dims: Dimensions, report: ResolvedReport): string[] => [...tagSets(dims, report.tenants.ids).keys()];

/**
 * The split the view asks for, when the report can have it: no environment groups or no such tag set shows
 * as no split (the split and range carry over from report to report).
 *
 * @example
 * splitSpecOf({ ...params, split: 'environmentGroup' }, reportWithoutGroups, []) //=> null
 */
export function splitSpecOf(params: ReportParams, report: ResolvedReport, sets: readonly string[]): SplitSpec | null {
  if (params.split === 'none') return null;
  if (params.split === 'environmentGroup' && report.environmentGroups.length === 0) return null;
  if (params.split === 'tenantTag' && !sets.includes(params.tagSet ?? '')) return null;
  return { kind: params.split, tagSet: params.split === 'tenantTag' ? params.tagSet : undefined };
}

/** The "Split by" choices: a tenant-tag split per tag set, written `tenantTag:<set>`. */
export function splitOptions(dims: Dimensions, report: ResolvedReport, sets: readonly string[]): { value: string; label: string }[] {
  return [
    { value: 'none', label: 'No split' },
    { value: 'project', label: 'Project' },
    { value: 'projectGroup', label: 'Project group' },
    { value: 'environment', label: 'Environment' },
    ...(report.environmentGroups.length > 0 ? [{ value: 'environmentGroup', label: 'Environment group' }] : []),
    ...(dims.tenants.length > 0 ? [{ value: 'tenant', label: 'Tenant' }] : []),
    ...sets.map((set) => ({ value: `tenantTag:${set}`, label: `Tenant tag: ${set}` })),
  ];
}

/** The "Split by" choice of a split, and back. */
export const splitValue = (spec: SplitSpec | null): string => (spec ? (spec.kind === 'tenantTag' ? `tenantTag:${spec.tagSet}` : spec.kind) : 'none');

/**
 * @example
 * splitPatch('tenantTag:Region') //=> { split: 'tenantTag', tagSet: 'Region' }
 */
export function splitPatch(value: string): Pick<ReportParams, 'split' | 'tagSet'> {
  const [kind, tagSet] = value.split(':');
  return { split: kind as SplitKind | 'none', tagSet: kind === 'tenantTag' ? tagSet : undefined };
}

/** The project's panel a row leads to: pinned to the row's environment or the report's only one, and the report's only channel when it is not the default. */
export function drillDownTarget(
  dims: Dimensions,
  report: ResolvedReport,
  project: number,
  environment?: number,
): { projectSlug: string; environment?: string; channel?: string } | undefined {
  const p = dims.projects[project];
  if (!p) return undefined;
  const env = environment ?? (report.environments.length === 1 ? report.environments[0] : undefined);
  const channels = report.channels.filter((c) => dims.channels[c].project === project);
  const channel = channels.length === 1 && !dims.channels[channels[0]].isDefault ? dims.channels[channels[0]].id : undefined;
  return { projectSlug: p.slug, environment: env === undefined ? undefined : dims.environments[env]?.id, channel };
}

export interface ReportChart {
  id: DoraMetric;
  title: string;
  /** What a value is, e.g. "successful deployments per week, by project". */
  label: string;
  chart: ChartData;
}

/**
 * A chart per DORA metric: the report's own series, or with a split one line per busiest group and one
 * "Others", the busiest few (or the `picked` ones) in colour. `lineColors` gives each group's line colour,
 * for the split table's swatches.
 */
export function reportCharts(
  insights: Insights,
  split: SplitResult | null,
  palette: Palette,
  dark: boolean,
  picked: readonly string[] = [],
): { charts: ReportChart[]; lineColors: Map<string, string>; highlighted: Set<string> } {
  const lineColors = new Map<string, string>();
  const highlighted = new Set<string>();
  const per = `per ${insights.window.granularity}`;
  const charts = DORA_METRICS.map((id): ReportChart => {
    const title = METRIC_NAMES[id];
    if (!split || split.lines.length === 0) return { id, title, label: `${SPLIT_VALUE_LABEL[id]} ${per}`, chart: chartData(id, insights.series, palette) };
    const chart = splitChartData(id, insights.series, split.lines, dark, OTHERS_KEY, picked);
    split.lines.forEach((l, k) => {
      lineColors.set(l.key, chart.series[k].color);
      if (!chart.series[k].quiet) highlighted.add(l.key);
    });
    return { id, title, label: `${SPLIT_VALUE_LABEL[id]} ${per}, by ${splitTitle(split.spec.kind, split.spec.tagSet).toLowerCase()}`, chart };
  });
  return { charts, lineColors, highlighted };
}

/**
 * The highlighted lines after the user toggles one: added, or taken out (the last one out leaves none
 * picked, which draws the busiest again).
 *
 * @example
 * togglePick(['Projects-1', 'Projects-2'], 'Projects-2') //=> ['Projects-1']
 */
export const togglePick = (picked: readonly string[], key: string): string[] => (picked.includes(key) ? picked.filter((k) => k !== key) : [...picked, key]);

export interface SplitTableRow {
  key: string;
  label: string;
  figures: ReportFigures;
  /** The colour of its chart line; none when it is summed into "Others". */
  color?: string;
  /** Its line is drawn in colour (not kept quiet until hovered). */
  highlighted?: boolean;
  /** The project's Insights panel in Octopus (project rows). */
  href?: string;
}

export interface SplitTableView {
  /** "Project", "Environment group", "Region tag"… */
  groupTitle: string;
  rows: SplitTableRow[];
  others?: { groups: number; figures: ReportFigures; color: string; highlighted: boolean };
  total: ReportFigures;
  /** Groups overlap (a tenant with two tags of the set), so the rows do not add up to the total. */
  overlapping: boolean;
}

export function splitTable(
  split: SplitResult,
  insights: Insights,
  lineColors: ReadonlyMap<string, string>,
  dark: boolean,
  href: ProjectHref,
  highlighted: ReadonlySet<string> = new Set(),
): SplitTableView {
  return {
    groupTitle: splitTitle(split.spec.kind, split.spec.tagSet),
    rows: split.rows.map((row) => ({
      key: row.group.key,
      label: row.group.label,
      figures: figuresOfGroup(row.current),
      color: lineColors.get(row.group.key),
      highlighted: highlighted.has(row.group.key),
      href: row.group.project !== undefined ? href(row.group.project) : undefined,
    })),
    others: split.others
      ? { groups: split.others.groups, figures: figuresOfGroup(split.others.period), color: dark ? OTHERS_COLOR.dark : OTHERS_COLOR.light, highlighted: highlighted.has(OTHERS_KEY) }
      : undefined,
    total: figuresOfPeriod(insights.summary),
    overlapping: split.spec.kind === 'tenantTag',
  };
}

export interface TrendEntryView {
  key: string;
  label: string;
  trend: TrendResult;
  /** Whether the change is beyond noise, with the samples: `n = 40 → 52 · within noise (p = 0.41)`. */
  noise: string;
  noiseSignificant: boolean;
  href?: string;
}

/**
 * @example
 * noiseText({ pValue: 0.41, significant: false, before: 40, after: 52 }) //=> 'n = 40 → 52 · within noise (p = 0.41)'
 * noiseText({ pValue: null, significant: false, before: 3, after: 4 }) //=> 'n = 3 → 4 · not enough data to tell'
 */
export function noiseText(noise: TrendNoise): string {
  const n = `n = ${formatCount(noise.before)} → ${formatCount(noise.after)}`;
  if (noise.pValue === null) return `${n} · not enough data to tell`;
  const p = noise.pValue < 0.001 ? 'p < 0.001' : `p = ${noise.pValue.toFixed(noise.pValue < 0.01 ? 3 : 2)}`;
  return `${n} · ${noise.significant ? 'beyond' : 'within'} noise (${p})`;
}

export interface TrendListView {
  dimension: TrendDimension;
  /** Plural noun, "projects". */
  noun: string;
  present: number;
  improving: TrendEntryView[];
  worsening: TrendEntryView[];
}

/** Octopus's trend lists for projects, environments and tenants, project entries linked to their panel. */
export function trendListViews(trends: Record<TrendDimension, TrendLists>, href: ProjectHref): TrendListView[] {
  return TREND_DIMENSIONS.map((dimension) => {
    const entry = (e: TrendLists['improving'][number]): TrendEntryView => ({
      key: e.group.key,
      label: e.group.label,
      trend: e.trend,
      noise: noiseText(e.noise),
      noiseSignificant: e.noise.significant,
      href: e.group.project !== undefined ? href(e.group.project) : undefined,
    });
    return { dimension, noun: `${dimension}s`, present: trends[dimension].present, improving: trends[dimension].improving.map(entry), worsening: trends[dimension].worsening.map(entry) };
  });
}

export interface RankingEntryView {
  key: string;
  label: string;
  value: number;
  sample: number;
  href?: string;
}

export interface RankingView {
  best: RankingEntryView[];
  worst: RankingEntryView[];
  /** Projects with deployments but too few to rank, and the minimum. */
  belowMinimum: number;
  minSample: number;
  /** What the sample counts: deployments, lead times, recoveries. */
  sampleNoun: string;
}

const SAMPLE_NOUN: Record<DeliveryMetric, string> = { frequency: 'deployments', failureRate: 'deployments', leadTime: 'lead times', recovery: 'recoveries', reworkRate: 'deployments' };

/** The highest and lowest performing projects on one metric (DORA Lens's ranking, beyond Octopus). */
export function rankingView(insights: Insights, dims: Dimensions, metric: DeliveryMetric, href: ProjectHref): RankingView {
  const ranking = insights.beyondOctopus.rankings.project[metric];
  const entry = (e: (typeof ranking.best)[number]): RankingEntryView => ({ key: dims.projects[e.index].id, label: e.name, value: e.value, sample: e.sample, href: href(e.index) });
  return { best: ranking.best.map(entry), worst: ranking.worst.map(entry), belowMinimum: ranking.belowMinimum, minSample: ranking.minSample, sampleNoun: SAMPLE_NOUN[metric] };
}

export interface ReleaseEntryView {
  key: string;
  version: string;
  project: string;
  projectId: string;
  /** "3 of 7 failed" or a recovery time. */
  figure: string;
  value: number;
  href?: string;
  /** The release's own page in Octopus. */
  releaseHref?: string;
}

/** A link to a release's page in Octopus, by the release's index in the history; none when unknown. */
export type ReleaseHref = (release: number) => string | undefined;

/**
 * The releases with the most failed deployments and the longest recoveries, each linked to its page in
 * Octopus and its project's panel.
 */
export function releaseViews(
  insights: Insights,
  prepared: PreparedHistory,
  href: ProjectHref,
  releaseHref: ReleaseHref = () => undefined,
): { mostFailures: ReleaseEntryView[]; longestRecovery: ReleaseEntryView[] } {
  const dims = prepared.history.dims;
  const projectOf = prepared.history.releases.project;
  const environmentOf = prepared.history.deployments.environment;
  const { mostFailures, longestRecovery } = insights.beyondOctopus.releases;
  return {
    mostFailures: mostFailures.map((e) => ({
      key: `f-${e.release}`,
      version: e.version,
      project: e.project,
      projectId: dims.projects[projectOf[e.release]]?.id ?? '',
      figure: `${formatCount(e.failures)} of ${formatCount(e.deployments)} failed`,
      value: e.failures,
      href: href(projectOf[e.release]),
      releaseHref: releaseHref(e.release),
    })),
    longestRecovery: longestRecovery.map((e) => ({
      key: `r-${e.release}`,
      version: e.version,
      project: e.project,
      projectId: dims.projects[projectOf[e.release]]?.id ?? '',
      figure: formatDurationShort(e.recoveryMs),
      value: e.recoveryMs,
      // The environment of the run's first failure: where the recovery happened.
      href: href(projectOf[e.release], environmentOf[e.firstFailure]),
      releaseHref: releaseHref(e.release),
    })),
  };
}

/** The CSV has rows when anything finished in the window, canceled and timed-out deployments included. */
export function hasDeployments(insights: Insights): boolean {
  const rate = insights.summary.failureRate;
  return rate.total + rate.beyondOctopus.excluded.canceled + rate.beyondOctopus.excluded.timedOut > 0;
}
