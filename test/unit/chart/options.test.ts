import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { chartOptions, type UPlotStatics } from '@/lib/chart/options';
import { type ChartData, DARK_PALETTE, LIGHT_PALETTE } from '@/lib/chart/series';

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

const failureRate: ChartData = {
  data: [
    [1_700_000_000, 1_700_604_800],
    [1, 0],
    [25, null],
  ],
  series: [
    { label: 'Failed deployments', kind: 'bars', scale: 'count', color: '#c01c28' },
    { label: 'Failure rate (%)', kind: 'line', scale: 'percent', color: '#1a5fb4' },
  ],
  table: { head: [], rows: [] },
};
const leadTime: ChartData = {
  data: [[1_700_000_000], [3], [9]],
  series: [
    { label: 'Median (hours)', kind: 'line', scale: 'hours', color: '#1a5fb4' },
    { label: '95th percentile (hours)', kind: 'line', scale: 'hours', color: '#9141ac', dash: [6, 4] },
  ],
  table: { head: [], rows: [] },
};
const tickText = (options: uPlot.Options, axis: number, ticks: number[]) => (options.axes![axis].values as (u: uPlot, t: number[]) => string[])({} as uPlot, ticks);

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
    expect(rate).toMatchObject({ label: 'Failure rate (%)', scale: 'percent', width: 2, fill: undefined, paths: undefined, points: { show: true, size: 5 } });
    expect(chartOptions(leadTime, LIGHT_PALETTE, size, 'UTC', statics).series[2]).toMatchObject({ dash: [6, 4] });
  });

  it('give each kind of value its own scale and axis: percent fixed at 0–100, counts and hours from 0 with headroom', () => {
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
    expect(tickText(chartOptions(leadTime, LIGHT_PALETTE, size, 'UTC', statics), 1, [2])).toEqual(['2h']);
  });

  it('colour axes and grid from the theme', () => {
    const axis = chartOptions(leadTime, DARK_PALETTE, size, 'UTC', statics).axes![0];
    expect(axis).toMatchObject({ stroke: DARK_PALETTE.axis, grid: { stroke: DARK_PALETTE.grid, width: 1 }, ticks: { stroke: DARK_PALETTE.grid } });
  });
});
