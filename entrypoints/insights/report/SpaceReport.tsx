/**
 * The space report page (the insights page opened as a tab with `view=report`): pick a report — the
 * built-in whole space or a saved one — and see it, or create, edit, duplicate, delete, export and import
 * reports. Reports are saved per server, user and space (lib/store/report-store.ts); the view state lives in
 * the tab's URL hash.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ReportBar } from '@/components/ReportBar';
import { ReportEditor } from '@/components/ReportEditor';
import { ConfirmDelete, ImportDetails, ReportNotFound, StorageProblems } from '@/components/ReportNotices';
import { ReportScope } from '@/components/ReportScope';
import { StatusMessage } from '@/components/StatusMessage';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { ViewSettings } from '@/lib/panel/project-view';
import { emptyReport, newReportId, type ReportDefinition, WHOLE_SPACE_ID, wholeSpaceReport } from '@/lib/report/report-definition';
import { scopeItems } from '@/lib/report/report-labels';
import { resolveReport } from '@/lib/report/resolve-report';
import type { ReportsOwner } from '@/lib/store/report-store';
import { useReportActions } from '@/lib/ui/use-report-actions';
import { useReportParams } from '@/lib/ui/use-report-params';
import { useReports } from '@/lib/ui/use-reports';
import { ReportNumbers } from './ReportNumbers';
import './report.css';

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
  const dims = prepared.history.dims;
  const saved = useReports(owner);
  const [params, setParams] = useReportParams(now);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const actions = useReportActions(owner, { saved: saved.reports, timeZone: settings.timeZone, open: (id) => setParams({ report: id }) });

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
  if (editing) {
    const save = async (report: ReportDefinition) => {
      await actions.save(report);
      setEditing(null);
    };
    return <ReportEditor key={editing.draft.id} dims={dims} initial={editing.draft} isNew={editing.isNew} now={now} onSave={save} onCancel={() => setEditing(null)} />;
  }

  const isSaved = current !== undefined && current.id !== WHOLE_SPACE_ID;
  const remove = async () => {
    if (isSaved && (await actions.remove(current))) setConfirmDelete(false);
  };
  return (
    <div class="space-report-page">
      <ReportBar
        selected={current ? params.report : ''}
        reports={sorted}
        isSaved={isSaved}
        isShown={current !== undefined}
        onSelect={select}
        onNew={() => setEditing({ draft: emptyReport(settings.timeZone, now), isNew: true })}
        onEdit={() => current && setEditing({ draft: current, isNew: false })}
        onDuplicate={() => current && setEditing({ draft: { ...current, id: newReportId(), name: `${current.name} (copy)`, createdAt: now, updatedAt: now }, isNew: true })}
        onDelete={() => setConfirmDelete(true)}
        onExport={() => actions.exportAll(sorted)}
        onImport={(file) => void actions.importFile(file)}
      />
      {confirmDelete && current && <ConfirmDelete name={current.name} onDelete={() => void remove()} onKeep={() => setConfirmDelete(false)} />}
      <StatusMessage note={actions.note} testId="report-status" />
      {actions.importDetails.length > 0 && <ImportDetails lines={actions.importDetails} />}
      {saved.problems.length > 0 && <StorageProblems problems={saved.problems} />}
      {!current && saved.loaded && <ReportNotFound onWholeSpace={() => select(WHOLE_SPACE_ID)} />}
      {current && resolved && (
        <>
          <h2 class="report-title" data-testid="report-title">
            {current.name}
          </h2>
          <ReportScope description={current.description} items={scopeItems(dims, resolved)} hidden={Object.values(resolved.missing).reduce((a, b) => a + b, 0)}>
            <p class="permission-note" data-testid="permission-note">
              Totals cover only what your Octopus account may see: deployments of projects, environments and tenants you have no permission to view are not counted.
            </p>
          </ReportScope>
          <ReportNumbers server={owner.server} space={owner.space} userId={owner.userId} prepared={prepared} report={resolved} params={params} settings={settings} now={now} dark={dark} onParams={setParams} />
        </>
      )}
    </div>
  );
}
