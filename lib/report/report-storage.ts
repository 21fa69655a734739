/**
 * Saved reports, per Octopus server and space, in `browser.storage.local` under `reports:<origin>:<space>`
 * (the popup, the options page and every open report page share them, and hear changes). The stored value
 * is `{ version: 1, reports: [...] }`; each report is validated on read, and one that fails — hand-edited,
 * from a newer version, damaged — is reported and skipped, never allowed to break the page.
 */
import browser from 'webextension-polyfill';
import type { ReportDefinition } from './report-definition';
import { checkReport, describeProblems } from './report-schema';

export const REPORTS_VERSION = 1;
export const reportsKey = (origin: string, space: string): string => `reports:${origin}:${space}`;

export interface StoredReports {
  reports: ReportDefinition[];
  /** What was wrong with the stored data (empty when all was well). */
  problems: string[];
}

/** Turns whatever is stored under the key into valid reports plus a description of what was skipped. */
export function parseStoredReports(stored: unknown): StoredReports {
  if (stored === undefined || stored === null) return { reports: [], problems: [] };
  const envelope = typeof stored === 'object' && stored !== null ? (stored as { version?: unknown; reports?: unknown }) : undefined;
  if (!envelope || !Array.isArray(envelope.reports)) {
    return { reports: [], problems: ['The saved reports could not be read (unknown format); they were skipped.'] };
  }
  if (envelope.version !== REPORTS_VERSION) {
    return { reports: [], problems: [`The saved reports are in format version ${String(envelope.version)}, which this version of DORA Lens cannot read; they were skipped.`] };
  }
  const reports: ReportDefinition[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  envelope.reports.forEach((value, i) => {
    const checked = checkReport(value);
    if (!checked.ok) {
      problems.push(`Saved report ${i + 1} was skipped: ${describeProblems(value, checked.problems).join('; ')}`);
    } else if (ids.has(checked.report.id)) {
      problems.push(`Saved report ${i + 1} (“${checked.report.name}”) was skipped: its id is used by another report.`);
    } else {
      ids.add(checked.report.id);
      reports.push(checked.report);
    }
  });
  return { reports, problems };
}

export async function readReports(origin: string, space: string): Promise<StoredReports> {
  const key = reportsKey(origin, space);
  try {
    return parseStoredReports((await browser.storage.local.get(key))[key]);
  } catch (error) {
    return { reports: [], problems: [`The saved reports could not be read: ${String(error)}`] };
  }
}

// Writes from one page go one after another, so two quick saves never overwrite each other.
let writes: Promise<unknown> = Promise.resolve();

/**
 * Applies `change` to the valid stored reports and writes the result. Entries that failed validation are
 * dropped by the first write after they were reported (they could not be shown or edited anyway).
 */
function update(origin: string, space: string, change: (reports: ReportDefinition[]) => ReportDefinition[]): Promise<ReportDefinition[]> {
  const write = writes.then(async () => {
    const { reports } = await readReports(origin, space);
    const next = change(reports);
    await browser.storage.local.set({ [reportsKey(origin, space)]: { version: REPORTS_VERSION, reports: next } });
    return next;
  });
  writes = write.catch(() => undefined);
  return write;
}

/** Adds the report, or replaces the one with its id. Refuses an invalid report (a caller's bug). */
export function saveReport(origin: string, space: string, report: ReportDefinition): Promise<ReportDefinition[]> {
  return saveReports(origin, space, [report]);
}

/** Adds or replaces (by id) several reports in one write, e.g. an import. */
export function saveReports(origin: string, space: string, incoming: readonly ReportDefinition[]): Promise<ReportDefinition[]> {
  for (const report of incoming) {
    const checked = checkReport(report);
    if (!checked.ok) return Promise.reject(new Error(`Invalid report: ${describeProblems(report, checked.problems).join('; ')}`));
  }
  return update(origin, space, (reports) => {
    const next = [...reports];
    for (const report of incoming) {
      const at = next.findIndex((r) => r.id === report.id);
      if (at >= 0) next[at] = report;
      else next.push(report);
    }
    return next;
  });
}

export function deleteReport(origin: string, space: string, id: string): Promise<ReportDefinition[]> {
  return update(origin, space, (reports) => reports.filter((r) => r.id !== id));
}

/** Calls `onChange` whenever any extension page changes this space's reports; returns the unsubscribe. */
export function watchReports(origin: string, space: string, onChange: (stored: StoredReports) => void): () => void {
  const key = reportsKey(origin, space);
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'local' && key in changes) onChange(parseStoredReports(changes[key].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
