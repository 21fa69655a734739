import { describe, expect, it } from 'vitest';
import type { Dimensions } from '@/lib/metrics/facts';
import { DEFAULT_PARAMS } from '@/lib/panel/panel-params';
import { findProject, projectView, rangeSpec, startOfLocalDay } from '@/lib/panel/project-view';

const dims: Dimensions = {
  projects: [
    { id: 'Projects-1', name: 'Web', slug: 'web', group: 0, lifecycle: 0, tenantedMode: 'Untenanted' },
    { id: 'Projects-2', name: 'Api', slug: 'api', group: 0, lifecycle: 0, tenantedMode: 'TenantedOrUntenanted' },
  ],
  projectGroups: [{ id: 'ProjectGroups-1', name: 'All' }],
  environments: [
    { id: 'Environments-1', name: 'Dev', sortOrder: 1 },
    { id: 'Environments-2', name: 'Test', sortOrder: 2 },
    { id: 'Environments-3', name: 'Production', sortOrder: 3 },
  ],
  channels: [
    { id: 'Channels-1', name: 'Hotfix', project: 0, lifecycle: 1, isDefault: false },
    { id: 'Channels-2', name: 'Default', project: 0, lifecycle: -1, isDefault: true },
    { id: 'Channels-3', name: 'Default', project: 1, lifecycle: -1, isDefault: true },
  ],
  tenants: [
    { id: 'Tenants-1', name: 'Zeta', tags: [] },
    { id: 'Tenants-2', name: 'Acme', tags: [] },
  ],
  lifecycles: [
    { id: 'Lifecycles-1', name: 'Standard', phases: [{ name: 'Dev', environments: [0] }, { name: 'Test', environments: [1] }, { name: 'Prod', environments: [2] }] },
    { id: 'Lifecycles-2', name: 'Hotfix', phases: [{ name: 'Test', environments: [1] }] },
  ],
};
const settings = { timeZone: 'UTC', weekStart: 'sunday' as const, tierYear: 2024 as const };
const NOW = Date.UTC(2026, 10, 25);

describe('project view defaults (Octopus: default channel, last environment of its lifecycle)', () => {
  it('finds a project by slug or id', () => {
    expect(findProject(dims, 'api')).toBe(1);
    expect(findProject(dims, 'Projects-1')).toBe(0);
    expect(findProject(dims, 'nope')).toBe(-1);
  });

  it('picks the default channel first and the last environment of the project lifecycle', () => {
    const view = projectView(dims, 0, DEFAULT_PARAMS, settings, NOW);
    expect(view.channels).toEqual([1, 0]);
    expect(view.channel).toBe(1);
    expect(view.environments).toEqual([0, 1, 2]);
    expect(view.environment).toBe(2);
    expect(view.tenants).toEqual([]);
    expect(view.query.filter).toEqual({ projects: [0], channels: [1], environments: [2], tenants: { untenanted: true, tenants: 'all' } });
    expect(view.query.range).toEqual({ preset: 'lastQuarter' });
  });

  it('follows a channel with its own lifecycle', () => {
    const view = projectView(dims, 0, { ...DEFAULT_PARAMS, channel: 'Channels-1' }, settings, NOW);
    expect(view.channel).toBe(0);
    expect(view.environments).toEqual([1]);
    expect(view.environment).toBe(1);
  });

  it('lists tenants by name for tenanted projects and filters to one tenant', () => {
    const view = projectView(dims, 1, { ...DEFAULT_PARAMS, tenant: 'Tenants-1' }, settings, NOW);
    expect(view.tenants).toEqual([1, 0]);
    expect(view.query.filter?.tenants).toEqual({ untenanted: false, tenants: { ids: [0] } });
    expect(projectView(dims, 1, { ...DEFAULT_PARAMS, tenant: 'untenanted' }, settings, NOW).tenant).toEqual({ untenanted: true, tenants: 'none' });
  });

  it('turns a custom range into whole local days, DST included', () => {
    // 2026-03-29 is the spring change in London: local midnight on the 30th is 23:00Z on the 29th.
    const range = rangeSpec({ ...DEFAULT_PARAMS, range: 'custom', from: '2026-03-01', to: '2026-03-29' }, 'Europe/London');
    expect(range).toEqual({ from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 29, 23) });
    expect(startOfLocalDay('2026-07-01', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 4));
  });
});
