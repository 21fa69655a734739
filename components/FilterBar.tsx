/** Time range, granularity and the project's channel / environment / tenant, as labelled selects. */
import type { Granularity, RangePreset } from '@/lib/metrics/types';

export interface Option {
  value: string;
  label: string;
}

export interface FilterBarProps {
  range: RangePreset | 'custom';
  from?: string;
  to?: string;
  granularity: Granularity;
  channels: Option[];
  channel?: string;
  environments: Option[];
  environment?: string;
  tenants: Option[];
  tenant: string;
  onChange: (patch: Record<string, string>) => void;
}

const RANGES: Option[] = [
  { value: 'last7Days', label: 'Last 7 days' },
  { value: 'lastMonth', label: 'Last month' },
  { value: 'lastQuarter', label: 'Last quarter' },
  { value: 'lastYear', label: 'Last year' },
  { value: 'custom', label: 'Custom range…' },
];
const GRANULARITY: Option[] = [
  { value: 'day', label: 'Daily' },
  { value: 'week', label: 'Weekly' },
  { value: 'month', label: 'Monthly' },
];

function Select({ id, label, value, options, onChange }: { id: string; label: string; value?: string; options: Option[]; onChange: (v: string) => void }) {
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

export function FilterBar(props: FilterBarProps) {
  return (
    <form class="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {props.channels.length > 1 && <Select id="f-channel" label="Channel" value={props.channel} options={props.channels} onChange={(channel) => props.onChange({ channel, environment: '' })} />}
      <Select id="f-environment" label="Environment" value={props.environment} options={props.environments} onChange={(environment) => props.onChange({ environment })} />
      {props.tenants.length > 0 && <Select id="f-tenant" label="Tenant" value={props.tenant} options={props.tenants} onChange={(tenant) => props.onChange({ tenant })} />}
      <Select id="f-range" label="Time range" value={props.range} options={RANGES} onChange={(range) => props.onChange({ range })} />
      {props.range === 'custom' && (
        <>
          <label class="field" for="f-from">
            <span>From</span>
            <input id="f-from" type="date" value={props.from} max={props.to} onChange={(e) => props.onChange({ from: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          <label class="field" for="f-to">
            <span>To</span>
            <input id="f-to" type="date" value={props.to} min={props.from} onChange={(e) => props.onChange({ to: (e.currentTarget as HTMLInputElement).value })} />
          </label>
        </>
      )}
      <Select id="f-granularity" label="Granularity" value={props.granularity} options={GRANULARITY} onChange={(granularity) => props.onChange({ granularity })} />
    </form>
  );
}
