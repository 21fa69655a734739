/**
 * From the panel's URL parameters to a metrics query for one project, with Octopus's defaults: the
 * project's default channel, and the last environment of that channel's lifecycle (docs/octopus-api.md
 * §1.5). Pure: dims in, query out.
 */
import type { Dimensions } from '@/lib/metrics/facts';
import { localToUtc } from '@/lib/metrics/local-to-utc';
import type { DeploymentFilter, InsightsQuery, RangeSpec, TenantSelection, WeekStart } from '@/lib/metrics/types';
import type { PanelParams } from './panel-params';

export interface ProjectView {
  project: number;
  /** Channels of the project, the default first. */
  channels: number[];
  channel: number;
  /** Environments the channel's lifecycle reaches, in lifecycle order (all environments if it lists none). */
  environments: number[];
  environment: number;
  /** Tenants of the space, for tenanted projects (empty when the project is untenanted). */
  tenants: number[];
  tenant: TenantSelection;
  query: InsightsQuery;
}

export interface ViewSettings {
  timeZone: string;
  weekStart: WeekStart;
  tierYear: InsightsQuery['tierYear'];
}

export const findProject = (dims: Dimensions, slugOrId: string): number =>
  dims.projects.findIndex((p) => p.slug === slugOrId || p.id === slugOrId);

/** Lifecycle environments in promotion order; the project's lifecycle when the channel has none. */
export function lifecycleEnvironments(dims: Dimensions, project: number, channel: number): number[] {
  const lifecycle = dims.channels[channel]?.lifecycle ?? -1;
  const phases = dims.lifecycles[lifecycle >= 0 ? lifecycle : dims.projects[project].lifecycle]?.phases ?? [];
  const ordered = [...new Set(phases.flatMap((p) => p.environments))];
  // A lifecycle with no phases lets a release go to any environment (Octopus's default lifecycle).
  return ordered.length ? ordered : dims.environments.map((_, i) => i);
}

export function projectView(dims: Dimensions, project: number, params: PanelParams, settings: ViewSettings, now: number): ProjectView {
  const channels = dims.channels
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.project === project)
    .sort((a, b) => Number(b.c.isDefault) - Number(a.c.isDefault) || a.c.name.localeCompare(b.c.name))
    .map(({ i }) => i);
  const byId = (id: string | undefined, pool: number[], list: { id: string }[]) => pool.find((i) => list[i].id === id);
  const channel = byId(params.channel, channels, dims.channels) ?? channels[0] ?? -1;
  const environments = channel >= 0 ? lifecycleEnvironments(dims, project, channel) : dims.environments.map((_, i) => i);
  const environment =
    dims.environments.findIndex((e) => e.id === params.environment) >= 0
      ? dims.environments.findIndex((e) => e.id === params.environment)
      : (environments[environments.length - 1] ?? -1);
  const tenanted = dims.projects[project].tenantedMode !== 'Untenanted';
  const tenants = tenanted ? dims.tenants.map((_, i) => i).sort((a, b) => dims.tenants[a].name.localeCompare(dims.tenants[b].name)) : [];
  const tenant = tenantSelection(dims, params.tenant);

  const filter: DeploymentFilter = {
    projects: [project],
    channels: channel >= 0 ? [channel] : undefined,
    environments: environment >= 0 ? [environment] : undefined,
    tenants: tenant,
  };
  return {
    project,
    channels,
    channel,
    environments,
    environment,
    tenants,
    tenant,
    query: {
      now,
      range: rangeSpec(params, settings.timeZone),
      granularity: params.granularity,
      timeZone: settings.timeZone,
      weekStart: settings.weekStart,
      tierYear: settings.tierYear,
      filter,
    },
  };
}

export function tenantSelection(dims: Dimensions, tenant: string): TenantSelection {
  if (tenant === 'untenanted') return { untenanted: true, tenants: 'none' };
  const index = dims.tenants.findIndex((t) => t.id === tenant);
  if (index >= 0) return { untenanted: false, tenants: { ids: [index] } };
  return { untenanted: true, tenants: 'all' };
}

/** A custom range covers whole local days: from the start of `from` to the end of `to` in the zone. */
export function rangeSpec(params: PanelParams, timeZone: string): RangeSpec {
  if (params.range !== 'custom' || !params.from || !params.to) return { preset: params.range === 'custom' ? 'lastQuarter' : params.range };
  return { from: startOfLocalDay(params.from, timeZone), to: startOfLocalDay(nextDay(params.to), timeZone) };
}

const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** UTC ms of local midnight of `date` in `timeZone`. */
export const startOfLocalDay = (date: string, timeZone: string): number => localToUtc(Date.parse(`${date}T00:00:00Z`), timeZone);
