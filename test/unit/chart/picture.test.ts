import { describe, expect, it } from 'vitest';
import { pictureFileName, pictureLayout } from '@/lib/chart/picture';
import type { ChartSeriesSpec } from '@/lib/chart/series';

const line = (label: string, dash?: number[]): ChartSeriesSpec => ({ label, kind: 'line', scale: 'count', value: 'count', color: '#123456', dash });

describe('a chart as a picture', () => {
  it('puts the title and label above the chart and the legend below it, all inside the picture', () => {
    const layout = pictureLayout(800, 440, 2, [line('Median'), line('95th percentile', [6, 4])], (t) => t.length * 10);
    expect(layout.width).toBe(800 + 2 * 24);
    expect(layout.title.y).toBeLessThan(layout.label.y);
    expect(layout.label.y).toBeLessThan(layout.chart.y);
    expect(layout.legend.map((e) => [e.text, e.y > layout.chart.y + 440, e.dashed])).toEqual([
      ['Median', true, false],
      ['95th percentile', true, true],
    ]);
    expect(layout.height).toBeGreaterThanOrEqual(layout.legend[1].y + layout.pad);
  });

  it('wraps the legend to the chart’s width', () => {
    const many = Array.from({ length: 11 }, (_, k) => line(`Project number ${k}`));
    const layout = pictureLayout(400, 220, 1, many, (t) => t.length * 7);
    const rows = new Set(layout.legend.map((e) => e.y));
    expect(rows.size).toBeGreaterThan(2);
    for (const e of layout.legend) expect(e.x).toBeLessThan(12 + 400);
    // The last row's baseline, one row's height and the padding.
    expect(layout.height).toBe(Math.max(...rows) + 20 + 12);
  });

  it('names the file like the view’s CSV, with the chart’s title', () => {
    expect(pictureFileName('dora-lens_Web_Production_2026-08-01_2026-11-20.csv', 'Deployment lead time')).toBe('dora-lens_Web_Production_2026-08-01_2026-11-20_Deployment-lead-time.png');
  });
});
