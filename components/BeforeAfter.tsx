/**
 * "Before and after a change": the project's date marks (the user's own, or a chart click's day), a form to
 * add one, and for the mark chosen each DORA metric over equal windows on either side with the difference,
 * its interval and whether it is beyond noise. Marks' labels are the user's text: rendered as text.
 */
import { useState } from 'preact/hooks';
import type { BeforeAfterView } from '@/lib/panel/before-after-view';

export interface MarkItem {
  id: string;
  /** `YYYY-MM-DD` in the view's zone. */
  day: string;
  label: string;
}

/** One of the project's configuration changes, as the picker lists it. */
export interface ChangeItem {
  id: string;
  /** When, in the view's zone. */
  when: string;
  /** "Deployment process", "Lifecycle", "Channel". */
  what: string;
  /** Octopus's own sentence: server-supplied, shown as text. */
  message: string;
}

export interface ChangePickerState {
  state: 'idle' | 'loading' | 'ready' | 'error';
  items: readonly ChangeItem[];
  error?: string;
}

export interface BeforeAfterProps {
  marks: readonly MarkItem[];
  /** The mark compared, if any. */
  selected?: string;
  /** The comparison around it; null when there is not a whole day of history on either side. */
  view?: BeforeAfterView | null;
  /** The day a chart click picked (fills the form). */
  draftDay?: string;
  /** Latest day a mark can take (today in the view's zone). */
  maxDay: string;
  problems?: readonly string[];
  onAdd: (day: string, label: string) => void;
  /** The project's own changes from Octopus's event feed, read when the user asks. */
  changes: ChangePickerState;
  onLoadChanges: () => void;
  onPickChange: (id: string) => void;
  onSelect: (id: string) => void;
  onRemove: (id: string) => void;
}

export function BeforeAfter(props: BeforeAfterProps) {
  const { marks, selected, view } = props;
  return (
    <section class="card section before-after" aria-labelledby="before-after-heading" data-testid="before-after">
      <h2 id="before-after-heading">Before and after a change</h2>
      <p class="section-intro muted">Mark the day something changed (or click a chart on that day); each metric is compared over equal windows on either side.</p>
      <MarkForm key={props.draftDay} draftDay={props.draftDay} maxDay={props.maxDay} onAdd={props.onAdd} />
      <ChangePicker changes={props.changes} onLoad={props.onLoadChanges} onPick={props.onPickChange} />
      {props.problems?.map((p) => (
        <p class="muted" key={p}>
          {p}
        </p>
      ))}
      {marks.length > 0 && (
        <ul class="mark-list" data-testid="mark-list">
          {marks.map((m) => (
            <li key={m.id} data-testid="mark">
              <span class="mark-day">{m.day}</span> <span class="mark-label">{m.label}</span>{' '}
              <button type="button" class="button-link no-print" aria-pressed={selected === m.id} onClick={() => props.onSelect(m.id)} data-testid="mark-compare">
                Compare
              </button>{' '}
              <button type="button" class="button-link no-print" onClick={() => props.onRemove(m.id)} data-testid="mark-remove" aria-label={`Remove the mark of ${m.day}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && view === null && <p data-testid="before-after-none">Nothing to compare: this view has no deployments before this day, or not a whole day after it within the range.</p>}
      {selected && view && <BeforeAfterTable view={view} />}
    </section>
  );
}

function MarkForm({ draftDay, maxDay, onAdd }: { draftDay?: string; maxDay: string; onAdd: (day: string, label: string) => void }) {
  const [day, setDay] = useState(draftDay ?? '');
  const [label, setLabel] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    if (!day) return;
    onAdd(day, label.trim());
    setLabel('');
  };
  return (
    <form class="mark-form no-print" onSubmit={submit} data-testid="mark-form">
      <label>
        Day <input type="date" value={day} max={maxDay} required onInput={(e) => setDay(e.currentTarget.value)} data-testid="mark-day" />
      </label>
      <label>
        What changed <input type="text" value={label} maxLength={200} placeholder="e.g. canary deployments" onInput={(e) => setLabel(e.currentTarget.value)} data-testid="mark-label" />
      </label>
      <button type="submit" class="button-primary" data-testid="mark-add">
        Mark the day
      </button>
    </form>
  );
}

function ChangePicker({ changes, onLoad, onPick }: { changes: ChangePickerState; onLoad: () => void; onPick: (id: string) => void }) {
  if (changes.state === 'idle') {
    return (
      <p class="no-print">
        <button type="button" class="button-link" onClick={onLoad} data-testid="changes-load">
          Or pick one of the project’s changes in Octopus (deployment process, lifecycle, channels)
        </button>
      </p>
    );
  }
  if (changes.state === 'loading') return <p class="muted no-print">Reading the project’s changes from Octopus…</p>;
  if (changes.state === 'error') return <p class="no-print">Could not read the project’s changes: {changes.error}</p>;
  if (changes.items.length === 0) return <p class="muted no-print">Octopus lists no changes to this project’s deployment process, lifecycle or channels.</p>;
  return (
    <ul class="change-list no-print" data-testid="change-list">
      {changes.items.map((c) => (
        <li key={c.id} data-testid="change">
          <span class="mark-day">{c.when}</span> <span class="muted">{c.what}</span> <span class="change-message">{c.message}</span>{' '}
          <button type="button" class="button-link" onClick={() => onPick(c.id)} data-testid="change-mark">
            Mark
          </button>
        </li>
      ))}
    </ul>
  );
}

function BeforeAfterTable({ view }: { view: BeforeAfterView }) {
  return (
    <div class="table-wrap">
      <table class="before-after-table" data-testid="before-after-table">
        <caption>{view.windows}</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Difference</th>
            <th scope="col">Beyond noise?</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr key={r.metric} data-testid={`before-after-${r.metric}`} data-raw={JSON.stringify(r.raw)} data-verdict={r.verdict}>
              <th scope="row">
                {r.title} <span class="muted">({r.measure})</span>
              </th>
              <td class="number">
                {r.before} <span class="muted">{r.beforeSample}</span>
              </td>
              <td class="number">
                {r.after} <span class="muted">{r.afterSample}</span>
              </td>
              <td class="number">
                {r.difference} <span class="muted">{r.interval}</span>
              </td>
              <td class={`verdict verdict-${r.verdict}`}>{r.verdictText}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
