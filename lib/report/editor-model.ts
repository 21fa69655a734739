/**
 * What the report editor offers for a draft: the checklists of project groups, projects, channels, tenants
 * and tag sets (only what the user's Octopus lists hold, by name), which environments each group may take,
 * how many selections are hidden, and where a problem is in the editor's words. Pure: dimensions and a
 * draft in, lists out.
 */
import type { Dimensions } from '@/lib/metrics/facts';
import type { ReportDefinition, TenantMode } from './report-definition';
import type { ResolvedReport } from './resolve-report';
import { tagSets } from './split-groups';
import { isPlaceholder } from './visible-dims';

export interface ChecklistItem {
  id: string;
  label: string;
  /** A second, muted line, e.g. the project group. */
  note?: string;
  disabled?: boolean;
}

export const TENANT_MODE_LABELS: Record<TenantMode, string> = {
  TenantedAndUntenanted: 'Untenanted and tenanted deployments',
  Tenanted: 'Tenanted deployments only',
  Untenanted: 'Untenanted deployments only',
};

/**
 * `ids` with `id` in or out, in the order chosen.
 *
 * @example
 * toggled(['a', 'b'], 'c', true) //=> ['a', 'b', 'c']
 */
export const toggled = (ids: readonly string[], id: string, on: boolean): string[] => (on ? (ids.includes(id) ? [...ids] : [...ids, id]) : ids.filter((x) => x !== id));

const byName = <T extends { label: string }>(a: T, b: T) => a.label.localeCompare(b.label);
// Only what the user's Octopus lists hold: placeholders stand for ids the user may not see.
const visible = (entry: { id: string; name: string }) => !isPlaceholder(entry);

export interface EditorLists {
  projectGroups: ChecklistItem[];
  /** Notes say "included" when a project comes in through its group. */
  projects: ChecklistItem[];
  /** Notes say "(default, included through its project)" when a default channel comes in through its project. */
  channels: ChecklistItem[];
  /** In Octopus's order (sort order, then name). */
  environments: { id: string; name: string }[];
  tenants: ChecklistItem[];
  /** Tag set → its tags (`"Set/Tag"`), for one checklist each. */
  tagSets: [string, string[]][];
  /** Selections not in the synced data (not visible to the user, or deleted). */
  hidden: number;
}

/**
 * @example
 * editorLists(dims, draft, resolveReport(dims, draft)).projects[0] //=> { id: 'Projects-3', label: 'Api', note: 'Services · included' }
 */
export function editorLists(dims: Dimensions, draft: ReportDefinition, resolved: ResolvedReport): EditorLists {
  const groupName = (g: number) => dims.projectGroups[g]?.name ?? '';
  // "included": selected through its project group (projects) or its project (default channels).
  const chosenProjects = new Set(resolved.projects);
  const chosenChannels = new Set(resolved.channels);
  const projects = dims.projects
    .flatMap((p, i) => (visible(p) ? [{ p, i }] : []))
    .map(({ p, i }) => ({ id: p.id, label: p.name, note: chosenProjects.has(i) && !draft.projectIds.includes(p.id) && !resolved.allProjects ? `${groupName(p.group)} · included` : groupName(p.group) }))
    .sort(byName);
  const channels = dims.channels
    .flatMap((c, i) => (visible(c) && dims.projects[c.project] && visible(dims.projects[c.project]) ? [{ c, i }] : []))
    .map(({ c, i }) => {
      const project = dims.projects[c.project]?.name ?? '';
      const implied = c.isDefault && chosenChannels.has(i) && !draft.channelIds.includes(c.id) && !resolved.allProjects;
      return { id: c.id, label: `${project} — ${c.name}`, note: c.isDefault ? (implied ? '(default, included through its project)' : '(default)') : undefined };
    })
    .sort(byName);
  const missing = resolved.missing;
  return {
    projectGroups: dims.projectGroups
      .filter(visible)
      .map((g) => ({ id: g.id, label: g.name }))
      .sort(byName),
    projects,
    channels,
    environments: dims.environments.filter(visible).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name)),
    tenants: dims.tenants
      .filter(visible)
      .map((t) => ({ id: t.id, label: t.name, note: t.tags.length ? t.tags.join(', ') : undefined }))
      .sort(byName),
    tagSets: [...tagSets(dims)],
    hidden: missing.projectGroups + missing.projects + missing.channels + missing.environments + missing.tenants,
  };
}

/**
 * Which environment group each environment is in (the first, when a hand-edited report has it in two): an
 * environment is offered to one group only.
 */
export function environmentGroupOf(draft: ReportDefinition): Map<string, number> {
  const groupOf = new Map<string, number>();
  draft.environmentGroups.forEach((g, k) => {
    for (const id of g.environmentIds) if (!groupOf.has(id)) groupOf.set(id, k);
  });
  return groupOf;
}

/**
 * Where a problem is, in the editor's words.
 *
 * @example
 * problemLabel('environmentGroups.1.name') //=> 'Environment group 2'
 */
export function problemLabel(path: string): string {
  const [head, index] = path.split('.');
  const n = Number(index) + 1;
  const names: Record<string, string> = {
    name: 'Name',
    description: 'Description',
    projectGroupIds: 'Project groups',
    projectIds: 'Projects',
    channelIds: 'Channels',
    tenantMode: 'Tenants',
    tenantIds: 'Tenants',
    tenantTags: 'Tenant tags',
    timeZone: 'Time zone',
  };
  if (head === 'environmentGroups') return Number.isNaN(n) ? 'Environment groups' : `Environment group ${n}`;
  return names[head] ?? 'Report';
}
