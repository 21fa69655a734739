/**
 * What the report page does with saved reports — save, delete, export as JSON, import from a file — and what
 * it then says (`note`, and the details of an import). Storage is per server, user and space
 * (lib/store/report-store.ts); each action opens the report it leaves the user on.
 */
import { useState } from 'preact/hooks';
import type { StatusNote } from '@/lib/display/status-note';
import { type ReportDefinition, WHOLE_SPACE_ID } from '@/lib/report/report-definition';
import { exportReports, importReports } from '@/lib/report/report-json';
import { deletedNote, deleteFailedNote, exportedNote, importedNote, importSaveFailedNote, nothingImportedNote, savedNote } from '@/lib/report/report-notes';
import { deleteReport, type ReportsOwner, saveReport, saveReports } from '@/lib/store/report-store';
import { downloadText } from './download';

export interface ReportActionsOptions {
  /** The reports saved now (an import counts those it replaces). */
  saved: readonly ReportDefinition[];
  /** The zone an imported report without one gets. */
  timeZone: string;
  /** Shows a report. */
  open: (id: string) => void;
}

export function useReportActions(owner: ReportsOwner, { saved, timeZone, open }: ReportActionsOptions) {
  const { server, space } = owner;
  const [note, setNote] = useState<StatusNote>();
  const [importDetails, setImportDetails] = useState<string[]>([]);

  /** Throws when the report could not be saved: the editor says so beside its Save button. */
  const save = async (report: ReportDefinition) => {
    await saveReport(owner, report);
    setNote(savedNote(report.name));
    open(report.id);
  };
  /** Resolves to whether the report was deleted. */
  const remove = async (report: ReportDefinition): Promise<boolean> => {
    try {
      await deleteReport(owner, report.id);
      setNote(deletedNote(report.name));
      open(WHOLE_SPACE_ID);
      return true;
    } catch (error) {
      setNote(deleteFailedNote(error));
      return false;
    }
  };
  const exportAll = (reports: readonly ReportDefinition[]) => {
    downloadText(exportReports(reports, { origin: server, space, now: Date.now() }), `dora-lens-reports_${space}.json`, 'application/json');
    setNote(exportedNote(reports.length));
  };
  const importFile = async (file: File) => {
    const result = importReports(await file.text(), { origin: server, space, now: Date.now(), timeZone });
    setImportDetails([...result.problems, ...result.warnings]);
    if (result.reports.length === 0) {
      setNote(nothingImportedNote(file.name));
      return;
    }
    try {
      const replaced = result.reports.filter((r) => saved.some((s) => s.id === r.id)).length;
      await saveReports(owner, result.reports);
      setNote(importedNote({ imported: result.reports.length, replaced, leftOut: result.problems.length }, file.name));
      open(result.reports[0].id);
    } catch (error) {
      setNote(importSaveFailedNote(error));
    }
  };
  return { note, importDetails, save, remove, exportAll, importFile };
}
