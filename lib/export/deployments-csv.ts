import type { DeploymentRow } from '../metrics/types';
import { type CsvOptions, type CsvValue, toCsv } from './csv';
import { formatDuration } from './format-duration';

export interface DeploymentsCsvOptions extends CsvOptions {
  /** Append our columns (Outcome, Failure Kind, Delivery, Flags) after Octopus's. Default `false`. */
  beyondOctopusColumns?: boolean;
}

/** Octopus's seventeen Insights CSV columns, named and ordered as Octopus's export (docs/octopus-api.md §1.6). */
export const OCTOPUS_CSV_COLUMNS = [
  'Deployment',
  'Project',
  'Release',
  'Channel',
  'Completed',
  'Environment',
  'Tenant',
  'State',
  'Had Guided Failure',
  'Lead Time',
  'Lead Time Calculated From',
  'Since Previous Successful',
  'Previous Successful',
  'Time to Recovery',
  'Deployments Until Recovery',
  'Recovery From',
  'Recovery From Version',
] as const;

/** Ours, always written after Octopus's so a script built on Octopus's export reads ours too: exact durations. */
export const SECONDS_CSV_COLUMNS = ['Lead Time (seconds)', 'Since Previous Successful (seconds)', 'Time to Recovery (seconds)'] as const;

/** Every column written by default: Octopus's, then the seconds columns. */
export const DEPLOYMENT_CSV_COLUMNS = [...OCTOPUS_CSV_COLUMNS, ...SECONDS_CSV_COLUMNS] as const;

export const BEYOND_OCTOPUS_CSV_COLUMNS = [
  'Outcome (DORA Lens)',
  'Failure Kind (DORA Lens)',
  'Delivery (DORA Lens)',
  'Flags (DORA Lens)',
] as const;

const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : '');

/**
 * Octopus's Insights CSV for per-deployment rows (from `deploymentRows`): first the seventeen columns of
 * docs/octopus-api.md §1.6, named and ordered as Octopus's — Deployment, Project, Release, Channel,
 * Completed, Environment, Tenant, State, Had Guided Failure, Lead Time, Lead Time Calculated From, Since
 * Previous Successful, Previous Successful, Time to Recovery, Deployments Until Recovery, Recovery From,
 * Recovery From Version — with durations as `h:mm:ss` (unbounded hours); then ours: the exact seconds of the
 * three durations, and optionally the "(DORA Lens)" columns. Dates in ISO 8601 UTC, empty cells for missing
 * values, formula-like text neutralised (see `csvCell`). RFC 4180 with CRLF; optional BOM for Excel.
 *
 * @example
 * deploymentsCsv(deploymentRows(prepared, { now, range: { preset: 'lastYear' } }), { bom: true })
 * //=> '\uFEFFDeployment,Project,Release,…\r\nDeployments-12,Web,1.2.0,Default,2024-03-01T10:00:00.000Z,…\r\n'
 */
export function deploymentsCsv(rows: readonly DeploymentRow[], options: DeploymentsCsvOptions = {}): string {
  const extra = options.beyondOctopusColumns ?? false;
  const table: CsvValue[][] = [extra ? [...DEPLOYMENT_CSV_COLUMNS, ...BEYOND_OCTOPUS_CSV_COLUMNS] : [...DEPLOYMENT_CSV_COLUMNS]];
  for (const r of rows) {
    const line: CsvValue[] = [
      r.deployment,
      r.project,
      r.release,
      r.channel,
      iso(r.completed),
      r.environment,
      r.tenant,
      r.state,
      r.hadGuidedFailure,
      formatDuration(r.leadTimeMs),
      r.leadTimeCalculatedFrom,
      formatDuration(r.sincePreviousSuccessfulMs),
      r.previousSuccessful,
      formatDuration(r.timeToRecoveryMs),
      r.deploymentsUntilRecovery,
      r.recoveryFrom,
      r.recoveryFromVersion,
      seconds(r.leadTimeMs),
      seconds(r.sincePreviousSuccessfulMs),
      seconds(r.timeToRecoveryMs),
    ];
    if (extra) {
      const b = r.beyondOctopus;
      line.push(b.outcome, b.failureKind, b.delivery, b.flags.join(' '));
    }
    table.push(line);
  }
  return toCsv(table, options);
}
