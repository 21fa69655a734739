/**
 * The report page's bar: which report (the built-in whole space or a saved one), what to do with it (new,
 * edit, duplicate, delete) and with all of them (export as JSON, import from a file).
 */
import { WHOLE_SPACE_ID } from '@/lib/report/report-definition';

export interface ReportBarProps {
  /** The report shown: its id, or `''` when the address names one that is not saved here. */
  selected: string;
  /** Saved reports, by name. */
  reports: readonly { id: string; name: string }[];
  /** A saved report is shown (the whole space cannot be edited or deleted). */
  isSaved: boolean;
  /** Any report is shown (one not found cannot be duplicated). */
  isShown: boolean;
  onSelect: (id: string) => void;
  onNew: () => void;
  onEdit: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
  onExport: () => void;
  onImport: (file: File) => void;
}

export function ReportBar(props: ReportBarProps) {
  return (
    <div class="report-bar">
      <label class="field" for="report-picker">
        <span>Report</span>
        <select id="report-picker" value={props.selected} onChange={(e) => props.onSelect((e.currentTarget as HTMLSelectElement).value)}>
          {!props.isShown && <option value="">(not found)</option>}
          <option value={WHOLE_SPACE_ID}>Whole space</option>
          {props.reports.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <div class="row report-actions">
        <button type="button" class="button-primary" onClick={props.onNew} data-testid="report-new">
          New report
        </button>
        <button type="button" onClick={props.onEdit} disabled={!props.isSaved} data-testid="report-edit">
          Edit
        </button>
        <button type="button" onClick={props.onDuplicate} disabled={!props.isShown} data-testid="report-duplicate">
          Duplicate
        </button>
        <button type="button" class="button-danger" onClick={props.onDelete} disabled={!props.isSaved} data-testid="report-delete">
          Delete
        </button>
      </div>
      <div class="row report-files">
        <button type="button" onClick={props.onExport} disabled={props.reports.length === 0} data-testid="reports-export">
          Export reports (JSON)
        </button>
        <label class="button-like" for="reports-import">
          Import reports…
          <input
            id="reports-import"
            class="visually-hidden"
            type="file"
            accept="application/json,.json"
            data-testid="reports-import"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              // Cleared at once, so choosing the same file again imports it again.
              input.value = '';
              if (file) props.onImport(file);
            }}
          />
        </label>
      </div>
    </div>
  );
}
