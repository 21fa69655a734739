/** Words and number formats of the report page, shared by its views. */
import { formatDurationShort, formatPercent, formatRate } from '@/lib/display/format';
import type { Dimensions } from '@/lib/metrics/facts';
import type { DeliveryMetric, PeriodMetrics } from '@/lib/metrics/types';
import type { GroupPeriod } from './group-stats';
import type { ResolvedReport } from './resolve-report';
import type { SplitKind } from './split-groups';

/** A row of the split table: a group's (or the total's) figures in the window. */
export interface ReportFigures {
  successful: number;
  failed: number;
  total: number;
  failureRate: number | null;
  /** Deployment rework rate (ours, DORA's fifth). */
  reworkRate: number | null;
  perWeek: number;
  leadTimeMedian: number | null;
  recoveryMedian: number | null;
  durationMean: number | null;
}

/** The value a trend or ranking compares, formatted (per week, duration or percent). */
export function metricFormat(metric: DeliveryMetric): (value: number | null) => string {
  if (metric === 'frequency') return (v) => (v === null ? '–' : `${formatRate(v)} / week`);
  if (metric === 'failureRate' || metric === 'reworkRate') return (v) => formatPercent(v);
  return (v) => formatDurationShort(v);
}

export function splitTitle(kind: SplitKind, tagSet?: string): string {
  switch (kind) {
    case 'project':
      return 'Project';
    case 'projectGroup':
      return 'Project group';
    case 'environment':
      return 'Environment';
    case 'environmentGroup':
      return 'Environment group';
    case 'tenant':
      return 'Tenant';
    case 'tenantTag':
      return `${tagSet ?? ''} tag`;
  }
}

export function figuresOfGroup(g: GroupPeriod): ReportFigures {
  return {
    successful: g.successful,
    failed: g.failed,
    total: g.total,
    failureRate: g.failureRate,
    reworkRate: g.reworkRate,
    perWeek: g.perWeek,
    leadTimeMedian: g.leadTime.median,
    recoveryMedian: g.recovery.median,
    durationMean: g.duration.mean,
  };
}

export function figuresOfPeriod(p: PeriodMetrics): ReportFigures {
  return {
    successful: p.frequency.successful,
    failed: p.failureRate.failed,
    total: p.failureRate.total,
    failureRate: p.failureRate.rate,
    reworkRate: p.beyondOctopus.reworkRate.rate,
    perWeek: p.frequency.perWeek,
    leadTimeMedian: p.leadTime.median,
    recoveryMedian: p.recovery.median,
    durationMean: p.duration.mean,
  };
}

const list = (names: string[], max = 6) => (names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`);

/**
 * What every card of a report covers, in a few words: "Production environments" for the built-in default
 * (the popup's scope), else the report's environments.
 *
 * @example
 * cardScope(resolved) //=> 'Production environments'
 */
export function cardScope(report: ResolvedReport): string {
  if (report.definition.productionEnvironments) return 'Production environments';
  if (report.environmentGroups.length === 0) return 'All environments';
  return list(report.environmentGroups.map((g) => g.name), 3);
}

/** The report's scope in words, from what the cache knows (invisible selections are counted elsewhere). */
export function scopeItems(dims: Dimensions, report: ResolvedReport): { term: string; detail: string }[] {
  const def = report.definition;
  const projects = report.allProjects
    ? `All ${report.projects.length} projects, ${def.productionEnvironments ? 'every channel' : 'default channels'}`
    : `${report.projects.length} ${report.projects.length === 1 ? 'project' : 'projects'} through ${report.channels.length} ${report.channels.length === 1 ? 'channel' : 'channels'}: ${list(report.projects.map((p) => dims.projects[p].name))}`;
  const environments = def.productionEnvironments
    ? `Each project’s production environment (the last of its default channel’s lifecycle): ${list(report.environments.map((e) => dims.environments[e].name))}`
    : report.environmentGroups.length === 0
      ? 'All environments'
      : report.environmentGroups.map((g) => `${g.name} (${g.environments.map((e) => dims.environments[e].name).join(', ') || 'none visible'})`).join(' · ');
  const chosen = def.tenantIds.length > 0 || def.tenantTags.length > 0;
  const which = chosen ? list([...report.tenants.ids.map((t) => dims.tenants[t].name)]) || 'none visible' : 'all tenants';
  const tenants =
    def.tenantMode === 'Untenanted'
      ? 'Untenanted deployments only'
      : `${def.tenantMode === 'Tenanted' ? 'Tenanted only' : 'Untenanted and tenanted'}: ${which}${def.tenantTags.length ? ` (tags ${def.tenantTags.join(', ')})` : ''}`;
  return [
    { term: 'Releases', detail: projects },
    { term: 'Environments', detail: environments },
    { term: 'Tenants', detail: tenants },
    { term: 'Time zone', detail: def.timeZone },
  ];
}
