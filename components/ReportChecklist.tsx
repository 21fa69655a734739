/**
 * A labelled group of checkboxes for the report editor (project groups, projects, channels, environments,
 * tenants, tags), with a filter box when the list is long. Labels are server names: plain text.
 */
import { useState } from 'preact/hooks';
import type { ChecklistItem } from '@/lib/report/editor-model';

export interface ReportChecklistProps {
  id: string;
  legend: string;
  hint?: string;
  items: ChecklistItem[];
  checked: ReadonlySet<string>;
  onToggle: (id: string, checked: boolean) => void;
  /** Show a filter box from this many items. Default 12. */
  filterFrom?: number;
}

export function ReportChecklist(props: ReportChecklistProps) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle ? props.items.filter((i) => `${i.label} ${i.note ?? ''}`.toLocaleLowerCase().includes(needle)) : props.items;
  const selected = props.items.filter((i) => props.checked.has(i.id)).length;
  return (
    <fieldset class="checklist" data-testid={props.id}>
      <legend>
        {props.legend} <span class="muted">({selected} of {props.items.length} chosen)</span>
      </legend>
      {props.hint && <p class="field-hint">{props.hint}</p>}
      {props.items.length >= (props.filterFrom ?? 12) && (
        <input type="search" class="checklist-filter" placeholder="Filter…" aria-label={`Filter ${props.legend.toLowerCase()}`} value={filter} onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
      )}
      {props.items.length === 0 ? (
        <p class="muted">None in your synced data.</p>
      ) : (
        <ul class="plain checklist-items">
          {shown.map((item) => (
            <li key={item.id}>
              <label class={item.disabled ? 'disabled' : undefined}>
                <input
                  type="checkbox"
                  data-id={item.id}
                  checked={props.checked.has(item.id)}
                  disabled={item.disabled}
                  onChange={(e) => props.onToggle(item.id, (e.currentTarget as HTMLInputElement).checked)}
                />
                <span>{item.label}</span>
                {item.note && <span class="muted"> {item.note}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
