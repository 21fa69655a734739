/**
 * How a report is split (Octopus's report "split" drop-down: project, project group, environment,
 * environment group, tenant, tenant tag set) and which groups a split has. A group is the report narrowed
 * along one dimension, so its filter is the report's filter with that dimension replaced by the group's
 * part of it; "Others" is the union of several groups' parts. Membership is decided per stream (project +
 * channel + environment + tenant), which fixes every split dimension, so one pass over the deployments can
 * count every group at once (group-stats.ts).
 */
import type { Dimensions } from '@/lib/metrics/facts';
import type { StreamTable } from '@/lib/metrics/order-deployments';
import type { DeploymentFilter } from '@/lib/metrics/types';
import type { ResolvedReport } from './resolve-report';

export type SplitKind = 'project' | 'projectGroup' | 'environment' | 'environmentGroup' | 'tenant' | 'tenantTag';
export const SPLIT_KINDS: readonly SplitKind[] = ['project', 'projectGroup', 'environment', 'environmentGroup', 'tenant', 'tenantTag'];

export interface SplitSpec {
  kind: SplitKind;
  /** The tag set of a `tenantTag` split. */
  tagSet?: string;
}

/** The part of one dimension a group covers. */
interface GroupPart {
  projects?: number[];
  projectGroups?: number[];
  environments?: number[];
  tenants?: { untenanted: boolean; ids: number[] };
}

export interface SplitGroup {
  /** Stable key: an Octopus id, an environment group's name, a canonical tag, `untenanted` or `no-tag`. */
  key: string;
  label: string;
  /** The project's index, for a project group (drill-down). */
  project?: number;
  part: GroupPart;
}

export interface SplitGroups {
  spec: SplitSpec;
  groups: SplitGroup[];
  /** Stream s is in groups `members[offsets[s] .. offsets[s + 1])`; none when outside the report. */
  offsets: Uint32Array;
  members: Int32Array;
}

export const UNTENANTED_KEY = 'untenanted';
export const NO_TAG_KEY = 'no-tag';

/** Tag sets named by the tenants' canonical tags (`"Tag Set/Tag"`), in first-seen order, each with its tags sorted. */
export function tagSets(dims: Dimensions, tenants?: readonly number[]): Map<string, string[]> {
  const sets = new Map<string, Set<string>>();
  for (const t of tenants ?? dims.tenants.map((_, i) => i)) {
    for (const tag of dims.tenants[t]?.tags ?? []) {
      const slash = tag.indexOf('/');
      if (slash <= 0) continue;
      const set = tag.slice(0, slash);
      if (!sets.has(set)) sets.set(set, new Set());
      sets.get(set)!.add(tag);
    }
  }
  return new Map([...sets].map(([set, tags]) => [set, [...tags].sort((a, b) => a.localeCompare(b))]));
}

/** The report's filter narrowed to the union of `parts` (all of one dimension). */
export function narrowFilter(report: ResolvedReport, parts: readonly GroupPart[]): DeploymentFilter {
  const base = report.filter;
  const union = (key: 'projects' | 'projectGroups' | 'environments') => [...new Set(parts.flatMap((p) => p[key] ?? []))].sort((a, b) => a - b);
  const first = parts[0] ?? {};
  if (first.projects) return { ...base, projects: union('projects') };
  if (first.projectGroups) return { ...base, projectGroups: union('projectGroups') };
  if (first.environments) return { ...base, environments: union('environments') };
  const ids = [...new Set(parts.flatMap((p) => p.tenants?.ids ?? []))].sort((a, b) => a - b);
  return { ...base, tenants: { untenanted: parts.some((p) => p.tenants?.untenanted), tenants: { ids } } };
}

/**
 * The groups of a split over the streams the report covers (`reportMask`, one byte per stream), and each
 * stream's groups. Groups are the values that occur in the report's streams — except environment groups,
 * which are the report's own, listed even when empty. A tenant-tag split has a group per tag of the set (a
 * tenant with two tags of the set is in both, as in Octopus), plus "Untenanted" and "No <set> tag" so the
 * groups cover every deployment.
 */
export function splitGroups(dims: Dimensions, streams: StreamTable, reportMask: Uint8Array, report: ResolvedReport, spec: SplitSpec): SplitGroups {
  const groups: SplitGroup[] = [];
  const index = new Map<string, number>();
  const add = (group: SplitGroup): number => {
    let g = index.get(group.key);
    if (g === undefined) {
      g = groups.length;
      groups.push(group);
      index.set(group.key, g);
    }
    return g;
  };
  // Environment groups are disjoint (validated), so an environment maps to at most one.
  const environmentGroupOf = new Map<number, number>();
  if (spec.kind === 'environmentGroup') {
    report.environmentGroups.forEach((group, k) => {
      add({ key: group.name, label: group.name, part: { environments: [...group.environments] } });
      for (const e of group.environments) environmentGroupOf.set(e, k);
    });
  }
  const tagSet = spec.kind === 'tenantTag' ? (spec.tagSet ?? '') : '';
  const tagsOfSet = tagSets(dims, report.tenants.ids).get(tagSet) ?? [];
  const allowedTenants = new Set(report.tenants.ids);
  const tenantsWith = (predicate: (tags: string[]) => boolean) => report.tenants.ids.filter((t) => predicate(dims.tenants[t].tags));

  const groupsOf = (s: number): number[] => {
    const p = streams.project[s];
    const e = streams.environment[s];
    const t = streams.tenant[s];
    switch (spec.kind) {
      case 'project':
        return [add({ key: dims.projects[p].id, label: dims.projects[p].name, project: p, part: { projects: [p] } })];
      case 'projectGroup': {
        const g = dims.projects[p].group;
        return [add({ key: dims.projectGroups[g]?.id ?? `#${g}`, label: dims.projectGroups[g]?.name ?? `#${g}`, part: { projectGroups: [g] } })];
      }
      case 'environment':
        return [add({ key: dims.environments[e].id, label: dims.environments[e].name, part: { environments: [e] } })];
      case 'environmentGroup': {
        const g = environmentGroupOf.get(e);
        return g === undefined ? [] : [g];
      }
      case 'tenant':
        return t < 0
          ? [add({ key: UNTENANTED_KEY, label: 'Untenanted', part: { tenants: { untenanted: true, ids: [] } } })]
          : [add({ key: dims.tenants[t].id, label: dims.tenants[t].name, part: { tenants: { untenanted: false, ids: [t] } } })];
      case 'tenantTag': {
        if (t < 0) return [add({ key: UNTENANTED_KEY, label: 'Untenanted', part: { tenants: { untenanted: true, ids: [] } } })];
        const mine = dims.tenants[t].tags.filter((tag) => tagsOfSet.includes(tag));
        if (mine.length === 0) {
          const ids = tenantsWith((tags) => !tags.some((tag) => tagsOfSet.includes(tag)));
          return [add({ key: NO_TAG_KEY, label: `No ${tagSet} tag`, part: { tenants: { untenanted: false, ids } } })];
        }
        return mine.map((tag) =>
          add({ key: tag, label: tag.slice(tagSet.length + 1), part: { tenants: { untenanted: false, ids: tenantsWith((tags) => tags.includes(tag)) } } }),
        );
      }
    }
  };

  const offsets = new Uint32Array(streams.count + 1);
  const members: number[] = [];
  for (let s = 0; s < streams.count; s++) {
    offsets[s] = members.length;
    const t = streams.tenant[s];
    // The report mask already applied the tenant selection; the check keeps tag groups within it.
    if (reportMask[s] && (t < 0 || allowedTenants.has(t))) members.push(...groupsOf(s));
  }
  offsets[streams.count] = members.length;
  return { spec, groups, offsets, members: Int32Array.from(members) };
}
