/**
 * What a chart draws over its data: vertical date marks ("we introduced canary deployments") and horizontal
 * target lines (a goal, a DORA tier's bound). Any chart built by lib/chart/options.ts takes them in its
 * view: `chartOptions(chart, palette, size, zone, statics, { marks, thresholds })`, and `<ChartCard>` /
 * `<TimeSeriesChart>` pass their `decorations` prop through. Values are in the scale's own units: ms for a
 * duration scale (`'duration'`, `'duration-p95'`, or every duration once the chart is on its log scale),
 * percent for `'percent'`, a count for `'count'`.
 */
import type uPlot from 'uplot';
import type { Palette } from './series';

export interface ChartMark {
  /** When, UTC ms. */
  at: number;
  label: string;
}

export interface ChartThreshold {
  /** The uPlot scale the value is on (see above). */
  scale: string;
  value: number;
  label: string;
  /** Defaults to the palette's mark colour. */
  color?: string;
}

export interface ChartDecorations {
  marks?: readonly ChartMark[];
  thresholds?: readonly ChartThreshold[];
}

/** The part of uPlot's drawing context the decorations use (so tests can record the calls). */
type Ctx = Pick<CanvasRenderingContext2D, 'save' | 'restore' | 'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'fillText' | 'setLineDash' | 'measureText'> & {
  strokeStyle: unknown;
  fillStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
};

/** Where a decoration lands, in canvas pixels, or null when it is outside the plot. */
export function markPosition(u: Pick<uPlot, 'valToPos' | 'bbox'>, at: number): number | null {
  const x = u.valToPos(at / 1000, 'x', true);
  return Number.isFinite(x) && x >= u.bbox.left && x <= u.bbox.left + u.bbox.width ? x : null;
}

/** Draws the view's marks and target lines on the plot (uPlot's `draw` hook). */
export function drawDecorations(u: Pick<uPlot, 'valToPos' | 'bbox' | 'scales'> & { ctx: Ctx }, view: ChartDecorations, palette: Palette, px: number): void {
  const marks = view.marks ?? [];
  const thresholds = (view.thresholds ?? []).filter((t) => u.scales[t.scale] !== undefined);
  if (marks.length === 0 && thresholds.length === 0) return;
  const { ctx, bbox } = u;
  ctx.save();
  ctx.lineWidth = 1.5 * px;
  ctx.font = `${11 * px}px system-ui, sans-serif`;
  ctx.setLineDash([4 * px, 3 * px]);
  for (const m of marks) {
    const x = markPosition(u, m.at);
    if (x === null) continue;
    ctx.strokeStyle = palette.mark;
    ctx.fillStyle = palette.mark;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    // The label beside the line, on the side with room.
    const room = bbox.left + bbox.width - x > ctx.measureText(m.label).width + 8 * px;
    ctx.textAlign = room ? 'left' : 'right';
    ctx.fillText(m.label, room ? x + 4 * px : x - 4 * px, bbox.top + 12 * px);
  }
  for (const t of thresholds) {
    const y = u.valToPos(t.value, t.scale, true);
    if (!Number.isFinite(y) || y < bbox.top || y > bbox.top + bbox.height) continue;
    ctx.strokeStyle = t.color ?? palette.mark;
    ctx.fillStyle = t.color ?? palette.mark;
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.fillText(t.label, bbox.left + bbox.width - 4 * px, y - 4 * px);
  }
  ctx.restore();
}
