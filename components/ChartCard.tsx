/** One chart (panel or report): a caption, the uPlot chart, and the same numbers as a table on request. */
import { useState } from 'preact/hooks';
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
  onDrawn?: () => void;
}

export function ChartCard({ testId, title, label, chart, palette, timeZone, onDrawn }: ChartCardProps) {
  const [table, setTable] = useState(false);
  return (
    <figure class="card chart-card" data-testid={testId}>
      <figcaption>
        {title}
        <button type="button" class="button-link" aria-expanded={table} onClick={() => setTable(!table)}>
          {table ? 'Hide table' : 'Show as table'}
        </button>
      </figcaption>
      <TimeSeriesChart chart={chart} palette={palette} label={`${title}: ${label}`} timeZone={timeZone} onDrawn={onDrawn} />
      {table && (
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
      )}
    </figure>
  );
}
