/**
 * The report's CSV: Octopus's per-deployment columns (lib/export) for every deployment the report covers
 * that completed in the window, with DORA Lens's own columns after them, and a file name carrying the
 * report's name and the dates.
 */
import { csvFileName } from '@/lib/export/csv-file-name';
import { deploymentsCsvChunks } from '@/lib/export/deployments-csv';
import { type DeploymentRowColumns, deploymentRowColumns } from '@/lib/metrics/deployment-rows';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { ResolvedReport } from './resolve-report';

export function reportRows(
  p: PreparedHistory,
  report: ResolvedReport,
  window: { from: number; to: number; timeZone: string },
  now: number,
  hotfixChannels?: readonly number[],
): DeploymentRowColumns {
  return deploymentRowColumns(p, { now, range: { from: window.from, to: window.to }, timeZone: window.timeZone, filter: report.filter, hotfixChannels });
}

/**
 * The CSV in chunks of UTF-8, for a `Blob`: a report may cover a whole space's year. Octopus's seventeen columns, as
 * Octopus's own export; DORA Lens's after them when the user asks (`ours`).
 */
export function reportCsv(rows: DeploymentRowColumns, ours = false): Iterable<Uint8Array<ArrayBuffer>> {
  return deploymentsCsvChunks(rows, { bom: true, beyondOctopusColumns: ours });
}

/**
 * `dora-lens_<report name>_<environments>_<from>_<to>.csv`, dates in the report's zone.
 *
 * @example
 * reportCsvFileName({ name: 'Release train', environmentGroups: [] } as never, window)
 * //=> 'dora-lens_Release-train_all-environments_2025-01-01_2025-03-31.csv'
 */
export function reportCsvFileName(report: ResolvedReport, window: { from: number; to: number; timeZone: string }): string {
  const groups = report.definition.environmentGroups.map((g) => g.name).join('+');
  return csvFileName({ project: report.definition.name, environment: groups || undefined, from: window.from, to: window.to, timeZone: window.timeZone });
}
