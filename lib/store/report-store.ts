/**
 * Saved reports, per Octopus server, Octopus user and space, in `browser.storage.local` under
 * `reports:<server>:<userId>:<space>` (every open report page and the options page share them, and hear
 * changes): a second Octopus user of the same browser profile sees none of the first one's reports. The
 * stored value is `{ version: 1, reports: [...] }`; each report is validated on read, and one that fails —
 * hand-edited, from a newer version, damaged — is reported and skipped, never allowed to break the page.
 *
 * Reports saved before they were per user (`reports:<server>:<space>`) move to the first user who opens
 * that space's reports.
 */
import browser from 'webextension-polyfill';
import type { ReportDefinition } from '@/lib/report/report-definition';
import { checkReport, describeProblems } from '@/lib/report/report-schema';

export const REPORTS_VERSION = 1;

/** Whose reports: the server's base URL, the signed-in Octopus user, the space. */
export interface ReportsOwner {
  server: string;
  userId: string;
  space: string;
}

export const reportsKey = ({ server, userId, space }: ReportsOwner): string => `reports:${server}:${userId}:${space}`;
/** Where reports were kept before they were per user. */
export const legacyReportsKey = ({ server, space }: ReportsOwner): string => `reports:${server}:${space}`;

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

export async function readReports(owner: ReportsOwner): Promise<StoredReports> {
  const key = reportsKey(owner);
  try {
    const stored = await browser.storage.local.get([key, legacyReportsKey(owner)]);
    if (stored[key] === undefined && stored[legacyReportsKey(owner)] !== undefined) return await adoptLegacyReports(owner, stored[legacyReportsKey(owner)]);
    return parseStoredReports(stored[key]);
  } catch (error) {
    return { reports: [], problems: [`The saved reports could not be read: ${String(error)}`] };
  }
}

/** Moves reports saved before they were per user to this user (the first to open them), in one write then one removal. */
async function adoptLegacyReports(owner: ReportsOwner, legacy: unknown): Promise<StoredReports> {
  await browser.storage.local.set({ [reportsKey(owner)]: legacy });
  await browser.storage.local.remove(legacyReportsKey(owner));
  return parseStoredReports(legacy);
}

// Writes from one page go one after another, so two quick saves never overwrite each other.
let writes: Promise<unknown> = Promise.resolve();

/**
 * Applies `change` to the valid stored reports and writes the result. Entries that failed validation are
 * dropped by the first write after they were reported (they could not be shown or edited anyway).
 */
function update(owner: ReportsOwner, change: (reports: ReportDefinition[]) => ReportDefinition[]): Promise<ReportDefinition[]> {
  const write = writes.then(async () => {
    const { reports } = await readReports(owner);
    const next = change(reports);
    await browser.storage.local.set({ [reportsKey(owner)]: { version: REPORTS_VERSION, reports: next } });
    return next;
  });
  writes = write.catch(() => undefined);
  return write;
}

/** Adds the report, or replaces the one with its id. Refuses an invalid report (a caller's bug). */
export function saveReport(owner: ReportsOwner, report: ReportDefinition): Promise<ReportDefinition[]> {
  return saveReports(owner, [report]);
}

/** Adds or replaces (by id) several reports in one write, e.g. an import. */
export function saveReports(owner: ReportsOwner, incoming: readonly ReportDefinition[]): Promise<ReportDefinition[]> {
  for (const report of incoming) {
    const checked = checkReport(report);
    if (!checked.ok) return Promise.reject(new Error(`Invalid report: ${describeProblems(report, checked.problems).join('; ')}`));
  }
  return update(owner, (reports) => {
    const next = [...reports];
    for (const report of incoming) {
      const at = next.findIndex((r) => r.id === report.id);
      if (at >= 0) next[at] = report;
      else next.push(report);
    }
    return next;
  });
}

export function deleteReport(owner: ReportsOwner, id: string): Promise<ReportDefinition[]> {
  return update(owner, (reports) => reports.filter((r) => r.id !== id));
}

/** Calls `onChange` whenever any extension page changes this space's reports; returns the unsubscribe. */
export function watchReports(owner: ReportsOwner, onChange: (stored: StoredReports) => void): () => void {
  const key = reportsKey(owner);
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'local' && key in changes) onChange(parseStoredReports(changes[key].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** How many reports each server and user has saved, over every space (for the options page). */
export async function countReports(): Promise<Map<string, number>> {
  const all = await browser.storage.local.get(null);
  const counts = new Map<string, number>();
  for (const [key, value] of Object.entries(all)) {
    const owner = parseReportsKey(key);
    if (!owner) continue;
    const id = `${owner.server}\n${owner.userId}`;
    counts.set(id, (counts.get(id) ?? 0) + parseStoredReports(value).reports.length);
  }
  return counts;
}

/**
 * Deletes the reports whose owner matches: `(server, userId)` for per-user ones, `(server, undefined)` for
 * legacy ones saved before reports were per user.
 */
export async function deleteServerReports(matches: (server: string, userId: string | undefined) => boolean): Promise<void> {
  const all = await browser.storage.local.get(null);
  const doomed = Object.keys(all).filter((key) => {
    const owner = parseReportsKey(key);
    if (owner) return matches(owner.server, owner.userId);
    const legacy = /^reports:(.+):Spaces-\d+$/.exec(key)?.[1];
    return legacy !== undefined && matches(legacy, undefined);
  });
  if (doomed.length) await browser.storage.local.remove(doomed);
}

/**
 * `reports:<server>:<userId>:<space>` → its parts. Servers may hold colons (ports); Octopus user ids
 * (`Users-1`) never do, and never look like a port, so a legacy `reports:<server>:<space>` key is not
 * mistaken for one.
 */
export function parseReportsKey(key: string): ReportsOwner | undefined {
  const match = /^reports:(.+):([A-Za-z]+-[\w-]+):(Spaces-\d+)$/.exec(key);
  return match ? { server: match[1], userId: match[2], space: match[3] } : undefined;
}
