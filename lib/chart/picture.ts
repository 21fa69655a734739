/**
 * A chart as a picture ("Download PNG"): where its title, what a value is, the chart itself and the legend
 * go on one canvas. Pure layout, so it is what the tests check; lib/ui/chart-png.ts draws it.
 */
import type { ChartData } from './series';

/** What "Download PNG" hands the page: the drawn chart and what to write around it. */
export interface ChartPicture {
  canvas: HTMLCanvasElement;
  chart: ChartData;
  title: string;
  /** What a value is, and the view's scope: "successful deployments per week · Web → Production". */
  label: string;
}

export interface PictureLayout {
  width: number;
  height: number;
  pad: number;
  title: { x: number; y: number; size: number };
  label: { x: number; y: number; size: number };
  chart: { x: number; y: number };
  /** One entry per series: its swatch's corner and its name's baseline. */
  legend: { x: number; y: number; text: string; color: string; dashed: boolean }[];
  legendSize: number;
}

/**
 * Lays a `chartWidth` × `chartHeight` canvas (device pixels, ratio `px`) out under a title and label and over
 * a legend that wraps to the chart's width; `measure` gives a legend entry's text width at the legend's size.
 *
 * @example
 * pictureLayout(800, 440, 2, chart.series, (t) => t.length * 14).height //=> 440 + the title, label and legend rows
 */
export function pictureLayout(chartWidth: number, chartHeight: number, px: number, series: ChartData['series'], measure: (text: string) => number): PictureLayout {
  const pad = 12 * px;
  const titleSize = 16 * px;
  const labelSize = 12 * px;
  const legendSize = 12 * px;
  const rowHeight = 20 * px;
  const swatch = 12 * px;
  const top = pad + titleSize + 6 * px + labelSize + 10 * px;
  const legend: PictureLayout['legend'] = [];
  let x = pad;
  let row = 0;
  for (const s of series) {
    const width = swatch + 6 * px + measure(s.label) + 16 * px;
    if (x > pad && x + width > pad + chartWidth) {
      x = pad;
      row++;
    }
    legend.push({ x, y: top + chartHeight + 8 * px + row * rowHeight, text: s.label, color: s.color, dashed: s.dash !== undefined });
    x += width;
  }
  const rows = series.length === 0 ? 0 : row + 1;
  return {
    width: chartWidth + 2 * pad,
    height: top + chartHeight + 8 * px + rows * rowHeight + pad,
    pad,
    title: { x: pad, y: pad + titleSize, size: titleSize },
    label: { x: pad, y: pad + titleSize + 6 * px + labelSize, size: labelSize },
    chart: { x: pad, y: top },
    legend,
    legendSize,
  };
}

/**
 * The PNG's file name: the view's CSV file name (lib/export/csv-file-name.ts: what, where, which days) with
 * the chart's title instead of the extension.
 *
 * @example
 * pictureFileName('dora-lens_Web_Production_2026-08-01_2026-11-20.csv', 'Deployment lead time') //=> 'dora-lens_Web_Production_2026-08-01_2026-11-20_Deployment-lead-time.png'
 */
export function pictureFileName(csvName: string, title: string): string {
  const part = title.replace(/[^\w]+/g, '-').replace(/^-+|-+$/g, '');
  return `${csvName.replace(/\.csv$/, '')}_${part}.png`;
}
