import { describe, expect, it } from 'vitest';
import { deletedNote, deleteFailedNote, exportedNote, importedNote, importSaveFailedNote, nothingImportedNote, savedNote } from '@/lib/report/report-notes';

describe('what the report page says after an action', () => {
  it('names the report saved or deleted, and says why a deletion failed', () => {
    expect(savedNote('Release train')).toEqual({ tone: 'success', text: 'Saved “Release train”.' });
    expect(deletedNote('Release train')).toEqual({ tone: 'success', text: 'Deleted “Release train”.' });
    expect(deleteFailedNote(new Error('quota'))).toEqual({ tone: 'error', text: 'Could not delete the report: quota' });
  });

  it('counts what was exported and imported', () => {
    expect(exportedNote(1).text).toBe('Exported 1 report.');
    expect(exportedNote(3).text).toBe('Exported 3 reports.');
    expect(importedNote({ imported: 1, replaced: 0, leftOut: 0 }, 'r.json')).toEqual({ tone: 'success', text: 'Imported 1 report from r.json.' });
    expect(importedNote({ imported: 2, replaced: 1, leftOut: 1 }, 'r.json')).toEqual({
      tone: 'info',
      text: 'Imported 2 reports from r.json (1 replaced a report with the same id); 1 left out.',
    });
    expect(nothingImportedNote('r.json')).toEqual({ tone: 'error', text: 'Nothing was imported from r.json.' });
    expect(importSaveFailedNote('full')).toEqual({ tone: 'error', text: 'Could not save the imported reports: full' });
  });
});
