import { describe, expect, it } from 'vitest';
import { prepare } from '@/lib/metrics/prepare';
import { computeReportInsights, computeSplit } from '@/lib/report/compute-report';
import { reportCsv, reportRows } from '@/lib/report/report-csv';
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

  it('writes the same rework in the CSV’s rework column as the cards count, hotfix channels included', () => {
    const api = history.dims.projects.findIndex((p) => p.name === 'Api');
    const apiChannel = history.releases.channel[history.releases.project.indexOf(api)];
    const reworkColumn = (hotfixChannels?: number[]) => {
      const insights = computeReportInsights(prepared, report, { ...query, hotfixChannels });
      const chunks = [...reportCsv(reportRows(prepared, report, insights.window, query.now, hotfixChannels), true)];
      const text = new TextDecoder().decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '');
      const [head, ...lines] = text.trim().split('\r\n').map((line) => line.split(','));
      const project = head.indexOf('Project');
      const rework = head.indexOf('Rework (DORA Lens)');
      return lines.map((line) => [line[project], line[rework]]);
    };
    const count = (rows: string[][], project: string) => rows.filter(([p, r]) => p === project && r === 'True').length;
    const without = reworkColumn();
    expect([count(without, 'Web'), count(without, 'Api')]).toEqual([2, 0]);
    const withHotfix = reworkColumn([apiChannel]);
    expect([count(withHotfix, 'Web'), count(withHotfix, 'Api')]).toEqual([2, 3]);
  });
});
