import { describe, expect, it } from 'vitest';
import { prepare } from '../../../lib/metrics/prepare';
import { readPanelParams } from '../../../lib/panel/panel-params';
import { computeReportInsights, computeSplit } from '../../../lib/report/compute-report';
import { drillDownUrl } from '../../../lib/host/panel-link';
import { resolveReport } from '../../../lib/report/resolve-report';
import { reportCsvFileName } from '../../../lib/report/report-csv';
import { reportPageUrl } from '../../../lib/report/report-page-url';
import { togglePick } from '../../../lib/report/report-view';
import { DEFAULT_REPORT_PARAMS, readReportParams, writeReportParams } from '../../../lib/report/report-params';
import { OTHERS_COLOR, SPLIT_COLORS_DARK, SPLIT_COLORS_LIGHT, splitChartData } from '../../../lib/report/split-series';
import { definition, NOW, reportHistory, WINDOW } from './fixture';

describe('report view parameters in the URL hash', () => {
  it('round-trip, keeping the other hash parameters and leaving defaults out', () => {
    const into = new URLSearchParams({ origin: 'https://o.example', space: 'Spaces-1', view: 'report' });
    const params = { ...DEFAULT_REPORT_PARAMS, report: 'r-1', split: 'tenantTag' as const, tagSet: 'Region', metric: 'leadTime' as const, range: 'custom' as const, from: '2025-01-01', to: '2025-01-31', granularity: 'week' as const };
    const hash = writeReportParams(params, into);
    expect(hash.toString()).toBe('origin=https%3A%2F%2Fo.example&space=Spaces-1&view=report&range=custom&from=2025-01-01&to=2025-01-31&granularity=week&report=r-1&split=tenantTag&tagSet=Region&metric=leadTime');
    expect(readReportParams(hash)).toEqual(params);
    expect(writeReportParams(DEFAULT_REPORT_PARAMS).toString()).toBe('');
    // The report's defaults (production environments, the last 30 days, daily) are the popup's, not the panel's.
    expect(DEFAULT_REPORT_PARAMS).toMatchObject({ report: 'production', range: 'last30Days', granularity: 'day' });
    expect(readReportParams(new URLSearchParams(''))).toEqual(DEFAULT_REPORT_PARAMS);
    // The panel's default quarter is written out, not left to be read back as the report's default.
    const quarter = writeReportParams({ ...DEFAULT_REPORT_PARAMS, range: 'lastQuarter', granularity: 'week' });
    expect(quarter.toString()).toBe('range=lastQuarter&granularity=week');
    expect(readReportParams(quarter)).toMatchObject({ range: 'lastQuarter', granularity: 'week' });
  });

  it('compare by any of the five metrics, the rework rate included', () => {
    expect(readReportParams(new URLSearchParams('metric=reworkRate')).metric).toBe('reworkRate');
    expect(writeReportParams({ ...DEFAULT_REPORT_PARAMS, metric: 'reworkRate' }).toString()).toBe('metric=reworkRate');
  });

  it('drop malformed values instead of failing', () => {
    expect(readReportParams(new URLSearchParams('report=<script>&split=colour&metric=mood&range=custom&from=2025-13-01'))).toEqual(DEFAULT_REPORT_PARAMS);
    expect(readReportParams(new URLSearchParams('split=tenantTag')).split).toBe('none'); // a tag split needs its tag set
  });
});

describe('report page address', () => {
  it('is the insights page with server, space and view=report, plus any view state and the opening ticket', () => {
    expect(reportPageUrl('chrome-extension://abc/insights.html', 'https://octopus.example.com', 'Spaces-1')).toBe(
      'chrome-extension://abc/insights.html#server=https%3A%2F%2Foctopus.example.com&space=Spaces-1&view=report',
    );
    expect(reportPageUrl('chrome-extension://abc/insights.html', 'http://127.0.0.1:8066/octopus', 'Spaces-2', { report: 'r-1', split: 'project', ticket: 'ab12' })).toBe(
      'chrome-extension://abc/insights.html#server=http%3A%2F%2F127.0.0.1%3A8066%2Foctopus&space=Spaces-2&view=report&report=r-1&split=project&ticket=ab12',
    );
  });
});

describe('drill-down to a project panel', () => {
  it("opens the panel's shareable route with the report's range, granularity, time zone and environment", () => {
    const url = drillDownUrl(
      { server: 'https://octopus.example.com', space: 'Spaces-1', projectSlug: 'acme-web', environment: 'Environments-4' },
      { range: 'custom', from: '2025-01-01', to: '2025-03-31', granularity: 'month', zone: 'Asia/Kolkata' },
    );
    expect(url).toBe(
      'https://octopus.example.com/app#/Spaces-1/projects/acme-web/deployments?doraLens=insights&range=custom&from=2025-01-01&to=2025-03-31&granularity=month&environment=Environments-4&zone=Asia%2FKolkata',
    );
    const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    expect(readPanelParams(query)).toMatchObject({ range: 'custom', from: '2025-01-01', to: '2025-03-31', granularity: 'month', environment: 'Environments-4', zone: 'Asia/Kolkata' });
  });

  it('leaves defaults out', () => {
    expect(drillDownUrl({ server: 'http://127.0.0.1:8066', space: 'Spaces-2', projectSlug: 'r-d' }, { range: 'lastQuarter', granularity: 'week' })).toBe(
      'http://127.0.0.1:8066/app#/Spaces-2/projects/r-d/deployments?doraLens=insights',
    );
    // A server under a path keeps it.
    expect(drillDownUrl({ server: 'https://tools.example.com/octopus', space: 'Spaces-2', projectSlug: 'r-d' }, { range: 'lastQuarter', granularity: 'week' })).toBe(
      'https://tools.example.com/octopus/app#/Spaces-2/projects/r-d/deployments?doraLens=insights',
    );
  });
});

describe('split chart data', () => {
  const history = reportHistory();
  const prepared = prepare(history);
  const report = resolveReport(history.dims, definition());
  const insights = computeReportInsights(prepared, report, { now: NOW, range: WINDOW, granularity: 'week', timeZone: 'UTC' });
  const split = computeSplit(prepared, report, insights.window, { kind: 'project' });
  const lines = split.lines;

  it('has one line per group over the report\'s buckets, Others grey and dashed', () => {
    const chart = splitChartData('frequency', insights.series, lines, false);
    expect(chart.data[0]).toEqual(insights.series.map((b) => Math.round(b.start / 1000)));
    expect(chart.data.slice(1)).toEqual(lines.map((l) => l.buckets.map((b) => b.successful)));
    expect(chart.series).toHaveLength(11);
    expect(chart.series.slice(0, 2).map((s) => [s.label, s.color, s.kind, s.scale, s.dash])).toEqual([
      [lines[0].label, SPLIT_COLORS_LIGHT[0], 'line', 'count', undefined],
      [lines[1].label, SPLIT_COLORS_LIGHT[1], 'line', 'count', undefined],
    ]);
    expect(chart.axes).toEqual([{ scale: 'count', value: 'count' }]);
    expect(chart.series[10]).toMatchObject({ label: 'Others (3)', color: OTHERS_COLOR.light, dash: [6, 4] });
    expect(chart.table.head).toEqual(['Period', ...lines.map((l) => l.label)]);
    expect(chart.table.rows.map((r) => r[0])).toEqual(insights.series.map((b) => b.label));
    expect(splitChartData('frequency', insights.series, lines, true).series[0].color).toBe(SPLIT_COLORS_DARK[0]);
  });

  it('plots failure rate in percent and medians as durations, with gaps for empty buckets', () => {
    const rate = splitChartData('failureRate', insights.series, lines, false);
    expect(rate.data[1]).toEqual(lines[0].buckets.map((b) => (b.failureRate === null ? null : b.failureRate * 100)));
    const lead = splitChartData('leadTime', insights.series, lines, false);
    expect(lead.data[2]).toEqual(lines[1].buckets.map((b) => b.leadTime.median));
    expect(lead.series[0]).toMatchObject({ scale: 'duration', value: 'duration' });
    expect(lead.axes).toHaveLength(1);
    expect(lead.axes[0]).toMatchObject({ scale: 'duration', value: 'duration' });
    expect(lead.data.slice(1).flat()).toContain(null);
    expect(splitChartData('frequency', [], [], false)).toEqual({ data: [[]], series: [], axes: [], logUseful: false, table: { head: ['Period'], rows: [] } });
  });

  it('draws the three busiest lines in colour and keeps the rest quiet, or the lines the user picked', () => {
    const chart = splitChartData('frequency', insights.series, lines, false);
    expect(chart.series.map((s) => s.quiet)).toEqual([false, false, false, true, true, true, true, true, true, true, true]);
    const picked = splitChartData('frequency', insights.series, lines, false, 'others', [lines[5].key, 'others']);
    expect(picked.series.filter((s) => !s.quiet).map((s) => s.label)).toEqual([lines[5].label, 'Others (3)']);
    // A line keeps its colour whether highlighted or not, so the split table's swatches stay right.
    expect(picked.series.map((s) => s.color)).toEqual(chart.series.map((s) => s.color));
  });
});

describe('CSV file name', () => {
  it("carries the report's name, its environment groups and the dates in the report's zone", () => {
    const resolved = resolveReport(reportHistory().dims, definition({ name: 'Release train / EU', environmentGroups: [{ name: 'Prod', environmentIds: ['Environments-4'] }] }));
    expect(reportCsvFileName(resolved, { from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 2, 1), timeZone: 'UTC' })).toBe('dora-lens_Release-train-EU_Prod_2025-01-01_2025-02-28.csv');
  });
});

describe('picking the highlighted lines', () => {
  it('adds a line, takes one out, and taking the last out leaves none picked (the busiest again)', () => {
    expect(togglePick([], 'Projects-1')).toEqual(['Projects-1']);
    expect(togglePick(['Projects-1', 'Projects-2'], 'Projects-2')).toEqual(['Projects-1']);
    expect(togglePick(['Projects-1'], 'Projects-1')).toEqual([]);
  });
});
