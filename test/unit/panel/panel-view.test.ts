import { describe, expect, it } from 'vitest';
import { deploymentRowColumns } from '@/lib/metrics/deployment-rows';
import { prepare } from '@/lib/metrics/prepare';
import { customRangeStart, DEFAULT_PARAMS, nextPanelParams } from '@/lib/panel/panel-params';
import { focusRows, panelSelects, selectPatch } from '@/lib/panel/panel-view';
import { projectView } from '@/lib/panel/project-view';
import { at, historyFrom } from '../../factories';

const settings = { timeZone: 'UTC', weekStart: 'sunday' as const, tierYear: 2024 as const };
const NOW = at('2026-11-25T12:00:00Z');

const history = historyFrom({
  environments: ['Dev', 'Production'],
  projects: [{ name: 'Web' }, { name: 'Api' }],
  tenants: [{ name: 'Zeta' }, { name: 'Acme' }],
  releases: [
    { project: 'Web', version: '1', assembled: '2026-11-01T00:00:00Z' },
    { project: 'Web', version: '2', assembled: '2026-11-02T00:00:00Z' },
    { project: 'Web', channel: 'Hotfix', version: '2.1', assembled: '2026-11-03T00:00:00Z' },
    { project: 'Api', version: 'a', assembled: '2026-11-01T00:00:00Z' },
  ],
  deployments: [
    { id: 1, project: 'Web', environment: 'Production', release: '1', completed: '2026-11-01T05:00:00Z' },
    { id: 2, project: 'Web', environment: 'Production', release: '2', state: 'Failed', completed: '2026-11-02T01:00:00Z' },
    { id: 3, project: 'Web', environment: 'Production', release: '2', completed: '2026-11-02T03:00:00Z' },
    { id: 4, project: 'Web', environment: 'Production', release: '2', state: 'Canceled', completed: '2026-11-02T04:00:00Z' },
    { id: 5, project: 'Api', environment: 'Production', release: 'a', tenant: 'Zeta', completed: '2026-11-02T04:00:00Z' },
  ],
});
const dims = history.dims;
const prepared = prepare(history);
const project = (name: string) => dims.projects.findIndex((p) => p.name === name);
// The factory makes every project tenanted; Web is not.
dims.projects[project('Web')].tenantedMode = 'Untenanted';

describe('the panel’s filters', () => {
  it('offer the channel only when the project has several, and the tenant only for tenanted projects', () => {
    const web = projectView(dims, project('Web'), DEFAULT_PARAMS, settings, NOW);
    expect(panelSelects(dims, web, DEFAULT_PARAMS).map((s) => [s.key, s.label, s.value, s.options.map((o) => o.label)])).toEqual([
      ['channel', 'Channel', dims.channels[web.channel].id, ['Default', 'Hotfix']],
      ['environment', 'Environment', dims.environments[web.environment].id, ['Dev', 'Production']],
    ]);
    const api = projectView(dims, project('Api'), DEFAULT_PARAMS, settings, NOW);
    const selects = panelSelects(dims, api, DEFAULT_PARAMS);
    expect(selects.map((s) => s.key)).toEqual(['environment', 'tenant']);
    expect(selects[1].options.map((o) => o.label)).toEqual(['All tenants and untenanted', 'Untenanted only', 'Acme', 'Zeta']);
    expect(selects[1].value).toBe('all');
  });

  it('take a new channel’s default environment, and keep anything else as chosen', () => {
    expect(selectPatch('channel', 'Channels-3')).toEqual({ channel: 'Channels-3', environment: '' });
    expect(selectPatch('environment', 'Environments-2')).toEqual({ environment: 'Environments-2' });
    expect(nextPanelParams({ ...DEFAULT_PARAMS, environment: 'Environments-1' }, selectPatch('channel', 'Channels-3'), NOW)).toEqual({ ...DEFAULT_PARAMS, channel: 'Channels-3', environment: undefined });
  });

  it('start a custom range at the last 30 days, and keep dates the view has', () => {
    expect(customRangeStart(NOW)).toEqual({ from: '2026-10-26', to: '2026-11-25' });
    expect(nextPanelParams(DEFAULT_PARAMS, { range: 'custom' }, NOW)).toEqual({ ...DEFAULT_PARAMS, range: 'custom', from: '2026-10-26', to: '2026-11-25' });
    const chosen = { ...DEFAULT_PARAMS, range: 'custom' as const, from: '2026-01-01', to: '2026-01-31' };
    expect(nextPanelParams(chosen, { range: 'custom' }, NOW)).toEqual(chosen);
    expect(nextPanelParams(chosen, { granularity: 'day' }, NOW)).toEqual({ ...chosen, granularity: 'day' });
  });
});

describe('the deployments behind a metric', () => {
  const view = projectView(dims, project('Web'), { ...DEFAULT_PARAMS, range: 'custom', from: '2026-11-01', to: '2026-11-25' }, settings, NOW);
  const rows = deploymentRowColumns(prepared, view.query);
  const ids = (focus: Parameters<typeof focusRows>[1]) => {
    const list = focusRows(rows, focus);
    return Array.from({ length: list.length }, (_, k) => list.at(k).deployment);
  };

  it('are newest first: the successes, those with a lead time, the failures, the recoveries', () => {
    expect(ids('frequency')).toEqual(['Deployments-3', 'Deployments-1']);
    expect(ids('leadTime')).toEqual(['Deployments-3', 'Deployments-1']);
    expect(ids('failureRate')).toEqual(['Deployments-2']);
    expect(ids('recovery')).toEqual(['Deployments-3']);
  });
});
