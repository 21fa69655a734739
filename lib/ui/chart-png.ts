/**
 * "Download PNG" of a chart: the chart as drawn (its canvas holds the lines and both axes, at the screen's
 * pixel ratio), with its title and what a value is above it and the legend's swatches and names below, on
 * the page's background — so a picture pasted into a wiki still says what it shows. Made from the canvas
 * alone: no screenshot, no permission. The layout is lib/chart/picture.ts's.
 */
import { type ChartPicture, pictureLayout } from '@/lib/chart/picture';
import { downloadBlob } from './download';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export async function downloadChartPng(picture: ChartPicture, fileName: string): Promise<void> {
  const { canvas: drawn, chart, title, label } = picture;
  const px = drawn.width / Math.max(1, drawn.getBoundingClientRect().width || drawn.width);
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d')!;
  ctx.font = `${12 * px}px ${FONT}`;
  const layout = pictureLayout(drawn.width, drawn.height, px, chart.series, (text) => ctx.measureText(text).width);
  out.width = Math.ceil(layout.width);
  out.height = Math.ceil(layout.height);
  const style = getComputedStyle(document.body);
  ctx.fillStyle = style.backgroundColor || '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = style.color || '#000000';
  ctx.font = `600 ${layout.title.size}px ${FONT}`;
  ctx.fillText(title, layout.title.x, layout.title.y);
  ctx.font = `${layout.label.size}px ${FONT}`;
  ctx.fillText(label, layout.label.x, layout.label.y);
  ctx.drawImage(drawn, layout.chart.x, layout.chart.y);
  ctx.font = `${layout.legendSize}px ${FONT}`;
  for (const entry of layout.legend) {
    ctx.fillStyle = entry.color;
    ctx.fillRect(entry.x, entry.y - layout.legendSize, layout.legendSize, layout.legendSize);
    ctx.fillStyle = style.color || '#000000';
    ctx.fillText(entry.text, entry.x + layout.legendSize + 6 * px, entry.y);
  }
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (blob) downloadBlob(blob, fileName);
}
