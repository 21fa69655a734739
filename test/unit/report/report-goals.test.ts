import { describe, expect, it } from 'vitest';
import { prepare } from '@/lib/metrics/prepare';
import { reportGoals } from '@/lib/report/report-goals';
import { resolveReport } from '@/lib/report/resolve-report';
import { historyFrom } from '../../factories';
import { goalBadge } from '@/lib/display/goal-text';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { evaluateGoals, periodFigures } from '@/lib/goals/evaluate-goals';
import { effectiveTargets } from '@/lib/goals/goal-targets';
import { productionReport } from '@/lib/report/report-definition';
import { definition, NOW, reportHistory, WINDOW } from './fixture';

/**
 * Two projects, one environment, four deployments each in January 2025: Web's second fails (1 of 4 = 25 %),
 * Api's all succeed (0 %).
 */
const history = historyFrom({
  environments: ['Production'],
  releases: ['Web', 'Api'].flatMap((project) => [1, 2, 3, 4].map((k) => ({ project, version: `1.${k}`, assembled: `2025-01-0${k}T00:00:00Z` }))),
  deployments: ['Web', 'Api'].flatMap((project) =>
    [1, 2, 3, 4].map((k) => ({ project, environment: 'Production', release: `1.${k}`, completed: `2025-01-0${k}T01:00:00Z`, state: project === 'Web' && k === 2 ? ('Failed' as const) : ('Success' as const) })),
  ),
});
const prepared = prepare(history);
const report = resolveReport(history.dims, definition());
const query = { now: Date.parse('2025-02-01T00:00:00Z'), range: { from: Date.parse('2025-01-01T00:00:00Z'), to: Date.parse('2025-02-01T00:00:00Z') }, granularity: 'week' as const, timeZone: 'UTC', weekStart: 'sunday' as const, tierYear: 2024 as const };
const webId = history.dims.projects.find((p) => p.name === 'Web')!.id;
const apiId = history.dims.projects.find((p) => p.name === 'Api')!.id;
const summary = (view: ReturnType<typeof reportGoals>) => ({
  rows: view.rows.map((r) => [r.name, r.goals.map((g) => [g.metric, g.state])]),
  missing: view.missing.map((r) => r.name),
});

describe('the report’s goals', () => {
  it('judges each project of the report on its own figures over the range, and lists those that miss a goal', () => {
    expect(summary(reportGoals(prepared, report, query, { failureRate: 0.1 }, new Map()))).toEqual({
      rows: [
        ['Api', [['failureRate', 'met']]],
        ['Web', [['failureRate', 'missed']]],
      ],
      missing: ['Web'],
    });
  });

  it('follows each project’s overrides: a target of its own, or no goal there', () => {
    const overrides = new Map([
      [webId, { failureRate: 0.3 }],
      [apiId, { failureRate: null }],
    ]);
    expect(summary(reportGoals(prepared, report, query, { failureRate: 0.1 }, overrides))).toEqual({ rows: [['Web', [['failureRate', 'met']]]], missing: [] });
  });

  it('has nothing to show without goals', () => {
    expect(reportGoals(prepared, report, query, {}, new Map())).toEqual({ rows: [], missing: [] });
  });

  it('judges every project of a bigger report as its own computeInsights would, scope and overrides included', () => {
    const space = reportHistory();
    const p = prepare(space);
    const hotfix = space.dims.channels.flatMap((c, i) => (c.name === 'Hotfix' ? [i] : []));
    const spaceQuery = { now: NOW, range: WINDOW, granularity: 'week' as const, timeZone: 'UTC', tierYear: 2024 as const, hotfixChannels: hotfix };
    const targets = { failureRate: 0.2, leadTime: 3 * 3_600_000, recovery: 6 * 3_600_000, reworkRate: 0.3, frequency: 1 };
    const overrides = new Map([[space.dims.projects[1].id, { failureRate: null, leadTime: 3_600_000 }]]);
    for (const def of [definition(), definition({ environmentGroups: [{ name: 'Late', environmentIds: [space.dims.environments[2].id, space.dims.environments[3].id] }], tenantMode: 'Tenanted' }), productionReport('UTC')]) {
      const resolved = resolveReport(space.dims, def);
      const view = reportGoals(p, resolved, spaceQuery, targets, overrides);
      const expected = resolved.projects.map((project) => {
        const own = effectiveTargets(targets, overrides.get(space.dims.projects[project].id));
        const summary = computeInsights(p, { ...spaceQuery, filter: { ...resolved.filter, projects: [project] } }).summary;
        return [space.dims.projects[project].name, evaluateGoals(own, periodFigures(summary)).map(goalBadge).map((g) => [g.metric, g.state, g.title])];
      });
      expect(view.rows.map((r) => [r.name, r.goals.map((g) => [g.metric, g.state, g.title])])).toEqual(expected.sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
      const states = new Set(view.rows.flatMap((r) => r.goals.map((g) => g.state)));
      expect(states.has('met') && states.has('missed')).toBe(true);
    }
  });
});

