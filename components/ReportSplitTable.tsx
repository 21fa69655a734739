/**
 * The split table: one row per group, busiest first, then "Others" and the report total. Every figure
 * carries its raw number in `data-value` (ms, count or fraction) for tests and tools; names are text.
 */
import { useState } from 'preact/hooks';
import type { ReportFigures } from '@/lib/report/report-labels';
import type { SplitTableView } from '@/lib/report/report-view';
import { formatCount, formatDurationShort, formatPercent, formatRate } from '@/lib/display/format';

export type ReportSplitTableProps = SplitTableView & {
  /** Draws a group's line in colour in the charts, or back to quiet. */
  onHighlight?: (key: string) => void;
};

const COLUMNS: { key: keyof ReportFigures; title: string; format: (v: number | null) => string }[] = [
  { key: 'total', title: 'Deployments', format: (v) => formatCount(v ?? 0) },
  { key: 'successful', title: 'Successful', format: (v) => formatCount(v ?? 0) },
  { key: 'failed', title: 'Failed', format: (v) => formatCount(v ?? 0) },
  { key: 'failureRate', title: 'Failure rate', format: (v) => formatPercent(v) },
  { key: 'reworkRate', title: 'Rework rate', format: (v) => formatPercent(v) },
  { key: 'perWeek', title: 'Successful / week', format: (v) => formatRate(v ?? 0) },
  { key: 'leadTimeMedian', title: 'Median lead time', format: (v) => formatDurationShort(v) },
  { key: 'recoveryMedian', title: 'Median time to recovery', format: (v) => formatDurationShort(v) },
  { key: 'durationMean', title: 'Mean duration', format: (v) => formatDurationShort(v) },
];

function Cells({ figures }: { figures: ReportFigures }) {
  return (
    <>
      {COLUMNS.map((c) => (
        <td key={c.key} class="number" data-col={c.key} data-value={figures[c.key] ?? ''}>
          {c.format(figures[c.key])}
        </td>
      ))}
    </>
  );
}

/** The row's swatch: the colour of its chart line, and the switch that highlights it there. */
function Swatch({ color, label, highlighted, onToggle }: { color?: string; label: string; highlighted?: boolean; onToggle?: () => void }) {
  if (!color) return <span class="swatch swatch-none" aria-hidden="true" />;
  if (!onToggle) return <span class="swatch" style={{ background: color }} aria-hidden="true" />;
  return (
    <button type="button" class={highlighted ? 'swatch swatch-toggle on' : 'swatch swatch-toggle'} style={{ background: color }} aria-pressed={highlighted === true} onClick={onToggle} data-testid="highlight">
      <span class="visually-hidden">Highlight {label} in the charts</span>
    </button>
  );
}

/** Rows shown before "Show all": a 200-project split stays readable, and every row is one click away. */
const FIRST_ROWS = 25;

export function ReportSplitTable(props: ReportSplitTableProps) {
  const [all, setAll] = useState(false);
  const rows = all ? props.rows : props.rows.slice(0, FIRST_ROWS);
  if (props.rows.length === 0) return <p class="muted">No deployments in this period for any {props.groupTitle.toLowerCase()}.</p>;
  return (
    <div class="table-wrap">
      <table class="split-table" data-testid="split-table">
        <caption>
          By {props.groupTitle.toLowerCase()}: {props.rows.length} with deployments in the period, busiest first. The ten busiest have their own chart line; the
          three busiest, or those whose colour you pick here, are drawn in colour, the others in grey until you point at them.
          {props.overlapping ? ' A tenant with several tags of the set counts under each, so the rows can add up to more than the total.' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">{props.groupTitle}</th>
            {COLUMNS.map((c) => (
              <th scope="col" class="number" key={c.key}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-group-key={row.key} data-in-chart={row.color ? 'true' : 'false'}>
              <th scope="row">
                <span class="group-name">
                  <Swatch color={row.color} label={row.label} highlighted={row.highlighted} onToggle={props.onHighlight && (() => props.onHighlight?.(row.key))} />
                  <span data-testid="group-label">{row.label}</span>
                </span>
                {row.href && (
                  <a class="drill" href={row.href} target="_blank" rel="noopener noreferrer" data-testid="drill-down">
                    Insights<span class="visually-hidden"> for {row.label} in Octopus (opens a new tab)</span> ↗
                  </a>
                )}
              </th>
              <Cells figures={row.figures} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          {props.others && (
            <tr data-group-key="others" class="others-row">
              <th scope="row">
                <span class="group-name">
                  <Swatch color={props.others.color} label="Others" highlighted={props.others.highlighted} onToggle={props.onHighlight && (() => props.onHighlight?.('others'))} />
                  Others ({props.others.groups} {props.others.groups === 1 ? 'group' : 'groups'}, one chart line)
                </span>
              </th>
              <Cells figures={props.others.figures} />
            </tr>
          )}
          <tr data-group-key="total" class="total-row">
            <th scope="row">Report total</th>
            <Cells figures={props.total} />
          </tr>
        </tfoot>
      </table>
      {rows.length < props.rows.length && (
        <button type="button" class="split-more" onClick={() => setAll(true)} data-testid="split-show-all">
          Show all {props.rows.length} rows
        </button>
      )}
    </div>
  );
}
