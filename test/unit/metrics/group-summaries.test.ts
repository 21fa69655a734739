import { describe, expect, it } from 'vitest';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { groupSummaries, projectSummaries, windowSummary } from '@/lib/metrics/group-summaries';
import { prepare } from '@/lib/metrics/prepare';
import type { DeploymentFilter, InsightsQuery } from '@/lib/metrics/types';
import { at, historyFrom } from '../../factories';
import { randomRows } from '../../support/random-history';
import { reportHistory, NOW } from '../report/fixture';

/** JSON of a summary: NaN and -0 survive, so "equal" means every figure. */
const figures = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? '-0' : v));

describe('group summaries', () => {
  const fixture = reportHistory();
  const prepared = prepare(fixture);
  const dims = fixture.dims;
  const everyProject = dims.projects.map((_, i) => i);
  const production = dims.environments.findIndex((e) => e.name === 'Production');
  const hotfix = dims.channels.flatMap((c, i) => (c.name === 'Hotfix' ? [i] : []));
  const queries: [string, InsightsQuery][] = [
    ['a fixed fortnight, weekly', { now: NOW, range: { from: at('2025-01-15T00:00:00Z'), to: at('2025-01-29T00:00:00Z') }, granularity: 'week', timeZone: 'UTC' }],
    ['the last 30 days in a zone with an offset, hotfix channels, flagged values left out', { now: NOW, range: { preset: 'last30Days' }, granularity: 'day', timeZone: 'America/New_York', hotfixChannels: hotfix, excludeFlagged: true }],
    ['a month aligned to its buckets', { now: NOW, range: { preset: 'lastMonth' }, granularity: 'week', timeZone: 'Asia/Tokyo', alignStart: true, weekStart: 'monday' }],
    ['a window before any deployment', { now: NOW, range: { from: at('2024-06-01T00:00:00Z'), to: at('2024-07-01T00:00:00Z') }, granularity: 'month', timeZone: 'UTC' }],
  ];
  const filters: [string, DeploymentFilter][] = [
    ['no filter', {}],
    ['production only', { environments: [production] }],
    ['tenanted only, with a project list of its own', { tenants: { untenanted: false, tenants: 'all' }, projects: [0, 1] }],
    ['(project, environment) pairs', { projectEnvironments: everyProject.map((project) => ({ project, environment: (project % 4) as number })) }],
  ];

  for (const [queryName, query] of queries) {
    for (const [filterName, filter] of filters) {
      it(`equals computeInsights' summary of each project: ${queryName}, ${filterName}`, () => {
        const summaries = projectSummaries(prepared, { ...query, filter }, everyProject);
        expect(summaries).toHaveLength(everyProject.length);
        for (const project of everyProject) {
          const expected = computeInsights(prepared, { ...query, filter: { ...filter, projects: [project] } }).summary;
          expect(figures(summaries[project]), dims.projects[project].name).toBe(figures(expected));
        }
      });
    }
  }

  it('has counted something in the windows it checks (the comparison is not of empty summaries)', () => {
    const [, query] = queries[0];
    const summaries = projectSummaries(prepared, query, everyProject);
    expect(summaries.filter((s) => s.failureRate.total > 0 && s.leadTime.count > 0 && s.recovery.count > 0).length).toBeGreaterThan(5);
    expect(summaries.some((s) => s.failureRate.beyondOctopus.excluded.canceled > 0)).toBe(true);
  });

  it('answers for the projects asked, in their order, repeated or unknown ones included', () => {
    const [, query] = queries[0];
    const all = projectSummaries(prepared, query, everyProject);
    const some = projectSummaries(prepared, query, [5, 2, 5, 99]);
    expect(figures(some[0])).toBe(figures(all[5]));
    expect(figures(some[1])).toBe(figures(all[2]));
    expect(figures(some[2])).toBe(figures(all[5]));
    expect(figures(some[3])).toBe(figures(computeInsights(prepared, { ...query, filter: { projects: [99] } }).summary));
    expect(some[3].failureRate.total).toBe(0);
  });

  for (const seed of [1, 2, 3]) {
    it(`equals computeInsights on a random history (seed ${seed}): each project, each stream and the whole, flagged values kept and left out`, () => {
      const history = historyFrom(randomRows(seed, 1500));
      // Low limits, so that many values are flagged and leaving them out changes every metric.
      const p = prepare(history, { implausibleMs: { leadTime: 20 * 3_600_000, recovery: 3 * 3_600_000, duration: 30 * 60_000, queueTime: 60_000 } });
      const beta = history.dims.channels.flatMap((c, i) => (c.name === 'Beta' ? [i] : []));
      const query: InsightsQuery = { now: at('2024-01-20T00:00:00Z'), range: { preset: 'last7Days' }, granularity: 'day', timeZone: 'Europe/London', hotfixChannels: beta, excludeFlagged: seed !== 1 };
      const flagged = computeInsights(p, query).beyondOctopus.flagged;
      for (const flag of ['LeadTimeLong', 'RecoveryLong', 'DurationLong'] as const) expect(flagged[flag].count, flag).toBeGreaterThan(0);
      const projects = history.dims.projects.map((_, i) => i);
      projectSummaries(p, query, projects).forEach((s, project) => {
        expect(figures(s)).toBe(figures(computeInsights(p, { ...query, filter: { projects: [project] } }).summary));
      });
      // Every stream a view of its own: the pass splits by any grouping, not only by project.
      const viewOf = Int32Array.from({ length: p.streams.count }, (_, s) => s + 1);
      const byStream = groupSummaries(p, query, viewOf, p.streams.count);
      for (let s = 0; s < p.streams.count; s++) {
        const filter: DeploymentFilter = {
          projects: [p.streams.project[s]],
          channels: [p.streams.channel[s]],
          environments: [p.streams.environment[s]],
          tenants: p.streams.tenant[s] < 0 ? { untenanted: true, tenants: 'none' } : { untenanted: false, tenants: { ids: [p.streams.tenant[s]] } },
        };
        expect(figures(byStream[s + 1]), `stream ${s}`).toBe(figures(computeInsights(p, { ...query, filter }).summary));
      }
      const whole = computeInsights(p, query).summary;
      expect(whole.leadTime.count).toBeGreaterThan(0);
      expect(figures(windowSummary(p, query))).toBe(figures(whole));
    });
  }
});
