import { describe, expect, it } from 'vitest';
import { drawDecorations, markPosition } from '@/lib/chart/decorations';
import { LIGHT_PALETTE } from '@/lib/chart/series';

/** A plot from x = 1000 s to 2000 s over 100..500 canvas px, y 0..100 over 300..0 px. */
function plot() {
  const calls: string[] = [];
  const ctx = {
    strokeStyle: '' as unknown,
    fillStyle: '' as unknown,
    lineWidth: 0,
    font: '',
    textAlign: '',
    save: () => calls.push('save'),
    restore: () => calls.push('restore'),
    beginPath: () => calls.push('begin'),
    moveTo: (x: number, y: number) => calls.push(`move ${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`line ${x},${y}`),
    stroke: () => calls.push(`stroke ${String(ctx.strokeStyle)}`),
    fillText: (text: string, x: number, y: number) => calls.push(`text ${text} ${x},${y} ${ctx.textAlign}`),
    setLineDash: () => undefined,
    measureText: (text: string) => ({ width: text.length * 6 }) as TextMetrics,
  };
  const u = {
    ctx,
    bbox: { left: 100, top: 0, width: 400, height: 300 },
    scales: { x: {}, count: {} },
    valToPos: (v: number, scale: string) => (scale === 'x' ? 100 + ((v - 1000) / 1000) * 400 : 300 - v * 3),
  };
  return { u, calls };
}

describe('chart decorations', () => {
  it('draw a mark as a vertical line at its date, labelled on the side with room', () => {
    const { u, calls } = plot();
    drawDecorations(u as never, { marks: [{ at: 1_500_000, label: 'Canary' }, { at: 1_990_000, label: 'Late' }] }, LIGHT_PALETTE, 1);
    expect(calls).toContain('move 300,0');
    expect(calls).toContain('line 300,300');
    expect(calls).toContain('text Canary 304,12 left');
    // 496 px: no room on the right of the line, so the label goes left of it.
    expect(calls).toContain('text Late 492,12 right');
    expect(calls).toContain(`stroke ${LIGHT_PALETTE.mark}`);
  });

  it('leave out marks outside the plot, and target lines on scales the chart does not have', () => {
    const { u, calls } = plot();
    drawDecorations(u as never, { marks: [{ at: 3_000_000, label: 'Later' }], thresholds: [{ scale: 'percent', value: 10, label: 'x' }] }, LIGHT_PALETTE, 1);
    expect(calls.filter((c) => c.startsWith('move'))).toEqual([]);
    expect(markPosition(u, 999_000)).toBeNull();
    expect(markPosition(u, 1_000_000)).toBe(100);
  });

  it('draw a target line across the plot at its value, in its colour', () => {
    const { u, calls } = plot();
    drawDecorations(u as never, { thresholds: [{ scale: 'count', value: 50, label: 'Goal: 50', color: '#123456' }] }, LIGHT_PALETTE, 1);
    expect(calls).toEqual(['save', 'begin', 'move 100,150', 'line 500,150', 'stroke #123456', 'text Goal: 50 496,146 right', 'restore']);
  });

  it('draw nothing, not even a save, when there is nothing to draw', () => {
    const { u, calls } = plot();
    drawDecorations(u as never, {}, LIGHT_PALETTE, 1);
    expect(calls).toEqual([]);
  });
});
