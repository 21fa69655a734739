import { FLAG_NAMES, Outcome } from '../metrics/constants';
import type { DeploymentRowColumns } from '../metrics/deployment-rows';
import { TASK_STATE_NAMES } from '../metrics/facts';
import type { DeploymentRow } from '../metrics/types';
import { type CsvOptions, type CsvValue, csvCell, csvLine, toCsv } from './csv';
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

/** Rows per chunk of {@link deploymentsCsvChunks}: about half a megabyte of text. */
const CHUNK_ROWS = 4096;
const OUTCOMES = ['excluded', 'success', 'failure'] as const;
const FAILURE_KINDS = ['', 'taskFailed', 'guidedFailure', 'blocked'] as const;
const DELIVERIES = ['', 'first', 'newChanges', 'redeploy', 'rollback'] as const;

/**
 * The same CSV as {@link deploymentsCsv}, byte for byte, written straight from row columns
 * (`deploymentRowColumns` in lib/metrics) a chunk of {@link CHUNK_ROWS} rows at a time — the header (with
 * the BOM) first — so a page can stream it into a `Blob` (`new Blob([...chunks])`) without one string of the
 * whole file or an object per row. Names and versions are escaped once each, not once a row.
 *
 * @example
 * new Blob([...deploymentsCsvChunks(deploymentRowColumns(prepared, { now, range: { preset: 'lastYear' } }), { bom: true })], { type: 'text/csv' })
 */
export function* deploymentsCsvChunks(rows: DeploymentRowColumns, options: DeploymentsCsvOptions = {}): Generator<string> {
  const extra = options.beyondOctopusColumns ?? false;
  yield `${options.bom ? '\uFEFF' : ''}${csvLine(extra ? [...DEPLOYMENT_CSV_COLUMNS, ...BEYOND_OCTOPUS_CSV_COLUMNS] : DEPLOYMENT_CSV_COLUMNS)}\r\n`;
  const p = rows.prepared;
  const d = p.history.deployments;
  const dims = p.history.dims;
  const releases = p.history.releases;
  const escaped = (list: readonly { name: string }[]) => list.map((x) => csvCell(x.name));
  const projects = escaped(dims.projects);
  const channels = escaped(dims.channels);
  const environments = escaped(dims.environments);
  const tenants = escaped(dims.tenants);
  const versions: (string | undefined)[] = [];
  const version = (r: number): string => {
    if (r < 0 || r >= releases.length) return '';
    let cell = versions[r];
    if (cell === undefined) {
      cell = csvCell(releases.version[r]);
      versions[r] = cell;
    }
    return cell;
  };
  const duration = (ms: number) => csvCell(formatDuration(ms));
  const seconds = (ms: number) => (!Number.isNaN(ms) ? csvCell(ms / 1000) : '');
  const lines: string[] = [];
  for (let k = 0; k < rows.length; k++) {
    const i = rows.index[k];
    const t = d.tenant[i];
    const prev = rows.previousSuccess[k];
    const from = rows.recoveredFrom[k];
    const until = rows.deploymentsUntilRecovery[k];
    const completed = rows.completed[k];
    let line =
      `Deployments-${d.id[i]},${projects[d.project[i]] ?? ''},${version(d.release[i])},${channels[d.channel[i]] ?? ''},` +
      `${Number.isFinite(completed) ? csvCell(new Date(completed).toISOString()) : ''},${environments[d.environment[i]] ?? ''},` +
      `${t >= 0 ? (tenants[t] ?? '') : ''},${TASK_STATE_NAMES[d.state[i]] ?? 'Queued'},${d.guidedFailure[i] === 1 ? 'True' : 'False'},` +
      `${duration(rows.leadTimeMs[k])},${rows.leadTimeFrom[k] >= 0 ? version(rows.leadTimeFrom[k]) : ''},` +
      `${prev >= 0 ? duration(rows.sincePreviousMs[k]) : ''},${prev >= 0 ? `Deployments-${d.id[prev]}` : ''},` +
      `${duration(rows.recoveryMs[k])},${until > 0 ? until : ''},${from >= 0 ? `Deployments-${d.id[from]}` : ''},` +
      `${from >= 0 ? version(d.release[from]) : ''},` +
      `${seconds(rows.leadTimeMs[k])},${prev >= 0 ? seconds(rows.sincePreviousMs[k]) : ''},${seconds(rows.recoveryMs[k])}`;
    if (extra) {
      const f = p.flags[i];
      let flags = '';
      for (let bit = 0; bit < FLAG_NAMES.length; bit++) if ((f & (1 << bit)) !== 0) flags = flags === '' ? FLAG_NAMES[bit] : `${flags} ${FLAG_NAMES[bit]}`;
      line += `,${OUTCOMES[p.outcome[i]] ?? OUTCOMES[Outcome.Excluded]},${FAILURE_KINDS[p.failureKind[i]] ?? ''},${DELIVERIES[p.delivery[i]] ?? ''},${flags}`;
    }
    lines.push(line);
    if (lines.length === CHUNK_ROWS) {
      yield `${lines.join('\r\n')}\r\n`;
      lines.length = 0;
    }
  }
  if (lines.length > 0) yield `${lines.join('\r\n')}\r\n`;
}
