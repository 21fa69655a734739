import { describe, expect, it } from 'vitest';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { deploymentRowColumns } from '@/lib/metrics/deployment-rows';
import { prepare } from '@/lib/metrics/prepare';
import { DEFAULT_PARAMS, type PanelParams } from '@/lib/panel/panel-params';
import { panelState } from '@/lib/panel/panel-state';
import { productionFilter, productionTargets } from '@/lib/panel/production';
import { projectView } from '@/lib/panel/project-view';
import { at, historyFrom } from '../../factories';

const settings = { timeZone: 'UTC', weekStart: 'sunday' as const, tierYear: 2024 as const };
const NOW = at('2026-11-25T12:00:00Z');

const history = historyFrom({
  environments: ['Dev', 'Production'],
  projects: [{ name: 'Web' }, { name: 'Api' }, { name: 'Docs' }],
  releases: [
    { project: 'Web', version: '1', assembled: '2026-11-01T00:00:00Z' },
    { project: 'Api', version: 'a', assembled: '2026-11-01T00:00:00Z' },
    { project: 'Docs', version: 'd', assembled: '2026-11-01T00:00:00Z' },
  ],
  deployments: [
    { id: 1, project: 'Web', environment: 'Dev', release: '1', completed: '2026-11-01T05:00:00Z' },
    { id: 2, project: 'Web', environment: 'Production', release: '1', completed: '2026-11-03T05:00:00Z' },
    { id: 3, project: 'Web', environment: 'Production', release: '1', completed: '2026-11-10T05:00:00Z' },
    { id: 4, project: 'Api', environment: 'Dev', release: 'a', completed: '2026-11-04T05:00:00Z' },
  ],
});
const prepared = prepare(history);
const dims = history.dims;
const project = (name: string) => dims.projects.findIndex((p) => p.name === name);

function stateOf(name: string, params: Partial<PanelParams> = {}) {
  const view = projectView(dims, project(name), { ...DEFAULT_PARAMS, ...params }, settings, NOW);
  const insights = computeInsights(prepared, view.query);
  return panelState(prepared, view, insights, deploymentRowColumns(prepared, view.query).length, 'en-GB');
}

describe('the panel’s one state for its view', () => {
  it('a project never deployed: one empty state, nothing to pick', () => {
    expect(stateOf('Docs')).toEqual({
      kind: 'never-deployed',
      title: 'Docs has never been deployed',
      text: 'There are no deployments of this project in your synced data yet. Its numbers appear here once Octopus has deployed a release and DORA Lens has synced.',
      environments: [],
      channels: [],
    });
  });

  it('never deployed to this environment: the environments it was deployed to, to pick from', () => {
    const state = stateOf('Api');
    expect(state).toMatchObject({ kind: 'never-deployed', title: 'Never deployed to Production', text: 'Api has deployments to Dev. Pick an environment:' });
    expect(state.kind === 'never-deployed' && state.environments.map((e) => e.name)).toEqual(['Dev']);
  });

  describe('deployed only through other channels: says so instead of "never deployed", and offers them', () => {
    const withHotfix = historyFrom({
      environments: ['Dev', 'Production'],
      projects: [{ name: 'Web' }, { name: 'Api' }],
      releases: [
        { project: 'Web', version: '1', assembled: '2026-11-01T00:00:00Z' },
        { project: 'Web', channel: 'Hotfix', version: '1.1', assembled: '2026-11-02T00:00:00Z' },
        { project: 'Api', version: 'a', assembled: '2026-11-01T00:00:00Z' },
        { project: 'Api', channel: 'Hotfix', version: 'a.1', assembled: '2026-11-02T00:00:00Z' },
      ],
      deployments: [
        { id: 1, project: 'Web', environment: 'Dev', release: '1', completed: '2026-11-01T05:00:00Z' },
        { id: 2, project: 'Web', channel: 'Hotfix', environment: 'Production', release: '1.1', completed: '2026-11-02T05:00:00Z' },
        { id: 3, project: 'Api', channel: 'Hotfix', environment: 'Dev', release: 'a.1', completed: '2026-11-02T05:00:00Z' },
      ],
    });
    const p = prepare(withHotfix);
    const dimsH = withHotfix.dims;
    const channelId = (project: string, name: string) => dimsH.channels.find((c) => c.name === name && dimsH.projects[c.project].name === project)!.id;
    const stateFor = (project: string) => {
      const view = projectView(dimsH, dimsH.projects.findIndex((x) => x.name === project), DEFAULT_PARAMS, settings, NOW);
      expect(dimsH.channels[view.channel].name).toBe('Default');
      return panelState(p, view, computeInsights(p, view.query), deploymentRowColumns(p, view.query).length, 'en-GB');
    };

    it('reached the environment through another channel: that channel (keeping the environment), or an environment of this one', () => {
      const state = stateFor('Web');
      expect(state).toMatchObject({
        kind: 'never-deployed',
        title: 'No deployments to Production in the Default channel',
        text: 'Web reached Production through Hotfix. Pick that channel, or an environment of the Default channel:',
      });
      if (state.kind !== 'never-deployed') throw new Error(state.kind);
      expect(state.environments.map((e) => e.name)).toEqual(['Dev']);
      const production = dimsH.environments.find((e) => e.name === 'Production')!.id;
      expect(state.channels).toEqual([{ id: channelId('Web', 'Hotfix'), name: 'Hotfix', environment: production }]);
    });

    it('never deployed through this channel at all: the channels it was, each with its own default environment', () => {
      const state = stateFor('Api');
      expect(state).toMatchObject({ kind: 'never-deployed', title: 'No deployments in the Default channel', text: 'Api was deployed through its other channels. Pick one:' });
      if (state.kind !== 'never-deployed') throw new Error(state.kind);
      expect(state.environments).toEqual([]);
      expect(state.channels).toEqual([{ id: channelId('Api', 'Hotfix'), name: 'Hotfix' }]);
    });
  });

  it('history, but nothing in the range: says so, and where the history starts', () => {
    const state = stateOf('Web', { range: 'custom', from: '2026-10-01', to: '2026-10-20' });
    expect(state.kind).toBe('nothing-in-range');
    // Intl puts (thin) spaces around the range's dash.
    expect(state.kind === 'nothing-in-range' && state.title).toMatch(/^Nothing deployed to Production in 1\s*–\s*20 Oct$/);
    expect(state.kind === 'nothing-in-range' && state.text).toContain('Its history starts 3 Nov 2026: try a longer range.');
  });

  it('numbers, with where the history starts when the range reaches before it', () => {
    // Last quarter reaches back before 3 Nov, the first production deployment: 3 Nov 00:00 to 25 Nov 12:00 is 22.5 days.
    expect(stateOf('Web')).toEqual({ kind: 'numbers', history: 'History starts 3 Nov 2026: rates are over the 23 days since.' });
    expect(stateOf('Web', { range: 'custom', from: '2026-11-05', to: '2026-11-20' })).toEqual({ kind: 'numbers' });
  });
});

describe('production environments, the popup’s and the default report’s scope', () => {
  it('is each project’s last lifecycle environment, through its default channel', () => {
    const production = dims.environments.findIndex((e) => e.name === 'Production');
    const targets = productionTargets(dims);
    expect(targets.map((t) => [dims.projects[t.project].name, dims.environments[t.environment].name, dims.channels[t.channel].name])).toEqual([
      ['Web', 'Production', 'Default'],
      ['Api', 'Production', 'Default'],
      ['Docs', 'Production', 'Default'],
    ]);
    expect(productionFilter(targets)).toEqual({ projectEnvironments: [0, 1, 2].map((p) => ({ project: p, environment: production })) });
  });
});
