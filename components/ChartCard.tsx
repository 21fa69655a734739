/**
 * One chart (panel or report): a caption with the chart's controls (log scale where durations span orders of
 * magnitude, "Download PNG", the table), the uPlot chart with the project's date marks, and the same numbers
 * as a table on request.
 */
import { useRef, useState } from 'preact/hooks';
import type { ChartDecorations } from '@/lib/chart/decorations';
import type { ChartPicture } from '@/lib/chart/picture';
import type { ChartData, Palette } from '@/lib/chart/series';
import { TimeSeriesChart } from './TimeSeriesChart';

export interface ChartCardProps {
  testId: string;
  title: string;
  /** What a value is, e.g. "successful deployments per week". */
  label: string;
  chart: ChartData;
  palette: Palette;
  timeZone: string;
  decorations?: ChartDecorations;
  onDrawn?: () => void;
  /** "Download PNG"; no button without it. */
  onPng?: (picture: ChartPicture) => void;
  /** A click on the plot picks that date (to mark it). */
  onPick?: (at: number) => void;
}

export function ChartCard({ testId, title, label, chart, palette, timeZone, decorations, onDrawn, onPng, onPick }: ChartCardProps) {
  const [table, setTable] = useState(false);
  const [log, setLog] = useState(false);
  const figure = useRef<HTMLElement>(null);
  const png = () => {
    const canvas = figure.current?.querySelector<HTMLCanvasElement>('.u-wrap canvas');
    if (canvas && onPng) onPng({ canvas, chart, title, label });
  };
  return (
    <figure class="card chart-card" data-testid={testId} ref={figure}>
      <figcaption>
        <span class="chart-title">{title}</span>
        <span class="chart-actions no-print">
          {chart.logUseful && (
            <button type="button" class="button-link" aria-pressed={log} onClick={() => setLog(!log)} data-testid={`${testId}-log`}>
              Log scale
            </button>
          )}
          {onPng && (
            <button type="button" class="button-link" onClick={png} data-testid={`${testId}-png`}>
              Download PNG
            </button>
          )}
          <button type="button" class="button-link" aria-expanded={table} onClick={() => setTable(!table)} data-testid={`${testId}-table`}>
            {table ? 'Hide table' : 'Show as table'}
          </button>
        </span>
      </figcaption>
      <TimeSeriesChart
        chart={chart}
        palette={palette}
        label={`${title}: ${label}`}
        timeZone={timeZone}
        view={{ ...decorations, log: log && chart.logUseful }}
        onDrawn={onDrawn}
        onPick={onPick}
      />
      {table && <ChartTable chart={chart} label={label} />}
    </figure>
  );
}

function ChartTable({ chart, label }: { chart: ChartData; label: string }) {
  return (
    <div class="table-wrap">
      <table class="chart-table">
        <caption>{label}</caption>
        <thead>
          <tr>
            {chart.table.head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chart.table.rows.map((row) => (
            <tr key={row[0]}>
              {row.map((cell, j) => (j === 0 ? <th scope="row" key={j}>{cell}</th> : <td class="number" key={j}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
