import { describe, expect, it } from 'vitest';
import { LIGHT_PALETTE } from '@/lib/chart/series';
import { prepare } from '@/lib/metrics/prepare';
import { computeReportInsights, computeSplit } from '@/lib/report/compute-report';
import { DEFAULT_REPORT_PARAMS } from '@/lib/report/report-params';
import {
  drillDownTarget,
  hasDeployments,
  rankingView,
  releaseViews,
  reportCharts,
  reportQuery,
  reportTagSets,
  splitOptions,
  splitPatch,
  splitSpecOf,
  splitTable,
  splitValue,
  trendListViews,
} from '@/lib/report/report-view';
import { resolveReport } from '@/lib/report/resolve-report';
import { computeTrendLists } from '@/lib/report/trend-lists';
import { definition, NOW, reportHistory, WINDOW } from './fixture';

const history = reportHistory();
const dims = history.dims;
const prepared = prepare(history);
const whole = resolveReport(dims, definition());
const query = { now: NOW, range: WINDOW, granularity: 'week' as const, timeZone: 'UTC' };
const insights = computeReportInsights(prepared, whole, query);
const href = (project: number, environment?: number) => `#${dims.projects[project].slug}${environment === undefined ? '' : `@${dims.environments[environment].name}`}`;
const envId = (name: string) => dims.environments.find((e) => e.name === name)!.id;

describe('the report’s view', () => {
  it('asks for its range in the report’s own zone, with the user’s week start and tier year', () => {
    const q = reportQuery({ ...DEFAULT_REPORT_PARAMS, range: 'custom', from: '2025-01-01', to: '2025-01-31' }, 'Asia/Kolkata', { weekStart: 'monday', tierYear: 2023 }, NOW);
    // Local midnights in Kolkata (UTC+5:30), the end exclusive: the day after `to`.
    expect(q).toEqual({ now: NOW, range: { from: Date.UTC(2024, 11, 31, 18, 30), to: Date.UTC(2025, 0, 31, 18, 30) }, granularity: 'week', timeZone: 'Asia/Kolkata', weekStart: 'monday', tierYear: 2023 });
  });

  it('offers the splits the report can have, and falls back to none for one it cannot', () => {
    const sets = reportTagSets(dims, whole);
    expect(sets).toEqual(['Region', 'Tier']);
    expect(splitOptions(dims, whole, sets).map((o) => o.value)).toEqual(['none', 'project', 'projectGroup', 'environment', 'tenant', 'tenantTag:Region', 'tenantTag:Tier']);
    expect(splitSpecOf({ ...DEFAULT_REPORT_PARAMS, split: 'environmentGroup' }, whole, sets)).toBeNull();
    expect(splitSpecOf({ ...DEFAULT_REPORT_PARAMS, split: 'tenantTag', tagSet: 'Colour' }, whole, sets)).toBeNull();
    const grouped = resolveReport(dims, definition({ environmentGroups: [{ name: 'Prod', environmentIds: [envId('Production')] }] }));
    expect(splitOptions(dims, grouped, sets).map((o) => o.value)).toContain('environmentGroup');
    expect(splitSpecOf({ ...DEFAULT_REPORT_PARAMS, split: 'tenantTag', tagSet: 'Region' }, whole, sets)).toEqual({ kind: 'tenantTag', tagSet: 'Region' });
  });

  it('writes a split as the toolbar’s choice and reads it back', () => {
    expect(splitValue(null)).toBe('none');
    expect(splitValue({ kind: 'project' })).toBe('project');
    expect(splitValue({ kind: 'tenantTag', tagSet: 'Region' })).toBe('tenantTag:Region');
    expect(splitPatch('tenantTag:Region')).toEqual({ split: 'tenantTag', tagSet: 'Region' });
    expect(splitPatch('environment')).toEqual({ split: 'environment', tagSet: undefined });
  });

  it('leads a row to its project’s panel, pinned to the report’s only environment and only non-default channel', () => {
    expect(drillDownTarget(dims, whole, 0)).toEqual({ projectSlug: dims.projects[0].slug, environment: undefined, channel: undefined });
    expect(drillDownTarget(dims, whole, 0, 3)).toMatchObject({ environment: dims.environments[3].id });
    const hotfix = dims.channels.find((c) => c.project === 1 && c.name === 'Hotfix')!;
    const pinned = resolveReport(dims, definition({ channelIds: [hotfix.id], environmentGroups: [{ name: 'Prod', environmentIds: [envId('Production')] }] }));
    expect(drillDownTarget(dims, pinned, 1)).toEqual({ projectSlug: dims.projects[1].slug, environment: envId('Production'), channel: hotfix.id });
    expect(drillDownTarget(dims, whole, 999)).toBeUndefined();
  });
});

describe('the report’s charts and split table', () => {
  it('draw the report’s own series under the metrics’ names without a split', () => {
    const { charts, lineColors } = reportCharts(insights, null, LIGHT_PALETTE, false);
    expect(charts.map((c) => [c.title, c.label])).toEqual([
      ['Deployment frequency', 'successful deployments per week'],
      ['Deployment lead time', 'median lead time per week'],
      ['Deployment failure rate', 'failure rate (%) per week'],
      ['Mean time to recovery', 'median time to recovery per week'],
    ]);
    expect(lineColors.size).toBe(0);
  });

  it('draw a line per busiest group and colour the table’s rows like their lines', () => {
    const split = computeSplit(prepared, whole, insights.window, { kind: 'project' });
    const { charts, lineColors, highlighted } = reportCharts(insights, split, LIGHT_PALETTE, false);
    expect(charts[0].label).toBe('successful deployments per week, by project');
    expect(charts[0].chart.series).toHaveLength(11);
    const table = splitTable(split, insights, lineColors, false, href, highlighted);
    // The three busiest are drawn in colour, and their rows say so.
    expect(table.rows.map((r) => r.highlighted === true).slice(0, 5)).toEqual([true, true, true, false, false]);
    expect(table.others?.highlighted).toBe(false);
    expect(table.groupTitle).toBe('Project');
    expect(table.overlapping).toBe(false);
    expect(table.rows.slice(0, 10).every((r) => r.color === lineColors.get(r.key))).toBe(true);
    expect(table.rows.slice(10).every((r) => r.color === undefined)).toBe(true);
    expect(table.rows[0].href).toBe(`#${dims.projects[split.rows[0].group.project!].slug}`);
    expect(table.others).toMatchObject({ groups: 3 });
    expect(table.total).toMatchObject({ total: insights.summary.failureRate.total, successful: insights.summary.frequency.successful });
  });
});

describe('the report’s lists', () => {
  it('link the trend lists’ projects to their panel, and nothing else', () => {
    const lists = trendListViews(computeTrendLists(prepared, whole, insights.window, 'frequency'), href);
    expect(lists.map((l) => [l.dimension, l.noun])).toEqual([
      ['project', 'projects'],
      ['environment', 'environments'],
      ['tenant', 'tenants'],
    ]);
    const entries = (i: number) => [...lists[i].improving, ...lists[i].worsening];
    expect(entries(0).every((e) => e.href?.startsWith('#'))).toBe(true);
    expect(entries(1).every((e) => e.href === undefined)).toBe(true);
  });

  it('rank projects with their sample, in the metric’s own nouns', () => {
    const ranking = rankingView(insights, dims, 'leadTime', href);
    const source = insights.beyondOctopus.rankings.project.leadTime;
    expect(ranking.sampleNoun).toBe('lead times');
    expect(ranking.best.map((e) => e.label)).toEqual(source.best.map((e) => e.name));
    expect(ranking.best[0]).toEqual({ key: dims.projects[source.best[0].index].id, label: source.best[0].name, value: source.best[0].value, sample: source.best[0].sample, href: href(source.best[0].index) });
    expect(rankingView(insights, dims, 'recovery', href).sampleNoun).toBe('recoveries');
  });

  it('say how many of a release’s deployments failed, and link a recovery to the environment it happened in', () => {
    const { mostFailures, longestRecovery } = releaseViews(insights, prepared, href);
    const failures = insights.beyondOctopus.releases.mostFailures[0];
    expect(mostFailures[0]).toMatchObject({ key: `f-${failures.release}`, version: failures.version, figure: `${failures.failures} of ${failures.deployments} failed`, value: failures.failures });
    const recovery = insights.beyondOctopus.releases.longestRecovery[0];
    const environment = history.deployments.environment[recovery.firstFailure];
    expect(longestRecovery[0].href).toBe(href(history.releases.project[recovery.release], environment));
  });

  it('offer the CSV when anything finished in the window', () => {
    expect(hasDeployments(insights)).toBe(true);
    const empty = computeReportInsights(prepared, whole, { ...query, range: { from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 0, 8) } });
    expect(hasDeployments(empty)).toBe(false);
  });
});
