import { describe, expect, it } from 'vitest';
import { prepare } from '@/lib/metrics/prepare';
import { computeReportInsights, computeSplit } from '@/lib/report/compute-report';
import { figuresOfPeriod } from '@/lib/report/report-labels';
import { resolveReport } from '@/lib/report/resolve-report';
import { historyFrom } from '../../factories';
import { definition } from './fixture';

/**
 * Web: 1.1 ok, 1.2 fails, 1.3 recovers, 1.2 again (a rollback below the mark 1.3). Rework: 1.3 (in the
 * failure run, the recovery itself) and the rollback: 2 of 4. Api: 1.1, 1.2, 1.3 all ok: 0 of 3.
 */
const history = historyFrom({
  environments: ['Production'],
  releases: ['Web', 'Api'].flatMap((project) => [1, 2, 3].map((k) => ({ project, version: `1.${k}`, assembled: `2025-01-0${k}T00:00:00Z` }))),
  deployments: [
    { project: 'Web', environment: 'Production', release: '1.1', completed: '2025-01-01T01:00:00Z' },
    { project: 'Web', environment: 'Production', release: '1.2', completed: '2025-01-02T01:00:00Z', state: 'Failed' },
    { project: 'Web', environment: 'Production', release: '1.3', completed: '2025-01-03T01:00:00Z' },
    { project: 'Web', environment: 'Production', release: '1.2', completed: '2025-01-04T01:00:00Z' },
    ...[1, 2, 3].map((k) => ({ project: 'Api', environment: 'Production', release: `1.${k}`, completed: `2025-01-0${k}T02:00:00Z` })),
  ],
});
const prepared = prepare(history);
const report = resolveReport(history.dims, definition());
const query = { now: Date.parse('2025-02-01T00:00:00Z'), range: { from: Date.parse('2025-01-01T00:00:00Z'), to: Date.parse('2025-02-01T00:00:00Z') }, granularity: 'week' as const, timeZone: 'UTC', weekStart: 'sunday' as const, tierYear: 2024 as const };

describe('the split table’s rework rate', () => {
  it('counts each group’s unplanned deployments among its counted ones, as the report’s card does for the whole', () => {
    const insights = computeReportInsights(prepared, report, query);
    const split = computeSplit(prepared, report, insights.window, { kind: 'project' });
    expect(split.rows.map((r) => [r.group.label, r.current.rework, r.current.total, r.current.reworkRate])).toEqual([
      ['Web', 2, 4, 0.5],
      ['Api', 0, 3, 0],
    ]);
    // The report's total: 2 of 7.
    expect(figuresOfPeriod(insights.summary).reworkRate).toBe(2 / 7);
  });

  it('counts the user’s hotfix channels as the card does: every counted deployment of them is rework', () => {
    // Api's channel marked as a hotfix channel: its three deployments are rework too (Web's unchanged).
    const api = history.dims.projects.findIndex((p) => p.name === 'Api');
    const apiChannel = history.releases.channel[history.releases.project.indexOf(api)];
    const withHotfix = { ...query, hotfixChannels: [apiChannel] };
    const insights = computeReportInsights(prepared, report, withHotfix);
    const split = computeSplit(prepared, report, insights.window, { kind: 'project' }, withHotfix.hotfixChannels);
    expect(split.rows.map((r) => [r.group.label, r.current.rework, r.current.total])).toEqual([
      ['Web', 2, 4],
      ['Api', 3, 3],
    ]);
    expect(figuresOfPeriod(insights.summary).reworkRate).toBe(5 / 7);
  });
});

