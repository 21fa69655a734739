import { FLAG_NAMES } from '../metrics/constants';
import type { DeploymentRowColumns } from '../metrics/deployment-rows';
import { TASK_STATE_NAMES } from '../metrics/facts';
import type { DeploymentRow } from '../metrics/types';
import { type CsvOptions, type CsvValue, csvCell, csvLine, toCsv } from './csv';
import { CsvBytes } from './csv-bytes';
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
/** The longest a row's fixed-format cells can be (ids, dates, durations, numbers, states, flags), in bytes. */
const FIXED_ROW_BYTES = 640;

/**
 * The same CSV as {@link deploymentsCsv}, byte for byte, written straight from row columns
 * (`deploymentRowColumns` in lib/metrics) a chunk of {@link CHUNK_ROWS} rows at a time — the header (with
 * the BOM) first — so a page can stream it into a `Blob` (`new Blob([...chunks])`) without one string of the
 * whole file or an object per row. Each chunk is written as UTF-8 bytes into one buffer and decoded once:
 * names and versions are escaped and encoded once each, numbers and dates written digit by digit, so no
 * string is made per cell.
 *
 * @example
 * new Blob([...deploymentsCsvChunks(deploymentRowColumns(prepared, { now, range: { preset: 'lastYear' } }), { bom: true })], { type: 'text/csv' })
 */
export function* deploymentsCsvChunks(rows: DeploymentRowColumns, options: DeploymentsCsvOptions = {}): Generator<string> {
  const extra = options.beyondOctopusColumns ?? false;
  yield `${options.bom ? '\uFEFF' : ''}${csvLine(extra ? [...DEPLOYMENT_CSV_COLUMNS, ...BEYOND_OCTOPUS_CSV_COLUMNS] : DEPLOYMENT_CSV_COLUMNS)}\r\n`;
  if (rows.length === 0) return;
  const p = rows.prepared;
  const d = p.history.deployments;
  const dims = p.history.dims;
  const releases = p.history.releases;
  const out = new CsvBytes();
  const cells = (list: readonly string[]) => list.map((text) => out.encode(csvCell(text)));
  const projects = cells(dims.projects.map((x) => x.name));
  const channels = cells(dims.channels.map((x) => x.name));
  const environments = cells(dims.environments.map((x) => x.name));
  const tenants = cells(dims.tenants.map((x) => x.name));
  const states = cells(TASK_STATE_NAMES);
  const outcomes = cells(OUTCOMES);
  const failureKinds = cells(FAILURE_KINDS);
  const deliveries = cells(DELIVERIES);
  const flagSets = cells(Array.from({ length: 1 << FLAG_NAMES.length }, (_, f) => FLAG_NAMES.filter((_, bit) => (f & (1 << bit)) !== 0).join(' ')));
  const empty = new Uint8Array(0);
  const version = (r: number) => {
    if (r >= 0 && r < releases.length) out.text(releases.version[r]);
  };
  const longest = (list: Uint8Array[]) => list.reduce((m, c) => Math.max(m, c.length), 0);
  let longestVersion = 0;
  for (let r = 0; r < releases.length; r++) longestVersion = Math.max(longestVersion, releases.version[r].length * 3 + 3);
  // Worst case of one row: the names (UTF-8, escaped), three versions, and the fixed-format cells.
  const rowBytes = FIXED_ROW_BYTES + longest(projects) + longest(channels) + longest(environments) + longest(tenants) + 3 * (longestVersion * 2 + 3);
  let inChunk = 0;
  for (let k = 0; k < rows.length; k++) {
    if (inChunk === CHUNK_ROWS || !out.fits(rowBytes)) {
      yield out.take();
      inChunk = 0;
    }
    const i = rows.index[k];
    const t = d.tenant[i];
    const prev = rows.previousSuccess[k];
    const from = rows.recoveredFrom[k];
    const until = rows.deploymentsUntilRecovery[k];
    out.deployment(d.id[i]);
    out.comma();
    out.bytes(projects[d.project[i]] ?? empty);
    out.comma();
    version(d.release[i]);
    out.comma();
    out.bytes(channels[d.channel[i]] ?? empty);
    out.comma();
    out.isoDate(rows.completed[k]);
    out.comma();
    out.bytes(environments[d.environment[i]] ?? empty);
    out.comma();
    if (t >= 0) out.bytes(tenants[t] ?? empty);
    out.comma();
    out.bytes(states[d.state[i]] ?? states[0]);
    out.comma();
    out.bytes(d.guidedFailure[i] === 1 ? out.TRUE : out.FALSE);
    out.comma();
    out.duration(rows.leadTimeMs[k]);
    out.comma();
    if (rows.leadTimeFrom[k] >= 0) version(rows.leadTimeFrom[k]);
    out.comma();
    if (prev >= 0) out.duration(rows.sincePreviousMs[k]);
    out.comma();
    if (prev >= 0) out.deployment(d.id[prev]);
    out.comma();
    out.duration(rows.recoveryMs[k]);
    out.comma();
    if (until > 0) out.integer(until);
    out.comma();
    if (from >= 0) out.deployment(d.id[from]);
    out.comma();
    if (from >= 0) version(d.release[from]);
    out.comma();
    out.seconds(rows.leadTimeMs[k]);
    out.comma();
    if (prev >= 0) out.seconds(rows.sincePreviousMs[k]);
    out.comma();
    out.seconds(rows.recoveryMs[k]);
    if (extra) {
      out.comma();
      out.bytes(outcomes[p.outcome[i]] ?? outcomes[0]);
      out.comma();
      out.bytes(failureKinds[p.failureKind[i]] ?? empty);
      out.comma();
      out.bytes(deliveries[p.delivery[i]] ?? empty);
      out.comma();
      out.bytes(flagSets[p.flags[i]] ?? empty);
    }
    out.lineEnd();
    inChunk++;
  }
  yield out.take();
}
