/**
 * The space report page (the insights page opened as a tab with `view=report`): pick a report — the
 * built-in whole space or a saved one — and see it, or create, edit, duplicate, delete, export and import
 * reports. Reports are saved per server, user and space (lib/report/report-storage.ts); the view state lives in
 * the tab's URL hash.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Notice } from '@/components/Notice';
import { ReportScope } from '@/components/ReportScope';
import { type StatusNote, StatusMessage, errorText } from '@/components/StatusMessage';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { ViewSettings } from '@/lib/project-view';
import { emptyReport, newReportId, type ReportDefinition, WHOLE_SPACE_ID, wholeSpaceReport } from '@/lib/report/report-definition';
import { exportReports, importReports } from '@/lib/report/report-json';
import { deleteReport, type ReportsOwner, saveReport, saveReports } from '@/lib/report/report-storage';
import { resolveReport } from '@/lib/report/resolve-report';
import { downloadText } from './download';
import { ReportEditor } from './ReportEditor';
import { ReportView } from './ReportView';
import { scopeItems } from './report-labels';
import './report.css';
import { useReportParams } from './use-report-params';
import { useReports } from './use-reports';

export interface SpaceReportProps {
  /** The server, signed-in user and space whose reports these are. */
  owner: ReportsOwner;
  prepared: PreparedHistory;
  settings: ViewSettings;
  now: number;
  dark: boolean;
}

type Editing = { draft: ReportDefinition; isNew: boolean } | null;

export function SpaceReport({ owner, prepared, settings, now, dark }: SpaceReportProps) {
  const { server, space } = owner;
  const dims = prepared.history.dims;
  const saved = useReports(owner);
  const [params, setParams] = useReportParams(now);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [note, setNote] = useState<StatusNote>();
  const [importDetails, setImportDetails] = useState<string[]>([]);

  const whole = useMemo(() => wholeSpaceReport(settings.timeZone), [settings.timeZone]);
  const current = params.report === WHOLE_SPACE_ID ? whole : saved.reports.find((r) => r.id === params.report);
  const resolved = useMemo(() => (current ? resolveReport(dims, current) : undefined), [dims, current]);
  const sorted = [...saved.reports].sort((a, b) => a.name.localeCompare(b.name));
  // The tab's title names the report, so several open reports can be told apart.
  useEffect(() => {
    document.title = `${editing ? (editing.isNew ? 'New report' : editing.draft.name) : (current?.name ?? 'Report')} — DORA Lens space report`;
  }, [current?.name, editing]);

  // The split and range carry over to the next report; a split it cannot have (no environment groups,
  // no such tag set) shows as no split.
  const select = (id: string) => {
    setConfirmDelete(false);
    setParams({ report: id });
  };
  const startNew = () => setEditing({ draft: emptyReport(settings.timeZone, now), isNew: true });
  const startDuplicate = () => current && setEditing({ draft: { ...current, id: newReportId(), name: `${current.name} (copy)`, createdAt: now, updatedAt: now }, isNew: true });
  const onSave = async (report: ReportDefinition) => {
    await saveReport(owner, report);
    setEditing(null);
    setNote({ tone: 'success', text: `Saved “${report.name}”.` });
    setParams({ report: report.id });
  };
  const onDelete = async () => {
    if (!current || current.id === WHOLE_SPACE_ID) return;
    try {
      await deleteReport(owner, current.id);
      setConfirmDelete(false);
      setNote({ tone: 'success', text: `Deleted “${current.name}”.` });
      setParams({ report: WHOLE_SPACE_ID });
    } catch (error) {
      setNote({ tone: 'error', text: `Could not delete the report: ${errorText(error)}` });
    }
  };
  const onExport = () => {
    downloadText(exportReports(sorted, { origin: server, space, now: Date.now() }), `dora-lens-reports_${space}.json`, 'application/json');
    setNote({ tone: 'info', text: `Exported ${sorted.length} ${sorted.length === 1 ? 'report' : 'reports'}.` });
  };
  const onImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = importReports(await file.text(), { origin: server, space, now: Date.now(), timeZone: settings.timeZone });
    setImportDetails([...result.problems, ...result.warnings]);
    if (result.reports.length === 0) {
      setNote({ tone: 'error', text: `Nothing was imported from ${file.name}.` });
      return;
    }
    try {
      const replaced = result.reports.filter((r) => saved.reports.some((s) => s.id === r.id)).length;
      await saveReports(owner, result.reports);
      setNote({
        tone: result.problems.length ? 'info' : 'success',
        text: `Imported ${result.reports.length} ${result.reports.length === 1 ? 'report' : 'reports'} from ${file.name}${replaced ? ` (${replaced} replaced a report with the same id)` : ''}${result.problems.length ? `; ${result.problems.length} left out` : ''}.`,
      });
      setParams({ report: result.reports[0].id });
    } catch (error) {
      setNote({ tone: 'error', text: `Could not save the imported reports: ${errorText(error)}` });
    }
  };

  if (editing) {
    return <ReportEditor key={editing.draft.id} dims={dims} initial={editing.draft} isNew={editing.isNew} now={now} onSave={onSave} onCancel={() => setEditing(null)} />;
  }

  const isSaved = current !== undefined && current.id !== WHOLE_SPACE_ID;
  const hidden = resolved ? Object.values(resolved.missing).reduce((a, b) => a + b, 0) : 0;
  return (
    <div class="space-report-page">
      <div class="report-bar">
        <label class="field" for="report-picker">
          <span>Report</span>
          <select id="report-picker" value={current ? params.report : ''} onChange={(e) => select((e.currentTarget as HTMLSelectElement).value)}>
            {!current && <option value="">(not found)</option>}
            <option value={WHOLE_SPACE_ID}>Whole space</option>
            {sorted.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <div class="row report-actions">
          <button type="button" class="button-primary" onClick={startNew} data-testid="report-new">
            New report
          </button>
          <button type="button" onClick={() => current && setEditing({ draft: current, isNew: false })} disabled={!isSaved} data-testid="report-edit">
            Edit
          </button>
          <button type="button" onClick={startDuplicate} disabled={!current} data-testid="report-duplicate">
            Duplicate
          </button>
          <button type="button" class="button-danger" onClick={() => setConfirmDelete(true)} disabled={!isSaved} data-testid="report-delete">
            Delete
          </button>
        </div>
        <div class="row report-files">
          <button type="button" onClick={onExport} disabled={sorted.length === 0} data-testid="reports-export">
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
              onChange={(e) => void onImport(e.currentTarget as HTMLInputElement)}
            />
          </label>
        </div>
      </div>

      {confirmDelete && current && (
        <div class="notice notice-error confirm" role="alertdialog" aria-labelledby="confirm-title" data-testid="confirm-delete">
          <h2 id="confirm-title">Delete “{current.name}”?</h2>
          <p>The report’s settings are removed from this browser. Your Octopus data is not touched.</p>
          <div class="row">
            <button type="button" class="button-danger" onClick={() => void onDelete()} data-testid="confirm-delete-yes">
              Delete report
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <StatusMessage note={note} testId="report-status" />
      {importDetails.length > 0 && (
        <ul class="import-details" data-testid="import-details">
          {importDetails.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {saved.problems.length > 0 && (
        <Notice title="Some saved reports could not be read" tone="error" testId="storage-problems">
          <ul>
            {saved.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      )}

      {!current && saved.loaded && (
        <Notice title="This report is not saved in this browser" testId="report-not-found">
          <p>It may have been deleted, or saved in another browser (export and import reports to share them).</p>
          <button type="button" onClick={() => select(WHOLE_SPACE_ID)}>
            Show the whole space
          </button>
        </Notice>
      )}

      {current && resolved && (
        <>
          <h2 class="report-title" data-testid="report-title">
            {current.name}
          </h2>
          <ReportScope description={current.description} items={scopeItems(dims, resolved)} hidden={hidden}>
            <p class="permission-note" data-testid="permission-note">
              Totals cover only what your Octopus account may see: deployments of projects, environments and tenants you have no permission to view are not counted.
            </p>
          </ReportScope>
          <ReportView server={server} space={space} prepared={prepared} report={resolved} params={params} settings={settings} now={now} dark={dark} onParams={setParams} />
        </>
      )}
    </div>
  );
}
