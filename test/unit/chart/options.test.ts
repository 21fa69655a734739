import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { chartOptions, LOG_SCALE, legendDate, legendValue, timeAxisValues, type UPlotStatics, viewData } from '@/lib/chart/options';
import { type ChartData, DARK_PALETTE, LIGHT_PALETTE } from '@/lib/chart/series';
import { DURATION_UNITS } from '@/lib/chart/units';

const bars = (() => null) as unknown as uPlot.Series.PathBuilder;
const zoned: [Date, string][] = [];
const statics: UPlotStatics = {
  bars,
  tzDate: (date, timeZone) => {
    zoned.push([date, timeZone]);
    return date;
  },
};
const size = { width: 640, height: 220 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const failureRate: ChartData = {
  data: [
    [1_700_000_000, 1_700_604_800],
    [1, 0],
    [25, null],
  ],
  series: [
    { label: 'Failed deployments', kind: 'bars', scale: 'count', value: 'count', color: '#c01c28' },
    { label: 'Failure rate', kind: 'line', scale: 'percent', value: 'percent', color: '#1a5fb4' },
  ],
  axes: [
    { scale: 'count', value: 'count' },
    { scale: 'percent', value: 'percent' },
  ],
  table: { head: [], rows: [] },
};
const leadTime: ChartData = {
  data: [
    [1_700_000_000, 1_700_604_800],
    [3 * HOUR, 0],
    [9 * DAY, 40 * DAY],
  ],
  series: [
    { label: 'Median', kind: 'line', scale: 'duration', value: 'duration', color: '#1a5fb4' },
    { label: '95th percentile', kind: 'line', scale: 'duration-p95', value: 'duration', color: '#9141ac', dash: [6, 4] },
  ],
  axes: [
    { scale: 'duration', value: 'duration', unit: DURATION_UNITS.hours, label: 'Median', color: '#1a5fb4' },
    { scale: 'duration-p95', value: 'duration', unit: DURATION_UNITS.days, label: '95th percentile', color: '#9141ac' },
  ],
  logUseful: true,
  table: { head: [], rows: [] },
};
type Values = (u: uPlot, t: number[]) => string[];
const tickText = (options: uPlot.Options, axis: number, ticks: number[]) => (options.axes![axis].values as Values)({} as uPlot, ticks);

describe('chart options', () => {
  it('take the size, and read time in the chart’s zone', () => {
    const options = chartOptions(failureRate, LIGHT_PALETTE, size, 'Asia/Kolkata', statics);
    expect([options.width, options.height]).toEqual([640, 220]);
    options.tzDate!(1_700_000_000);
    expect(zoned.at(-1)).toEqual([new Date(1_700_000_000_000), 'Asia/Kolkata']);
  });

  it('draw bars for counts and lines for rates, dashed where the series says', () => {
    const options = chartOptions(failureRate, LIGHT_PALETTE, size, 'UTC', statics);
    const [, failed, rate] = options.series;
    expect(failed).toMatchObject({ label: 'Failed deployments', scale: 'count', stroke: '#c01c28', width: 0, fill: '#c01c28cc', paths: bars, points: { show: false }, spanGaps: false });
    expect(rate).toMatchObject({ label: 'Failure rate', scale: 'percent', width: 2, fill: undefined, paths: undefined, points: { show: true, size: 5 } });
    expect(chartOptions(leadTime, LIGHT_PALETTE, size, 'UTC', statics).series[2]).toMatchObject({ dash: [6, 4] });
  });

  it('give each kind of value its own scale and axis: percent fixed at 0–100, counts from 0 with headroom', () => {
    const options = chartOptions(failureRate, LIGHT_PALETTE, size, 'UTC', statics);
    expect(Object.keys(options.scales!)).toEqual(['count', 'percent']);
    expect(options.scales!.percent.range).toEqual([0, 100]);
    const range = options.scales!.count.range as (u: uPlot, min: number, max: number) => [number, number];
    expect(range({} as uPlot, 0, 10)).toEqual([0, 11]);
    expect(range({} as uPlot, 0, 0)).toEqual([0, 1]);
    expect(options.axes!.map((a) => [a.scale, a.side])).toEqual([
      [undefined, undefined],
      ['count', 3],
      ['percent', 1],
    ]);
    expect(tickText(options, 1, [0, 5])).toEqual(['0', '5']);
    expect(tickText(options, 2, [0, 50])).toEqual(['0%', '50%']);
  });

  it('put the median on its own axis on the left and the 95th percentile on the right, each in its unit', () => {
    const options = chartOptions(leadTime, LIGHT_PALETTE, size, 'UTC', statics);
    expect(Object.keys(options.scales!)).toEqual(['duration', 'duration-p95']);
    expect(options.series.slice(1).map((s) => s.scale)).toEqual(['duration', 'duration-p95']);
    expect(options.axes!.slice(1).map((a) => [a.scale, a.side, a.label, a.stroke])).toEqual([
      ['duration', 3, 'Median', '#1a5fb4'],
      ['duration-p95', 1, '95th percentile', '#9141ac'],
    ]);
    // Ticks in the axis's unit, at steps of whole units (or halves and quarters).
    expect(tickText(options, 1, [0, 2 * HOUR, 4 * HOUR])).toEqual(['0h', '2h', '4h']);
    expect(tickText(options, 2, [0, 7 * DAY, 14 * DAY])).toEqual(['0d', '7d', '14d']);
    expect(options.axes![1].incrs).toContain(HOUR);
    expect(options.axes![2].incrs).toContain(5 * DAY);
    // Only the left axis draws grid lines: two grids would not line up.
    expect(options.axes!.slice(1).map((a) => (a.grid as { show: boolean }).show)).toEqual([true, false]);
  });

  it('on a log scale put every duration on one axis with ticks at durations people think in, and 0 as a gap', () => {
    const view = { log: true };
    const options = chartOptions(leadTime, LIGHT_PALETTE, size, 'UTC', statics, view);
    expect(Object.keys(options.scales!)).toEqual([LOG_SCALE]);
    expect(options.scales![LOG_SCALE]).toMatchObject({ distr: 3, log: 10 });
    expect(options.series.slice(1).map((s) => s.scale)).toEqual([LOG_SCALE, LOG_SCALE]);
    const splits = options.axes![1].splits as (u: uPlot) => number[];
    const u = { scales: { [LOG_SCALE]: { min: 2 * HOUR, max: 80 * DAY } } } as unknown as uPlot;
    expect(tickText(options, 1, splits(u))).toEqual(['6h', '1d', '1w', '4w']);
    expect(viewData(leadTime, view)[1]).toEqual([3 * HOUR, null]);
    expect(viewData(leadTime, {})).toBe(leadTime.data);
  });

  it('write legend values for what they are, and nothing (not “--”) while the pointer is off the chart', () => {
    expect(legendValue('duration')({} as uPlot, 26 * HOUR, 1, 3)).toBe('1d 2h');
    expect(legendValue('percent')({} as uPlot, 12.345, 1, 0)).toBe('12.3%');
    expect(legendValue('count')({} as uPlot, 7, 1, 0)).toBe('7');
    expect(legendValue('count')({} as uPlot, null, 1, 0)).toBe('no data');
    expect(legendValue('count')({} as uPlot, null, 1, null as unknown as number)).toBe('');
    const date = chartOptions(failureRate, LIGHT_PALETTE, size, 'Asia/Kolkata', statics).series[0].value as (u: uPlot, v: number | null, s: number, i: number | null) => string;
    // 2023-11-14T22:13:20Z is the 15th in Kolkata: in the reader's locale (Node's here), pinned below.
    expect(date({} as uPlot, 1_700_000_000, 0, 0)).toMatch(/15.*2023|2023.*15/);
    expect(legendDate('Asia/Kolkata', 'en-GB')({} as uPlot, 1_700_000_000, 0, 0)).toBe('15 Nov 2023');
    expect(date({} as uPlot, null, 0, null)).toBe('');
  });

  it('label the time axis in the reader’s locale: days while ticks are days or weeks apart, months and years beyond', () => {
    const values = timeAxisValues('UTC', 'en-GB');
    const ticks = [Date.UTC(2026, 0, 5) / 1000, Date.UTC(2026, 0, 12) / 1000];
    expect(values({} as uPlot, ticks, 0, 50, 7 * 86_400)).toEqual(['5 Jan', '12 Jan']);
    expect(values({} as uPlot, [Date.UTC(2026, 1, 1) / 1000], 0, 50, 31 * 86_400)).toEqual(['Feb 2026']);
    expect(timeAxisValues('UTC', 'en-US')({} as uPlot, ticks, 0, 50, 7 * 86_400)).toEqual(['Jan 5', 'Jan 12']);
    // The chart's own time axis uses them.
    const axis = chartOptions(failureRate, LIGHT_PALETTE, size, 'UTC', statics).axes![0].values as (u: uPlot, t: number[], a: number, s: number, i: number) => string[];
    expect(axis({} as uPlot, ticks, 0, 50, 7 * 86_400)).toHaveLength(2);
  });

  it('leave room for a target line above the data', () => {
    const options = chartOptions(failureRate, LIGHT_PALETTE, size, 'UTC', statics, { thresholds: [{ scale: 'count', value: 20, label: 'Goal' }] });
    const range = options.scales!.count.range as (u: uPlot, min: number, max: number) => [number, number];
    expect(range({} as uPlot, 0, 10)).toEqual([0, 22]);
  });

  it('colour axes and grid from the theme', () => {
    const axis = chartOptions(leadTime, DARK_PALETTE, size, 'UTC', statics).axes![0];
    expect(axis).toMatchObject({ stroke: DARK_PALETTE.axis, grid: { stroke: DARK_PALETTE.grid, width: 1 }, ticks: { stroke: DARK_PALETTE.grid } });
  });
});

describe('quiet lines', () => {
  const split: ChartData = {
    data: [[1], [1], [2], [3]],
    series: ['A', 'B', 'C'].map((label, k) => ({ label, kind: 'line', scale: 'count', value: 'count', color: `#00000${k}`, quiet: k === 2 })),
    axes: [{ scale: 'count', value: 'count' }],
    table: { head: [], rows: [] },
  };

  it('are grey until the pointer is near them, then take their colour; the others fade while one is focused', () => {
    const options = chartOptions(split, LIGHT_PALETTE, size, 'UTC', statics);
    expect(options.focus).toEqual({ alpha: 0.35 });
    expect(options.cursor!.focus).toEqual({ prox: 24 });
    expect(options.series[1].stroke).toBe('#000000');
    const stroke = options.series[3].stroke as (u: uPlot, si: number) => string;
    const u = (focus: boolean | null) => ({ series: [{}, {}, {}, { _focus: focus }] }) as unknown as uPlot;
    expect(stroke(u(null), 3)).toBe(LIGHT_PALETTE.quiet);
    expect(stroke(u(false), 3)).toBe(LIGHT_PALETTE.quiet);
    expect(stroke(u(true), 3)).toBe('#000002');
    expect(options.series[3]).toMatchObject({ width: 1.5, points: { show: false } });
  });

  it('mark the revealed line on the chart and its legend row', () => {
    const options = chartOptions(split, LIGHT_PALETTE, size, 'UTC', statics);
    const rows = [0, 1, 2, 3].map(() => {
      const classes = new Set<string>();
      return { classes, classList: { toggle: (c: string, on: boolean) => (on ? classes.add(c) : classes.delete(c)) } };
    });
    const root = { dataset: {} as Record<string, string>, querySelectorAll: () => rows };
    const u = { root, series: [{}, { label: 'A' }, { label: 'B' }, { label: 'C', _focus: true }] } as unknown as uPlot;
    (options.hooks!.init![0] as (u: uPlot) => void)(u);
    expect(rows.map((r) => r.classes.has('quiet'))).toEqual([false, false, false, true]);
    (options.hooks!.setSeries![0] as (u: uPlot, si: number | null) => void)(u, 3);
    expect(root.dataset.focused).toBe('C');
    expect(rows[3].classes.has('focused')).toBe(true);
    (options.hooks!.setSeries![0] as (u: uPlot, si: number | null) => void)(u, null);
    expect(root.dataset.focused).toBe('');
  });

  it('are not a thing on charts without them: no fading, no focus', () => {
    const options = chartOptions(failureRate, LIGHT_PALETTE, size, 'UTC', statics);
    expect(options.focus).toEqual({ alpha: 1 });
    expect(options.cursor!.focus).toEqual({ prox: -1 });
    expect(options.hooks!.setSeries).toBeUndefined();
  });
});
