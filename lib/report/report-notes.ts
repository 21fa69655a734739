/** What the report page says after the user saved, deleted, exported or imported reports. */
import { errorText, type StatusNote } from '@/lib/display/status-note';

const reports = (n: number) => `${n} ${n === 1 ? 'report' : 'reports'}`;

export const savedNote = (name: string): StatusNote => ({ tone: 'success', text: `Saved “${name}”.` });
export const deletedNote = (name: string): StatusNote => ({ tone: 'success', text: `Deleted “${name}”.` });
export const deleteFailedNote = (error: unknown): StatusNote => ({ tone: 'error', text: `Could not delete the report: ${errorText(error)}` });
export const exportedNote = (count: number): StatusNote => ({ tone: 'info', text: `Exported ${reports(count)}.` });
export const nothingImportedNote = (fileName: string): StatusNote => ({ tone: 'error', text: `Nothing was imported from ${fileName}.` });
export const importSaveFailedNote = (error: unknown): StatusNote => ({ tone: 'error', text: `Could not save the imported reports: ${errorText(error)}` });

/**
 * An import that saved some reports: how many, how many replaced one with the same id, how many were left
 * out (then only "info": the user should read the details).
 *
 * @example
 * importedNote({ imported: 2, replaced: 1, leftOut: 1 }, 'reports.json')
 * //=> { tone: 'info', text: 'Imported 2 reports from reports.json (1 replaced a report with the same id); 1 left out.' }
 */
export function importedNote({ imported, replaced, leftOut }: { imported: number; replaced: number; leftOut: number }, fileName: string): StatusNote {
  return {
    tone: leftOut ? 'info' : 'success',
    text: `Imported ${reports(imported)} from ${fileName}${replaced ? ` (${replaced} replaced a report with the same id)` : ''}${leftOut ? `; ${leftOut} left out` : ''}.`,
  };
}
