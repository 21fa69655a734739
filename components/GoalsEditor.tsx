/**
 * The goals editor: a target per metric for the space and — in a project's panel — the project's own
 * (empty follows the space, "no goal here" drops it), plus the project's hotfix channels. Presentational:
 * the rows come from lib/display/goal-form.ts and go back to the caller on save.
 */
import { useState } from 'preact/hooks';
import type { GoalFormRow } from '@/lib/display/goal-form';
import type { StatusNote } from '@/lib/display/status-note';
import { StatusMessage } from './StatusMessage';

export interface HotfixChoice {
  id: string;
  name: string;
  checked: boolean;
}

export interface GoalsEditorProps {
  rows: readonly GoalFormRow[];
  /** The project's name, when the editor also sets the project's goals. */
  project?: string;
  /** The project's channels, to mark hotfix channels (panel only). */
  hotfix?: readonly HotfixChoice[];
  errors: Partial<Record<GoalFormRow['metric'], string>>;
  status?: StatusNote;
  onSave: (rows: GoalFormRow[], hotfix: string[]) => void;
  onClose: () => void;
}

export function GoalsEditor(props: GoalsEditorProps) {
  const [rows, setRows] = useState<GoalFormRow[]>(() => props.rows.map((r) => ({ ...r })));
  const [hotfix, setHotfix] = useState<string[]>(() => (props.hotfix ?? []).filter((c) => c.checked).map((c) => c.id));
  const edit = (k: number, patch: Partial<GoalFormRow>) => setRows(rows.map((r, i) => (i === k ? { ...r, ...patch } : r)));
  const suggest = () => setRows(rows.map((r) => ({ ...r, space: r.space || r.suggestion })));
  const save = (event: Event) => {
    event.preventDefault();
    props.onSave(rows, hotfix);
  };
  return (
    <form class="card goals-editor" aria-labelledby="goals-title" onSubmit={save} data-testid="goals-editor">
      <h2 id="goals-title">Goals</h2>
      <p class="muted">
        Your team’s own targets, to see whether a change is working. Each card then says whether its goal is met, and whether that is sure at 95% or not yet. DORA
        advises against using its metrics to compare teams: these goals are for your own projects.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">All projects of the space</th>
            {props.project !== undefined && <th scope="col">This project ({props.project})</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, k) => (
            <GoalRow key={row.metric} row={row} withProject={props.project !== undefined} error={props.errors[row.metric]} onEdit={(patch) => edit(k, patch)} />
          ))}
        </tbody>
      </table>
      {props.hotfix && props.hotfix.length > 0 && <HotfixChannels channels={props.hotfix} checked={hotfix} onChange={setHotfix} />}
      <div class="row">
        <button type="submit" class="button-primary" data-testid="goals-save">
          Save goals
        </button>
        <button type="button" onClick={suggest}>
          Fill in examples
        </button>
        <button type="button" class="button-link" onClick={props.onClose}>
          Close
        </button>
      </div>
      <StatusMessage note={props.status} testId="goals-status" />
    </form>
  );
}

function GoalRow({ row, withProject, error, onEdit }: { row: GoalFormRow; withProject: boolean; error?: string; onEdit: (patch: Partial<GoalFormRow>) => void }) {
  return (
    <tr data-metric={row.metric}>
      <th scope="row">
        {row.label} <span class="muted">{row.comparator}</span>
      </th>
      <td>
        <input type="text" inputMode="decimal" value={row.space} aria-label={`${row.label}, goal for the space, ${row.unit}`} placeholder="no goal" onInput={(e) => onEdit({ space: e.currentTarget.value })} data-testid={`goal-space-${row.metric}`} />{' '}
        <span class="muted">{row.unit}</span>
      </td>
      {withProject && (
        <td>
          <input
            type="text"
            inputMode="decimal"
            value={row.project}
            disabled={row.projectNone}
            aria-label={`${row.label}, goal for this project, ${row.unit}`}
            placeholder={row.space ? `as the space: ${row.space}` : 'as the space'}
            onInput={(e) => onEdit({ project: e.currentTarget.value })}
            data-testid={`goal-project-${row.metric}`}
          />{' '}
          <label>
            <input type="checkbox" checked={row.projectNone} onChange={(e) => onEdit({ projectNone: e.currentTarget.checked })} /> no goal here
          </label>
        </td>
      )}
      {error && (
        <td class="field-error" role="alert">
          {error}
        </td>
      )}
    </tr>
  );
}

function HotfixChannels({ channels, checked, onChange }: { channels: readonly HotfixChoice[]; checked: string[]; onChange: (ids: string[]) => void }) {
  return (
    <fieldset>
      <legend>Hotfix channels</legend>
      <p class="muted">Every deployment of a release in these channels counts as rework (unplanned). None by default.</p>
      {channels.map((channel) => (
        <label key={channel.id} class="row">
          <input
            type="checkbox"
            checked={checked.includes(channel.id)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...checked, channel.id] : checked.filter((id) => id !== channel.id))}
            data-testid={`hotfix-${channel.id}`}
          />{' '}
          {channel.name}
        </label>
      ))}
    </fieldset>
  );
}
