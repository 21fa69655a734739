/** What the report page says around a report: a deletion to confirm, what an import left out, reports it could not read or find. */
import { Notice } from './Notice';

export function ConfirmDelete({ name, onDelete, onKeep }: { name: string; onDelete: () => void; onKeep: () => void }) {
  return (
    <div class="notice notice-error confirm" role="alertdialog" aria-labelledby="confirm-title" data-testid="confirm-delete">
      <h2 id="confirm-title">Delete “{name}”?</h2>
      <p>The report’s settings are removed from this browser. Your Octopus data is not touched.</p>
      <div class="row">
        <button type="button" class="button-danger" onClick={onDelete} data-testid="confirm-delete-yes">
          Delete report
        </button>
        <button type="button" onClick={onKeep}>
          Keep it
        </button>
      </div>
    </div>
  );
}

/** What an import left out and warned about, one line each. */
export function ImportDetails({ lines }: { lines: readonly string[] }) {
  return (
    <ul class="import-details" data-testid="import-details">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

export function StorageProblems({ problems }: { problems: readonly string[] }) {
  return (
    <Notice title="Some saved reports could not be read" tone="error" testId="storage-problems">
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </Notice>
  );
}

export function ReportNotFound({ onWholeSpace }: { onWholeSpace: () => void }) {
  return (
    <Notice title="This report is not saved in this browser" testId="report-not-found">
      <p>It may have been deleted, or saved in another browser (export and import reports to share them).</p>
      <button type="button" onClick={onWholeSpace}>
        Show the whole space
      </button>
    </Notice>
  );
}
