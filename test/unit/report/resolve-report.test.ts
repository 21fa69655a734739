import { describe, expect, it } from 'vitest';
import { resolveReport } from '../../../lib/report/resolve-report';
import { tenantSet } from '../../../lib/report/report-tenants';
import { definition, reportHistory } from './fixture';

const dims = reportHistory().dims;
const id = (list: { id: string; name: string }[], name: string) => list.find((x) => x.name === name)!.id;
const channel = (project: string, name: string) => dims.channels.findIndex((c) => c.name === name && dims.projects[c.project].name === project);

describe('resolving a report against the cache', () => {
  it('selects default channels of project groups and projects, plus explicit channels, each once', () => {
    const resolved = resolveReport(
      dims,
      definition({ projectGroupIds: [id(dims.projectGroups, 'Web')], projectIds: [id(dims.projects, 'P01'), id(dims.projects, 'P02')], channelIds: [dims.channels[channel('P02', 'Hotfix')].id] }),
    );
    const names = resolved.channels.map((c) => `${dims.projects[dims.channels[c].project].name}/${dims.channels[c].name}`);
    // Web = P01, P04, P07, P10, P13 (every third project from the first).
    expect(names.sort()).toEqual(['P01/Default', 'P02/Default', 'P02/Hotfix', 'P04/Default', 'P07/Default', 'P10/Default', 'P13/Default']);
    expect(resolved.projects.map((p) => dims.projects[p].name)).toEqual(['P01', 'P02', 'P04', 'P07', 'P10', 'P13']);
    expect(resolved.allProjects).toBe(false);
  });

  it('with no release selection covers every project through its default channel', () => {
    const resolved = resolveReport(dims, definition());
    expect(resolved.allProjects).toBe(true);
    expect(resolved.channels.every((c) => dims.channels[c].isDefault)).toBe(true);
    expect(resolved.projects).toHaveLength(13);
    expect(resolved.filter).toEqual({ channels: resolved.channels, environments: undefined, tenants: undefined });
  });

  it('turns environment groups into indices, and counts ids the cache does not know without naming them', () => {
    const resolved = resolveReport(
      dims,
      definition({
        projectIds: ['Projects-999'],
        environmentGroups: [
          { name: 'Pre-production', environmentIds: [id(dims.environments, 'Development'), id(dims.environments, 'Test'), 'Environments-77'] },
          { name: 'Production', environmentIds: [id(dims.environments, 'Production')] },
        ],
        tenantMode: 'Tenanted',
        tenantIds: ['Tenants-404'],
      }),
    );
    expect(resolved.environmentGroups).toEqual([
      { name: 'Pre-production', environments: [0, 1] },
      { name: 'Production', environments: [3] },
    ]);
    expect(resolved.environments).toEqual([0, 1, 3]);
    expect(resolved.missing).toEqual({ projectGroups: 0, projects: 1, channels: 0, environments: 1, tenants: 1 });
    // Nothing the user can see was selected: the report selects nothing rather than everything.
    expect(resolved.channels).toEqual([]);
    expect(resolved.filter.tenants).toEqual({ untenanted: false, tenants: { ids: [] } });
  });

  it('follows the tenant mode and Octopus tag rule (any tag within a set, every set)', () => {
    const tenant = (name: string) => dims.tenants.findIndex((t) => t.name === name);
    const tags = (tenantTags: string[], tenantMode: 'Tenanted' | 'TenantedAndUntenanted' = 'Tenanted') => resolveReport(dims, definition({ tenantMode, tenantTags })).tenants;
    expect(tags(['Region/EU'])).toEqual({ untenanted: false, ids: [tenant('Acme'), tenant('Initech')] });
    expect(tags(['Region/EU', 'Tier/Gold'])).toEqual({ untenanted: false, ids: [tenant('Acme')] });
    expect(tags(['Region/EU', 'Region/US'], 'TenantedAndUntenanted')).toEqual({ untenanted: true, ids: [tenant('Acme'), tenant('Globex'), tenant('Initech')] });
    expect(resolveReport(dims, definition({ tenantMode: 'Untenanted' })).tenants).toEqual({ untenanted: true, ids: [] });
    expect(resolveReport(dims, definition({ tenantMode: 'Tenanted' })).tenants).toEqual({ untenanted: false, ids: [0, 1, 2, 3] });
    expect(tenantSet(dims, { untenanted: true, tenants: 'all' })).toEqual({ untenanted: true, ids: [0, 1, 2, 3] });
  });

  it('treats placeholder entries (ids the cache only saw referenced, named by their id) as not visible', () => {
    const withPlaceholder = { ...dims, environments: [...dims.environments, { id: 'Environments-9', name: 'Environments-9', sortOrder: Number.MAX_SAFE_INTEGER }] };
    const resolved = resolveReport(withPlaceholder, definition({ environmentGroups: [{ name: 'All', environmentIds: ['Environments-1', 'Environments-9'] }] }));
    expect(resolved.environments).toEqual([0]);
    expect(resolved.missing.environments).toBe(1);
  });
});
