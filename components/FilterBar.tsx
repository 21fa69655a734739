/**
 * The view toolbar of the panel and the report: the view's own selects (the panel's channel, environment and
 * tenant; the report's split), then the time range (with custom dates) and granularity, as labelled selects.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Granularity, RangePreset } from '@/lib/metrics/types';
import { customRangeProblem } from '@/lib/panel/panel-params';

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
  { value: 'last30Days', label: 'Last 30 days' },
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

interface DateFieldProps {
  id: string;
  label: string;
  value?: string;
  min?: string;
  max?: string;
  /** The id of the message saying what is wrong with the range. */
  problem?: string;
  onChange: (value: string) => void;
}

function DateField({ id, label, value, min, max, problem, onChange }: DateFieldProps) {
  return (
    <label class="field" for={id}>
      <span>{label}</span>
      <input
        id={id}
        type="date"
        value={value}
        min={min}
        max={max}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).value)}
      />
    </label>
  );
}

/**
 * The custom range's two dates, as typed: a range is handed on only once it is whole and in order; until
 * then the fields say what is wrong.
 */
function CustomDates({ id, from, to, onRange }: { id: (key: string) => string; from?: string; to?: string; onRange: (patch: RangePatch) => void }) {
  const [draft, setDraft] = useState({ from, to });
  useEffect(() => setDraft({ from, to }), [from, to]);
  const problem = customRangeProblem(draft.from, draft.to);
  const change = (patch: { from?: string; to?: string }) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (!customRangeProblem(next.from, next.to)) onRange({ from: next.from, to: next.to });
  };
  const problemId = problem ? id('range-problem') : undefined;
  return (
    <>
      <DateField id={id('from')} label="From" value={draft.from} max={draft.to} problem={problemId} onChange={(value) => change({ from: value })} />
      <DateField id={id('to')} label="To (inclusive)" value={draft.to} min={draft.from} problem={problemId} onChange={(value) => change({ to: value })} />
      {problem && (
        <p id={problemId} class="field-problem" role="alert" data-testid="range-problem">
          {problem}
        </p>
      )}
    </>
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
      {props.range === 'custom' && <CustomDates id={id} from={props.from} to={props.to} onRange={props.onRange} />}
      <Select id={id('granularity')} label="Granularity" value={props.granularity} options={GRANULARITIES} onChange={(granularity) => props.onRange({ granularity: granularity as Granularity })} />
      {props.hint && <p class="field-hint toolbar-zone">{props.hint}</p>}
    </form>
  );
}
