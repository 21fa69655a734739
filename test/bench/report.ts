/**
 * `npx tsx test/bench/report.ts [deployments]`: how long a space report takes over a synthetic history
 * (default 100k deployments across 200 projects, from ./synthetic-history.ts): computing the report
 * (all metrics, series, rankings, release impact, trend lists), changing its split (every group's figures,
 * 10 lines + Others), and the CSV export. Medians of several runs after a warm-up. Budget to compare with
 * (/work/shared/DESIGN.md): a filter change at 100k ≤ 50 ms.
 */
import { cpus } from 'node:os';
import { prepare } from '../../lib/metrics/prepare';
import { computeReportInsights, computeSplit, type ReportQuery } from '../../lib/report/compute-report';
import { emptyReport } from '../../lib/report/report-definition';
import { reportCsv, reportRows } from '../../lib/report/report-csv';
import { resolveReport } from '../../lib/report/resolve-report';
import type { SplitSpec } from '../../lib/report/split-groups';
import { computeTrendLists } from '../../lib/report/trend-lists';
import { syntheticHistory } from './synthetic-history';

function median(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const size = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 100_000;
const now = Date.UTC(2026, 10, 1, 12);
console.log(`node ${process.version}, ${cpus().length} cores`);
const history = syntheticHistory(size, now);
const dims = history.dims;
const prepared = prepare(history);
console.log(`${history.deployments.length} deployments, ${dims.projects.length} projects, ${dims.projectGroups.length} project groups, ${dims.tenants.length} tenants, ${prepared.streams.count} streams`);

// The whole space, and a typical report: half the project groups, two environment groups, EU tenants and untenanted.
const whole = resolveReport(dims, { ...emptyReport('Europe/London', now, 'r-whole'), name: 'Whole space' });
const typical = resolveReport(dims, {
  ...emptyReport('Europe/London', now, 'r-typical'),
  name: 'Typical',
  projectGroupIds: dims.projectGroups.filter((_, g) => g % 2 === 0).map((g) => g.id),
  environmentGroups: [
    { name: 'Pre-production', environmentIds: ['Environments-1', 'Environments-2', 'Environments-3'] },
    { name: 'Production', environmentIds: ['Environments-4', 'Environments-5'] },
  ],
  tenantTags: ['Region/EU'],
});
const query: ReportQuery = { now, range: { preset: 'lastQuarter' }, granularity: 'week', timeZone: 'Europe/London', weekStart: 'sunday' };
const yearQuery: ReportQuery = { ...query, range: { preset: 'lastYear' } };
const SPLITS: SplitSpec[] = [
  { kind: 'project' },
  { kind: 'projectGroup' },
  { kind: 'environment' },
  { kind: 'environmentGroup' },
  { kind: 'tenant' },
  { kind: 'tenantTag', tagSet: 'Region' },
];

for (let k = 0; k < 3; k++) computeSplit(prepared, whole, computeReportInsights(prepared, whole, query).window, { kind: 'project' }); // warm-up

for (const [label, report, q] of [
  ['whole space, last quarter, weekly', whole, query],
  ['whole space, last year, weekly', whole, yearQuery],
  ['typical report, last quarter, weekly', typical, query],
] as const) {
  const insights = computeReportInsights(prepared, report, q);
  console.log(`\n== ${label} (${insights.summary.failureRate.total} deployments in the window) ==`);
  console.log(`report (all metrics, series, rankings, releases)   ${time(11, () => computeReportInsights(prepared, report, q)).toFixed(1)} ms`);
  console.log(`trend lists (projects, environments, tenants)       ${time(11, () => computeTrendLists(prepared, report, insights.window, 'frequency')).toFixed(1)} ms`);
  for (const spec of SPLITS) {
    const split = computeSplit(prepared, report, insights.window, spec);
    const ms = time(7, () => computeSplit(prepared, report, insights.window, spec));
    console.log(`change split to ${`${spec.kind}${spec.tagSet ? ` ${spec.tagSet}` : ''}`.padEnd(20)} ${split.rows.length.toString().padStart(4)} groups, ${split.lines.length} lines  ${ms.toFixed(1)} ms`);
  }
  const first = time(5, () => {
    const i = computeReportInsights(prepared, report, q);
    computeTrendLists(prepared, report, i.window, 'frequency');
    computeSplit(prepared, report, i.window, { kind: 'project' });
  });
  console.log(`open with a project split (report + trends + split)  ${first.toFixed(1)} ms`);
  let bytes = 0;
  const csv = time(3, () => {
    bytes = 0;
    for (const chunk of reportCsv(reportRows(prepared, report, insights.window, now))) bytes += chunk.byteLength;
  });
  console.log(`CSV export (${(bytes / 1048576).toFixed(1)} MB)                               ${csv.toFixed(1)} ms`);
}
const t = performance.now();
prepare(history);
console.log(`\n(prepare, once per load: ${(performance.now() - t).toFixed(0)} ms)`);
