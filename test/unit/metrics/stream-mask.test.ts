import { describe, expect, it } from 'vitest';
import { prepare } from '../../../lib/metrics/prepare';
import { reportChannels } from '../../../lib/metrics/report-channels';
import { streamMask } from '../../../lib/metrics/stream-mask';
import type { DeploymentFilter } from '../../../lib/metrics/types';
import { historyFrom, indexOf } from '../../factories';

const h = historyFrom({
  projects: [
    { name: 'Web', group: 'Frontends' },
    { name: 'Api', group: 'Backends' },
  ],
  environments: ['Dev', 'Test', 'Production', 'Production EU'],
  tenants: [
    { name: 'Acme', tags: ['Region/EU', 'Tier/Gold'] },
    { name: 'Globex', tags: ['Region/US', 'Tier/Gold'] },
    { name: 'Initech', tags: ['Region/EU', 'Tier/Standard'] },
  ],
  releases: [
    { version: '1.0', assembled: '2024-01-01T00:00:00Z' },
    { version: '1.0-hf', assembled: '2024-01-01T00:00:00Z', channel: 'Hotfix' },
    { version: '1.0', assembled: '2024-01-01T00:00:00Z', project: 'Api' },
  ],
  deployments: [
    { environment: 'Dev', release: '1.0', completed: '2024-01-02T00:00:00Z' },
    { environment: 'Production', release: '1.0', completed: '2024-01-02T00:00:00Z' },
    { environment: 'Production', release: '1.0', tenant: 'Acme', completed: '2024-01-02T00:00:00Z' },
    { environment: 'Production EU', release: '1.0', tenant: 'Globex', completed: '2024-01-02T00:00:00Z' },
    { environment: 'Production', release: '1.0', tenant: 'Initech', completed: '2024-01-02T00:00:00Z' },
    { environment: 'Production', release: '1.0-hf', channel: 'Hotfix', completed: '2024-01-02T00:00:00Z' },
    { environment: 'Test', release: '1.0', project: 'Api', completed: '2024-01-02T00:00:00Z' },
  ],
});
const p = prepare(h);

/** Deployment ids (row + 1) whose stream passes the filter. */
function selected(filter: DeploymentFilter): number[] {
  const mask = streamMask(p.streams, h.dims, filter);
  const ids: number[] = [];
  for (let i = 0; i < h.deployments.length; i++) if (mask[p.stream[i]]) ids.push(i + 1);
  return ids;
}

const env = (name: string) => indexOf(h.dims.environments, name);
const tenant = (name: string) => indexOf(h.dims.tenants, name);

describe('streamMask', () => {
  it('no filter: everything', () => {
    expect(selected({})).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('projects, project groups and channels (AND across dimensions)', () => {
    expect(selected({ projects: [indexOf(h.dims.projects, 'Api')] })).toEqual([7]);
    expect(selected({ projectGroups: [indexOf(h.dims.projectGroups, 'Frontends')] })).toEqual([1, 2, 3, 4, 5, 6]);
    const hotfix = h.dims.channels.findIndex((c) => c.name === 'Hotfix');
    expect(selected({ channels: [hotfix] })).toEqual([6]);
    expect(selected({ projects: [indexOf(h.dims.projects, 'Api')], channels: [hotfix] })).toEqual([]);
  });

  it('environments OR named environment groups', () => {
    expect(selected({ environments: [env('Dev')] })).toEqual([1]);
    const production = { name: 'Production', environments: [env('Production'), env('Production EU')] };
    expect(selected({ environmentGroups: [production] })).toEqual([2, 3, 4, 5, 6]);
    expect(selected({ environments: [env('Test')], environmentGroups: [production] })).toEqual([2, 3, 4, 5, 6, 7]);
    expect(selected({ environments: [] })).toEqual([]);
  });

  it('(project, environment) pairs: each project its own production, whatever the channel or tenant', () => {
    const web = indexOf(h.dims.projects, 'Web');
    const api = indexOf(h.dims.projects, 'Api');
    expect(selected({ projectEnvironments: [{ project: web, environment: env('Production') }] })).toEqual([2, 3, 5, 6]);
    expect(selected({ projectEnvironments: [{ project: web, environment: env('Production EU') }, { project: api, environment: env('Test') }] })).toEqual([4, 7]);
    // ANDed with the other fields; an empty list selects nothing.
    expect(selected({ projectEnvironments: [{ project: web, environment: env('Production') }], tenants: { tenants: 'none' } })).toEqual([2, 6]);
    expect(selected({ projectEnvironments: [] })).toEqual([]);
  });

  it('tenants: untenanted only, tenanted only, specific tenants', () => {
    expect(selected({ tenants: { tenants: 'none' } })).toEqual([1, 2, 6, 7]);
    expect(selected({ tenants: { untenanted: false } })).toEqual([3, 4, 5]);
    expect(selected({ tenants: { untenanted: false, tenants: { ids: [tenant('Globex')] } } })).toEqual([4]);
    expect(selected({ tenants: { untenanted: true, tenants: { ids: [tenant('Globex')] } } })).toEqual([1, 2, 4, 6, 7]);
  });

  it('tenant tags: any tag within a tag set, every tag set', () => {
    const only = (tags: string[]) => selected({ tenants: { untenanted: false, tenants: { tags } } });
    expect(only(['Region/EU'])).toEqual([3, 5]); // Acme, Initech
    expect(only(['Region/EU', 'Region/US'])).toEqual([3, 4, 5]); // same set: OR
    expect(only(['Region/EU', 'Tier/Gold'])).toEqual([3]); // two sets: AND → Acme
    // ids and tags are a union
    expect(selected({ tenants: { untenanted: false, tenants: { ids: [tenant('Globex')], tags: ['Tier/Standard'] } } })).toEqual([
      4, 5,
    ]);
  });

  it('out-of-range indices are ignored', () => {
    expect(selected({ projects: [99, -1] })).toEqual([]);
  });
});

describe('reportChannels', () => {
  it('default channels of selected groups and projects, plus explicit channels, each once', () => {
    const web = indexOf(h.dims.projects, 'Web');
    const webDefault = h.dims.channels.findIndex((c) => c.project === web && c.isDefault);
    const hotfix = h.dims.channels.findIndex((c) => c.name === 'Hotfix');
    const apiDefault = h.dims.channels.findIndex((c) => c.project === indexOf(h.dims.projects, 'Api'));
    expect(reportChannels(h.dims, { projectGroups: [indexOf(h.dims.projectGroups, 'Frontends')] })).toEqual([webDefault]);
    expect(reportChannels(h.dims, { projects: [web], channels: [hotfix, webDefault] })).toEqual(
      [webDefault, hotfix].sort((a, b) => a - b),
    );
    expect(reportChannels(h.dims, { projects: [indexOf(h.dims.projects, 'Api')] })).toEqual([apiDefault]);
  });
});
