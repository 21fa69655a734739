/** The report's view controls: split, time range (with custom dates) and granularity, as labelled selects. */
import type { Granularity, RangePreset } from '@/lib/metrics/types';

export interface ReportToolbarOption {
  value: string;
  label: string;
}

export interface ReportToolbarProps {
  split: string;
  splits: ReportToolbarOption[];
  range: RangePreset | 'custom';
  from?: string;
  to?: string;
  granularity: Granularity;
  /** The zone the dates are read in (the report's). */
  timeZone: string;
  onChange: (patch: { split?: string; range?: string; from?: string; to?: string; granularity?: string }) => void;
}

const RANGES: ReportToolbarOption[] = [
  { value: 'last7Days', label: 'Last 7 days' },
  { value: 'lastMonth', label: 'Last month' },
  { value: 'lastQuarter', label: 'Last quarter' },
  { value: 'lastYear', label: 'Last year' },
  { value: 'custom', label: 'Custom range…' },
];
const GRANULARITIES: ReportToolbarOption[] = [
  { value: 'day', label: 'Daily' },
  { value: 'week', label: 'Weekly' },
  { value: 'month', label: 'Monthly' },
];

function Select(props: { id: string; label: string; value: string; options: ReportToolbarOption[]; onChange: (value: string) => void }) {
  return (
    <label class="field" for={props.id}>
      <span>{props.label}</span>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ReportToolbar(props: ReportToolbarProps) {
  return (
    <form class="filter-bar report-toolbar" aria-label="Report view" onSubmit={(e) => e.preventDefault()}>
      <Select id="r-split" label="Split by" value={props.split} options={props.splits} onChange={(split) => props.onChange({ split })} />
      <Select id="r-range" label="Time range" value={props.range} options={RANGES} onChange={(range) => props.onChange({ range })} />
      {props.range === 'custom' && (
        <>
          <label class="field" for="r-from">
            <span>From</span>
            <input id="r-from" type="date" value={props.from} max={props.to} onChange={(e) => props.onChange({ from: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          <label class="field" for="r-to">
            <span>To (inclusive)</span>
            <input id="r-to" type="date" value={props.to} min={props.from} onChange={(e) => props.onChange({ to: (e.currentTarget as HTMLInputElement).value })} />
          </label>
        </>
      )}
      <Select id="r-granularity" label="Granularity" value={props.granularity} options={GRANULARITIES} onChange={(granularity) => props.onChange({ granularity })} />
      <p class="field-hint toolbar-zone">Days in {props.timeZone}</p>
    </form>
  );
}
