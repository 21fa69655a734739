import { FLAG_NAMES, REWORK_REASONS } from '../metrics/constants';
import type { DeploymentRowColumns } from '../metrics/deployment-rows';
import { TASK_STATE_NAMES } from '../metrics/facts';
import { reworkBits } from '../metrics/rework';
import type { DeploymentRow } from '../metrics/types';
import { type CsvOptions, type CsvValue, csvCell, csvLine, toCsv } from './csv';
import { encodeCell, isoDateWriter, writeBytes, writeDeployment, writeDuration, writeInteger, writeSeconds, writeText } from './csv-bytes';
import { formatDuration } from './format-duration';

export interface DeploymentsCsvOptions extends CsvOptions {
  /**
   * Append our columns after Octopus's seventeen ({@link BEYOND_OCTOPUS_CSV_COLUMNS}: exact seconds, outcome,
   * failure kind, delivery, flags, rework). Default `false`: Octopus's column set, as its own export.
   */
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

/**
 * Ours, when asked for: always after Octopus's so a script built on Octopus's export reads the file too. The
 * exact seconds of the three durations; how the row counted (outcome, failure kind, delivery, flags); and
 * whether it is rework (DORA's deployment rework rate), with its reasons.
 */
export const BEYOND_OCTOPUS_CSV_COLUMNS = [
  'Lead Time (seconds)',
  'Since Previous Successful (seconds)',
  'Time to Recovery (seconds)',
  'Outcome (DORA Lens)',
  'Failure Kind (DORA Lens)',
  'Delivery (DORA Lens)',
  'Flags (DORA Lens)',
  'Rework (DORA Lens)',
  'Rework Reasons (DORA Lens)',
] as const;

/** The header for `options`: Octopus's seventeen columns, then ours when asked for. */
const header = (extra: boolean): readonly string[] => (extra ? [...OCTOPUS_CSV_COLUMNS, ...BEYOND_OCTOPUS_CSV_COLUMNS] : OCTOPUS_CSV_COLUMNS);

const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : '');

/**
 * Octopus's Insights CSV for per-deployment rows (from `deploymentRows`): the seventeen columns of
 * docs/octopus-api.md §1.6, named and ordered as Octopus's — Deployment, Project, Release, Channel,
 * Completed, Environment, Tenant, State, Had Guided Failure, Lead Time, Lead Time Calculated From, Since
 * Previous Successful, Previous Successful, Time to Recovery, Deployments Until Recovery, Recovery From,
 * Recovery From Version — with durations as `h:mm:ss` (unbounded hours); then, only with
 * `beyondOctopusColumns`, ours ({@link BEYOND_OCTOPUS_CSV_COLUMNS}). Dates in ISO 8601 UTC, empty cells for missing
 * values, formula-like text neutralised (see `csvCell`). RFC 4180 with CRLF; optional BOM for Excel.
 *
 * @example
 * deploymentsCsv(deploymentRows(prepared, { now, range: { preset: 'lastYear' } }), { bom: true })
 * //=> '\uFEFFDeployment,Project,Release,…\r\nDeployments-12,Web,1.2.0,Default,2024-03-01T10:00:00.000Z,…\r\n'
 */
export function deploymentsCsv(rows: readonly DeploymentRow[], options: DeploymentsCsvOptions = {}): string {
  const extra = options.beyondOctopusColumns ?? false;
  const table: CsvValue[][] = [[...header(extra)]];
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
    ];
    if (extra) {
      const b = r.beyondOctopus;
      line.push(seconds(r.leadTimeMs), seconds(r.sincePreviousSuccessfulMs), seconds(r.timeToRecoveryMs));
      line.push(b.outcome, b.failureKind, b.delivery, b.flags.join(' '), b.rework.length > 0, b.rework.join(' '));
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
const COMMA = 44;
const utf8 = new TextEncoder();

/**
 * The same CSV as {@link deploymentsCsv}, byte for byte, as UTF-8: written straight from row columns
 * (`deploymentRowColumns` in lib/metrics) a chunk of {@link CHUNK_ROWS} rows at a time — the header (with
 * the BOM) first — so a page can stream it into a `Blob` (`new Blob([...chunks])`) without one string of the
 * whole file or an object per row. Each chunk is written as UTF-8 bytes into one buffer (./csv-bytes.ts) and
 * handed over as bytes: names are escaped and encoded once each, versions, numbers and dates written in
 * place, and no text is made at all — decoding the bytes into strings (which the `Blob` then encodes again)
 * took half the time of a year's CSV. {@link csvText} reads chunks back as text.
 *
 * @example
 * new Blob([...deploymentsCsvChunks(deploymentRowColumns(prepared, { now, range: { preset: 'lastYear' } }), { bom: true })], { type: 'text/csv' })
 */
export function* deploymentsCsvChunks(rows: DeploymentRowColumns, options: DeploymentsCsvOptions = {}): Generator<Uint8Array<ArrayBuffer>> {
  const extra = options.beyondOctopusColumns ?? false;
  yield utf8.encode(`${options.bom ? '\uFEFF' : ''}${csvLine(header(extra))}\r\n`);
  if (rows.length === 0) return;
  const p = rows.prepared;
  const d = p.history.deployments;
  const dims = p.history.dims;
  const releases = p.history.releases;
  const cells = (list: readonly string[]) => list.map((text) => encodeCell(csvCell(text)));
  const projects = cells(dims.projects.map((x) => x.name));
  const channels = cells(dims.channels.map((x) => x.name));
  const environments = cells(dims.environments.map((x) => x.name));
  const tenants = cells(dims.tenants.map((x) => x.name));
  const states = cells(TASK_STATE_NAMES);
  const outcomes = cells(OUTCOMES);
  const failureKinds = cells(FAILURE_KINDS);
  const deliveries = cells(DELIVERIES);
  const reworkSets = cells(Array.from({ length: 1 << REWORK_REASONS.length }, (_, f) => REWORK_REASONS.filter((_, bit) => (f & (1 << bit)) !== 0).join(' ')));
  const flagSets = cells(Array.from({ length: 1 << FLAG_NAMES.length }, (_, f) => FLAG_NAMES.filter((_, bit) => (f & (1 << bit)) !== 0).join(' ')));
  const TRUE = encodeCell('True');
  const FALSE = encodeCell('False');
  const empty = new Uint8Array(0);
  const versions = releases.version;
  const releaseCount = releases.length;
  const iso = isoDateWriter();
  const longest = (list: Uint8Array[]) => list.reduce((m, c) => Math.max(m, c.length), 0);
  let longestVersion = 0;
  for (let r = 0; r < releaseCount; r++) longestVersion = Math.max(longestVersion, versions[r].length);
  // Worst case of one row: the names (UTF-8, escaped), three versions (UTF-8, escaped), the fixed cells.
  const rowBytes = FIXED_ROW_BYTES + longest(projects) + longest(channels) + longest(environments) + longest(tenants) + 3 * (6 * longestVersion + 3);
  const b = new Uint8Array(Math.max(1 << 19, rowBytes));
  let at = 0;
  let inChunk = 0;
  const { index, hotfix } = rows;
  const { completed } = d;
  const { leadTimeFrom, previousSuccess, deploymentsUntilRecovery, recoveredFrom } = p;
  const assembled = releases.assembled;
  for (let k = 0; k < rows.length; k++) {
    if (inChunk === CHUNK_ROWS || at + rowBytes > b.length) {
      yield b.slice(0, at);
      at = 0;
      inChunk = 0;
    }
    const i = index[k];
    const t = d.tenant[i];
    const prev = previousSuccess[i];
    const from = recoveredFrom[i];
    const until = deploymentsUntilRecovery[i];
    const release = d.release[i];
    const leadFrom = leadTimeFrom[i];
    const leadTime = leadFrom >= 0 ? completed[i] - assembled[leadFrom] : Number.NaN;
    const recovery = from >= 0 ? completed[i] - completed[from] : Number.NaN;
    at = writeDeployment(b, at, d.id[i]);
    b[at++] = COMMA;
    at = writeBytes(b, at, projects[d.project[i]] ?? empty);
    b[at++] = COMMA;
    if (release >= 0 && release < releaseCount) at = writeText(b, at, versions[release]);
    b[at++] = COMMA;
    at = writeBytes(b, at, channels[d.channel[i]] ?? empty);
    b[at++] = COMMA;
    at = iso(b, at, completed[i]);
    b[at++] = COMMA;
    at = writeBytes(b, at, environments[d.environment[i]] ?? empty);
    b[at++] = COMMA;
    if (t >= 0) at = writeBytes(b, at, tenants[t] ?? empty);
    b[at++] = COMMA;
    at = writeBytes(b, at, states[d.state[i]] ?? states[0]);
    b[at++] = COMMA;
    at = writeBytes(b, at, d.guidedFailure[i] === 1 ? TRUE : FALSE);
    b[at++] = COMMA;
    at = writeDuration(b, at, leadTime);
    b[at++] = COMMA;
    if (leadFrom >= 0 && leadFrom < releaseCount) at = writeText(b, at, versions[leadFrom]);
    b[at++] = COMMA;
    if (prev >= 0) at = writeDuration(b, at, completed[i] - completed[prev]);
    b[at++] = COMMA;
    if (prev >= 0) at = writeDeployment(b, at, d.id[prev]);
    b[at++] = COMMA;
    at = writeDuration(b, at, recovery);
    b[at++] = COMMA;
    if (until > 0) at = writeInteger(b, at, until);
    b[at++] = COMMA;
    if (from >= 0) at = writeDeployment(b, at, d.id[from]);
    b[at++] = COMMA;
    if (from >= 0) {
      const fromRelease = d.release[from];
      if (fromRelease >= 0 && fromRelease < releaseCount) at = writeText(b, at, versions[fromRelease]);
    }
    if (extra) {
      b[at++] = COMMA;
      at = writeSeconds(b, at, leadTime);
      b[at++] = COMMA;
      if (prev >= 0) at = writeSeconds(b, at, completed[i] - completed[prev]);
      b[at++] = COMMA;
      at = writeSeconds(b, at, recovery);
      b[at++] = COMMA;
      at = writeBytes(b, at, outcomes[p.outcome[i]] ?? outcomes[0]);
      b[at++] = COMMA;
      at = writeBytes(b, at, failureKinds[p.failureKind[i]] ?? empty);
      b[at++] = COMMA;
      at = writeBytes(b, at, deliveries[p.delivery[i]] ?? empty);
      b[at++] = COMMA;
      at = writeBytes(b, at, flagSets[p.flags[i]] ?? empty);
      b[at++] = COMMA;
      const rework = reworkBits(p, i, hotfix);
      at = writeBytes(b, at, rework !== 0 ? TRUE : FALSE);
      b[at++] = COMMA;
      at = writeBytes(b, at, reworkSets[rework] ?? empty);
    }
    b[at++] = 13;
    b[at++] = 10;
    inChunk++;
  }
  yield b.slice(0, at);
}

/**
 * Chunks of UTF-8 (as {@link deploymentsCsvChunks} gives them) as one string: for tests and small files.
 *
 * @example
 * csvText(deploymentsCsvChunks(rows)) //=> 'Deployment,Project,…\r\n…'
 */
export function csvText(chunks: Iterable<Uint8Array>): string {
  // `ignoreBOM`: the BOM is part of the file's text here, not a marker to drop.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
