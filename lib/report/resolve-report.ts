/**
 * From a report's settings (Octopus ids) to what the metrics take (indices into the cache's dimensions):
 * the channels its releases come from, its environments and environment groups, its tenants — and how many
 * of its ids the cache does not know, which happens when the signed-in user may not see them or they were
 * deleted. Those are counted, never named (the name is what the user may not see), and they select nothing:
 * a report whose projects are all invisible shows no deployments rather than falling back to all.
 */
import type { Dimensions } from '@/lib/metrics/facts';
import { reportChannels } from '@/lib/metrics/report-channels';
import { productionFilter, productionTargets } from '@/lib/panel/production';
import type { DeploymentFilter, EnvironmentGroup, TenantSelection } from '@/lib/metrics/types';
import type { ReportDefinition } from './report-definition';
import { type TenantSet, tenantSet } from './report-tenants';
import { isPlaceholder } from './visible-dims';

export interface ResolvedReport {
  definition: ReportDefinition;
  /** Every restriction made explicit (channels, environments, tenants), ready for `computeInsights`. */
  filter: DeploymentFilter;
  /** No release selection: every project's default channel. */
  allProjects: boolean;
  channels: number[];
  /** Projects with at least one of the report's channels, ascending. */
  projects: number[];
  /** The report's environments (all when it has no groups), ascending. */
  environments: number[];
  /** The report's groups with the environments the cache knows, in the report's order. */
  environmentGroups: EnvironmentGroup[];
  tenants: TenantSet;
  /** Ids of each kind that the cache does not know. */
  missing: { projectGroups: number; projects: number; channels: number; environments: number; tenants: number };
}

function indexer(list: readonly { id: string; name: string }[]): (ids: readonly string[]) => { found: number[]; missing: number } {
  const byId = new Map(list.flatMap((item, i) => (isPlaceholder(item) ? [] : [[item.id, i] as const])));
  return (ids) => {
    const found: number[] = [];
    let missing = 0;
    for (const id of ids) {
      const i = byId.get(id);
      if (i === undefined) missing++;
      else found.push(i);
    }
    return { found, missing };
  };
}

export function tenantSelectionOf(report: ReportDefinition, tenantIndices: number[]): TenantSelection {
  if (report.tenantMode === 'Untenanted') return { untenanted: true, tenants: 'none' };
  const specific = report.tenantIds.length > 0 || report.tenantTags.length > 0;
  return {
    untenanted: report.tenantMode === 'TenantedAndUntenanted',
    tenants: specific ? { ids: tenantIndices, tags: report.tenantTags } : 'all',
  };
}

/**
 * @example
 * resolveReport(dims, { ...report, projectIds: ['Projects-1'], environmentGroups: [{ name: 'Prod', environmentIds: ['Environments-4'] }] })
 * //=> { filter: { channels: [0], environments: [3] }, environmentGroups: [{ name: 'Prod', environments: [3] }], … }
 */
export function resolveReport(dims: Dimensions, report: ReportDefinition): ResolvedReport {
  if (report.productionEnvironments) return resolveProduction(dims, report);
  const groups = indexer(dims.projectGroups)(report.projectGroupIds);
  const projects = indexer(dims.projects)(report.projectIds);
  const channelIds = indexer(dims.channels)(report.channelIds);
  const allProjects = report.projectGroupIds.length === 0 && report.projectIds.length === 0 && report.channelIds.length === 0;
  const channels = allProjects
    ? reportChannels(dims, { projects: dims.projects.map((_, i) => i) })
    : reportChannels(dims, { projectGroups: groups.found, projects: projects.found, channels: channelIds.found });

  const findEnvironments = indexer(dims.environments);
  let missingEnvironments = 0;
  const environmentGroups: EnvironmentGroup[] = report.environmentGroups.map((group) => {
    const found = findEnvironments(group.environmentIds);
    missingEnvironments += found.missing;
    return { name: group.name, environments: found.found };
  });
  const environments =
    report.environmentGroups.length === 0
      ? dims.environments.map((_, i) => i)
      : [...new Set(environmentGroups.flatMap((g) => g.environments))].sort((a, b) => a - b);

  const tenantIds = indexer(dims.tenants)(report.tenantIds);
  const tenants = tenantSet(dims, tenantSelectionOf(report, tenantIds.found));
  const everyTenant = tenants.untenanted && tenants.ids.length === dims.tenants.length;

  const filter: DeploymentFilter = {
    channels,
    environments: report.environmentGroups.length === 0 ? undefined : environments,
    // An unrestricted tenant filter costs nothing per stream; spell it out only when it restricts.
    tenants: everyTenant ? undefined : { untenanted: tenants.untenanted, tenants: { ids: tenants.ids } },
  };
  return {
    definition: report,
    filter,
    allProjects,
    channels,
    projects: [...new Set(channels.map((c) => dims.channels[c].project))].sort((a, b) => a - b),
    environments,
    environmentGroups,
    tenants,
    missing: {
      projectGroups: groups.missing,
      projects: projects.missing,
      channels: channelIds.missing,
      environments: missingEnvironments,
      tenants: tenantIds.missing,
    },
  };
}

/**
 * "Production environments": each project's production pair, through every channel of the project and for
 * every tenant — exactly the popup's scope (lib/summary/space-summary.ts), so the two show the same numbers.
 */
function resolveProduction(dims: Dimensions, report: ReportDefinition): ResolvedReport {
  const targets = productionTargets(dims);
  const projects = [...new Set(targets.map((t) => t.project))].sort((a, b) => a - b);
  const inScope = new Set(projects);
  const channels = dims.channels.flatMap((c, i) => (inScope.has(c.project) ? [i] : []));
  return {
    definition: report,
    filter: productionFilter(targets),
    allProjects: true,
    channels,
    projects,
    environments: [...new Set(targets.map((t) => t.environment))].sort((a, b) => a - b),
    environmentGroups: [],
    tenants: tenantSet(dims, { untenanted: true, tenants: 'all' }),
    missing: { projectGroups: 0, projects: 0, channels: 0, environments: 0, tenants: 0 },
  };
}
