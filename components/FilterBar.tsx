/**
 * The view toolbar of the panel and the report: the view's own selects (the panel's channel, environment and
 * tenant; the report's split), then the time range (with custom dates) and granularity, as labelled selects.
 */
import type { Granularity, RangePreset } from '@/lib/metrics/types';

export interface Option {
  value: string;
  label: string;
}

/** One of the view's own selects; its id is `<idPrefix>-<key>`. */
export interface FilterSelect {
  key: string;
  label: string;
  value?: string;
  options: readonly Option[];
}

export type RangePatch = { range?: RangePreset | 'custom'; from?: string; to?: string; granularity?: Granularity };

export interface FilterBarProps {
  /** `f` in the panel, `r` in the report: the controls' ids (`f-range`, `r-split`), which labels point at. */
  idPrefix: string;
  /** The form's accessible name. */
  label: string;
  className?: string;
  selects: readonly FilterSelect[];
  onSelect: (key: string, value: string) => void;
  range: RangePreset | 'custom';
  /** `YYYY-MM-DD`, for a custom range. */
  from?: string;
  to?: string;
  granularity: Granularity;
  onRange: (patch: RangePatch) => void;
  /** A line after the controls, e.g. the zone the dates are read in. */
  hint?: string;
}

const RANGES: Option[] = [
  { value: 'last7Days', label: 'Last 7 days' },
  { value: 'lastMonth', label: 'Last month' },
  { value: 'lastQuarter', label: 'Last quarter' },
  { value: 'lastYear', label: 'Last year' },
  { value: 'custom', label: 'Custom range…' },
];
const GRANULARITIES: Option[] = [
  { value: 'day', label: 'Daily' },
  { value: 'week', label: 'Weekly' },
  { value: 'month', label: 'Monthly' },
];

function Select({ id, label, value, options, onChange }: { id: string; label: string; value?: string; options: readonly Option[]; onChange: (value: string) => void }) {
  return (
    <label class="field" for={id}>
      <span>{label}</span>
      <select id={id} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function DateField({ id, label, value, min, max, onChange }: { id: string; label: string; value?: string; min?: string; max?: string; onChange: (value: string) => void }) {
  return (
    <label class="field" for={id}>
      <span>{label}</span>
      <input id={id} type="date" value={value} min={min} max={max} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).value)} />
    </label>
  );
}

export function FilterBar(props: FilterBarProps) {
  const id = (key: string) => `${props.idPrefix}-${key}`;
  return (
    <form class={props.className ? `filter-bar ${props.className}` : 'filter-bar'} aria-label={props.label} onSubmit={(e) => e.preventDefault()}>
      {props.selects.map((s) => (
        <Select key={s.key} id={id(s.key)} label={s.label} value={s.value} options={s.options} onChange={(value) => props.onSelect(s.key, value)} />
      ))}
      <Select id={id('range')} label="Time range" value={props.range} options={RANGES} onChange={(range) => props.onRange({ range: range as RangePatch['range'] })} />
      {props.range === 'custom' && (
        <>
          <DateField id={id('from')} label="From" value={props.from} max={props.to} onChange={(from) => props.onRange({ from })} />
          <DateField id={id('to')} label="To (inclusive)" value={props.to} min={props.from} onChange={(to) => props.onRange({ to })} />
        </>
      )}
      <Select id={id('granularity')} label="Granularity" value={props.granularity} options={GRANULARITIES} onChange={(granularity) => props.onRange({ granularity: granularity as Granularity })} />
      {props.hint && <p class="field-hint toolbar-zone">{props.hint}</p>}
    </form>
  );
}
