import type { Dimensions } from './facts';
import type { StreamTable } from './order-deployments';
import type { DeploymentFilter, TenantSelection } from './types';

/** 1 per selected index of a dimension of `size`, or `null` when the dimension is not restricted. */
function indexMask(size: number, ...lists: (readonly number[] | undefined)[]): Uint8Array | null {
  if (lists.every((l) => l === undefined)) return null;
  const mask = new Uint8Array(size);
  for (const list of lists) {
    if (!list) continue;
    for (const i of list) if (i >= 0 && i < size) mask[i] = 1;
  }
  return mask;
}

/** Tenants matching Octopus's tag rule: any tag within a tag set, every tag set. */
function tenantsWithTags(dims: Dimensions, tags: readonly string[], mask: Uint8Array): void {
  const sets = new Map<string, Set<string>>();
  for (const tag of tags) {
    const slash = tag.indexOf('/');
    const set = slash >= 0 ? tag.slice(0, slash) : '';
    let wanted = sets.get(set);
    if (!wanted) {
      wanted = new Set();
      sets.set(set, wanted);
    }
    wanted.add(tag);
  }
  if (sets.size === 0) return;
  dims.tenants.forEach((tenant, t) => {
    for (const wanted of sets.values()) {
      if (!tenant.tags.some((tag) => wanted.has(tag))) return;
    }
    mask[t + 1] = 1;
  });
}

/** Mask over `tenant + 1` (slot 0 = untenanted), or `null` for "untenanted and all tenants". */
function tenantMask(dims: Dimensions, selection: TenantSelection | undefined): Uint8Array | null {
  const untenanted = selection?.untenanted ?? true;
  const tenants = selection?.tenants ?? 'all';
  if (untenanted && tenants === 'all') return null;
  const size = dims.tenants.length + 1;
  const mask = new Uint8Array(size);
  if (untenanted) mask[0] = 1;
  if (tenants === 'all') mask.fill(1, 1);
  else if (tenants !== 'none') {
    for (const t of tenants.ids ?? []) if (t >= 0 && t + 1 < size) mask[t + 1] = 1;
    if (tenants.tags && tenants.tags.length > 0) tenantsWithTags(dims, tenants.tags, mask);
  }
  return mask;
}

/**
 * The filter as one byte per stream (1 = its deployments pass), so applying a filter to 100k deployments is
 * one array lookup per deployment. Each dimension is first turned into a mask over its values (projects,
 * project groups via each project's group, channels, environments ∪ environment groups, tenants with
 * untenanted, specific tenants and tenant tags; (project, environment) pairs as a set), then each stream is
 * checked once. Dimensions combine with
 * AND; an absent field does not restrict. Indices out of range are ignored.
 *
 * @example
 * streamMask(prepared.streams, history.dims, { environments: [3], tenants: { untenanted: false } })
 * //=> Uint8Array [0, 1, 0, 0, 1, …]
 */
export function streamMask(streams: StreamTable, dims: Dimensions, filter: DeploymentFilter = {}): Uint8Array {
  const projects = indexMask(dims.projects.length, filter.projects);
  const groups = indexMask(dims.projectGroups.length, filter.projectGroups);
  const channels = indexMask(dims.channels.length, filter.channels);
  const environments =
    filter.environments === undefined && filter.environmentGroups === undefined
      ? null
      : indexMask(
          dims.environments.length,
          filter.environments ?? [],
          ...(filter.environmentGroups ?? []).map((g) => g.environments),
        );
  const tenants = tenantMask(dims, filter.tenants);
  const E = dims.environments.length;
  const pairs = filter.projectEnvironments ? new Set(filter.projectEnvironments.map((pe) => pe.project * E + pe.environment)) : null;
  const mask = new Uint8Array(streams.count);
  for (let s = 0; s < streams.count; s++) {
    const p = streams.project[s];
    if (projects && !(p >= 0 && projects[p])) continue;
    if (groups && !(p >= 0 && p < dims.projects.length && groups[dims.projects[p].group])) continue;
    const c = streams.channel[s];
    if (channels && !(c >= 0 && channels[c])) continue;
    const e = streams.environment[s];
    if (environments && !(e >= 0 && environments[e])) continue;
    const t = streams.tenant[s];
    if (tenants && !tenants[t + 1]) continue;
    if (pairs && !pairs.has(p * E + e)) continue;
    mask[s] = 1;
  }
  return mask;
}
