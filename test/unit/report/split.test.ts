import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../lib/metrics/compute-insights';
import { prepare } from '../../../lib/metrics/prepare';
import { streamMask } from '../../../lib/metrics/stream-mask';
import { computeReportInsights, computeSplit, OTHERS_KEY } from '../../../lib/report/compute-report';
import { groupStats } from '../../../lib/report/group-stats';
import { resolveReport } from '../../../lib/report/resolve-report';
import { narrowFilter, type SplitSpec, splitGroups } from '../../../lib/report/split-groups';
import { splitLines } from '../../../lib/report/split-lines';
import { topGroups } from '../../../lib/report/top-groups';
import { computeTrendLists } from '../../../lib/report/trend-lists';
import { definition, NOW, reportHistory, WINDOW } from './fixture';

const history = reportHistory();
const prepared = prepare(history);
const dims = history.dims;
const query = { now: NOW, range: WINDOW, granularity: 'week' as const, timeZone: 'UTC' };
const report = resolveReport(
  dims,
  definition({
    channelIds: dims.channels.map((c) => c.id), // every channel, Hotfix included
    environmentGroups: [
      { name: 'Pre-production', environmentIds: ['Environments-1', 'Environments-2'] },
      { name: 'Production', environmentIds: ['Environments-4'] },
      { name: 'Unused', environmentIds: ['Environments-99'] },
    ],
  }),
);
const SPECS: SplitSpec[] = [
  { kind: 'project' },
  { kind: 'projectGroup' },
  { kind: 'environment' },
  { kind: 'environmentGroup' },
  { kind: 'tenant' },
  { kind: 'tenantTag', tagSet: 'Region' },
  { kind: 'tenantTag', tagSet: 'Tier' },
];

describe('top 10 groups and Others', () => {
  it('keeps the busiest 10 as lines and sums the rest; groups without deployments get no line', () => {
    const totals = [5, 0, 9, 1, 12, 3, 3, 8, 2, 7, 6, 4, 11, 10];
    const labels = totals.map((_, i) => `g${String(i).padStart(2, '0')}`);
    const { top, rest, ranked } = topGroups(totals, labels);
    expect(top).toEqual([4, 12, 13, 2, 7, 9, 10, 0, 11, 5]);
    expect(rest).toEqual([6, 8, 3]); // 3 (tie with 5, later label), 2, 1
    expect(ranked).toEqual([...top, ...rest]);
    expect(topGroups([0, 0], ['a', 'b'])).toEqual({ top: [], rest: [], ranked: [] });
  });
});

describe('split groups and their figures', () => {
  const insights = computeReportInsights(prepared, report, query);
  const mask = streamMask(prepared.streams, dims, report.filter);

  it.each(SPECS)('each group of a $kind $tagSet split equals computeInsights with the group filter', (spec) => {
    const split = splitGroups(dims, prepared.streams, mask, report, spec);
    const stats = groupStats(prepared, split, insights.window);
    expect(split.groups.length).toBeGreaterThan(1);
    split.groups.forEach((group, g) => {
      const one = computeInsights(prepared, { ...query, filter: narrowFilter(report, [group.part]) });
      const mine = stats.current[g];
      const s = one.summary;
      expect([group.label, mine.successful, mine.failed, mine.canceled, mine.timedOut, mine.failureRate], group.key).toEqual([
        group.label,
        s.frequency.successful,
        s.failureRate.failed,
        s.failureRate.beyondOctopus.excluded.canceled,
        s.failureRate.beyondOctopus.excluded.timedOut,
        s.failureRate.rate,
      ]);
      expect(mine.perWeek).toBeCloseTo(s.frequency.perWeek, 9);
      expect([mine.leadTime.count, mine.leadTime.median, mine.recovery.count, mine.recovery.median, mine.duration.count]).toEqual([
        s.leadTime.count,
        s.leadTime.median,
        s.recovery.count,
        s.recovery.median,
        s.duration.count,
      ]);
      if (s.leadTime.mean !== null) expect(mine.leadTime.mean).toBeCloseTo(s.leadTime.mean, 6);
      const before = stats.previous[g];
      expect([before.successful, before.failed]).toEqual([one.previous.frequency.successful, one.previous.failureRate.failed]);
    });
  });

  it('groups that cover every deployment once add up to the report (project, environment, tenant)', () => {
    for (const kind of ['project', 'projectGroup', 'environment', 'environmentGroup', 'tenant'] as const) {
      const split = computeSplit(prepared, report, insights.window, { kind });
      const sum = split.rows.reduce((t, r) => t + r.current.successful, 0);
      expect(sum, kind).toBe(insights.summary.frequency.successful);
    }
  });

  it('a tenant tag split lists a tenant once per tag of the set, plus untenanted and untagged tenants', () => {
    const split = splitGroups(dims, prepared.streams, mask, report, { kind: 'tenantTag', tagSet: 'Region' });
    expect(split.groups.map((g) => g.key).sort()).toEqual(['Region/EU', 'Region/US', 'no-tag', 'untenanted']);
    const initech = dims.tenants.findIndex((t) => t.name === 'Initech');
    const eu = split.groups.find((g) => g.key === 'Region/EU')!;
    const us = split.groups.find((g) => g.key === 'Region/US')!;
    expect(eu.part.tenants?.ids).toContain(initech);
    expect(us.part.tenants?.ids).toContain(initech);
    expect(split.groups.find((g) => g.key === 'no-tag')!.label).toBe('No Region tag');
  });

  it('draws 10 lines and one Others line that equals the sum of the other groups', () => {
    const split = computeSplit(prepared, report, insights.window, { kind: 'project' });
    expect(split.rows).toHaveLength(13);
    expect(split.lines.map((l) => l.key)).toEqual([...split.rows.slice(0, 10).map((r) => r.group.key), OTHERS_KEY]);
    expect(split.rows.filter((r) => r.inChart)).toHaveLength(10);
    const rest = split.rows.slice(10);
    expect(split.others?.groups).toBe(3);
    expect(split.lines[10].label).toBe('Others (3)');
    const others = split.others!.period;
    expect(others.successful).toBe(rest.reduce((t, r) => t + r.current.successful, 0));
    expect(others.total).toBe(rest.reduce((t, r) => t + r.current.total, 0));
    for (const line of split.lines) expect(line.buckets).toHaveLength(insights.series.length);
  });

  it.each(SPECS)("each chart line of a $kind $tagSet split equals computeInsights' series for its groups, bucket by bucket", (spec) => {
    const split = computeSplit(prepared, report, insights.window, spec);
    const groups = splitGroups(dims, prepared.streams, mask, report, spec).groups;
    const inLine = (key: string) => (key === OTHERS_KEY ? split.rows.filter((r) => !r.inChart) : split.rows.filter((r) => r.group.key === key)).map((r) => groups.find((g) => g.key === r.group.key)!.part);
    for (const line of split.lines) {
      const one = computeInsights(prepared, { ...query, filter: narrowFilter(report, inLine(line.key)) });
      const expected = one.series.map((b) => [b.frequency.successful, b.failureRate.failed, b.failureRate.rate, b.leadTime.median, b.recovery.median, b.duration.count]);
      const actual = line.buckets.map((b) => [b.successful, b.failed, b.failureRate, b.leadTime.median, b.recovery.median, b.duration.count]);
      expect(actual, `${spec.kind} ${line.label}`).toEqual(expected);
      if (line.key === OTHERS_KEY) expect(split.others!.period.recovery.median).toBe(one.summary.recovery.median);
    }
  });

  it('counts a deployment once in a line that holds two of its groups (a tenant tagged EU and US)', () => {
    const split = splitGroups(dims, prepared.streams, mask, report, { kind: 'tenantTag', tagSet: 'Region' });
    const both = ['Region/EU', 'Region/US'].map((key) => split.groups.findIndex((g) => g.key === key));
    const lineOf = new Int32Array(split.groups.length).fill(-1);
    for (const g of both) lineOf[g] = 0;
    const line = splitLines(prepared, split, insights.window, lineOf, 1);
    const one = computeInsights(prepared, { ...query, filter: narrowFilter(report, both.map((g) => split.groups[g].part)) });
    expect(line.whole[0].total).toBe(one.summary.failureRate.total);
    expect(line.whole[0].leadTime.median).toBe(one.summary.leadTime.median);
    expect(line.buckets[0].map((b) => b.successful)).toEqual(one.series.map((b) => b.frequency.successful));
    const separately = groupStats(prepared, split, insights.window).current;
    expect(line.whole[0].total).toBeLessThan(separately[both[0]].total + separately[both[1]].total);
  });

  it("lists the report's environment groups even when empty, and nothing outside them", () => {
    const split = computeSplit(prepared, report, insights.window, { kind: 'environmentGroup' });
    expect(split.rows.map((r) => r.group.label)).toEqual(['Pre-production', 'Production', 'Unused']);
    expect(split.rows[2].current.total).toBe(0);
    expect(split.lines.map((l) => l.label)).toEqual(['Pre-production', 'Production']);
  });
});

describe('trend lists', () => {
  const window = computeReportInsights(prepared, report, query).window;

  it("use Octopus's indicator rule per group and list improving and worsening separately", () => {
    for (const metric of ['frequency', 'leadTime', 'failureRate', 'recovery'] as const) {
      const lists = computeTrendLists(prepared, report, window, metric);
      for (const dimension of ['project', 'environment', 'tenant'] as const) {
        const { improving, worsening, present } = lists[dimension];
        expect(present).toBeGreaterThanOrEqual(2);
        expect(improving.length).toBeLessThanOrEqual(10);
        expect(improving.every((e) => e.trend.sentiment === 'good' && e.trend.currentDeployments >= 10 && e.trend.previousDeployments >= 10)).toBe(true);
        expect(worsening.every((e) => e.trend.sentiment === 'bad')).toBe(true);
        for (const e of [...improving, ...worsening]) {
          const one = computeInsights(prepared, { ...query, filter: narrowFilter(report, [e.group.part]) });
          expect(e.trend.direction, `${dimension} ${e.group.label} ${metric}`).toBe(one.comparison[metric].direction);
        }
      }
    }
  });
});
