/**
 * The peer to beat (DESIGN.md budgets): DuckDB computing the same per-deployment rows and one summary in SQL,
 * on the same History, with 2 threads. `npm run bench -- --duckdb` loads the History into DuckDB, checks that
 * both sides compute the same values for every deployment and the same summary (and stops if not), then times
 * the two sides in turn.
 *
 * The SQL is written from the definitions (lib/metrics/README.md), not translated from lib/metrics:
 * - success = task Success (3) without a guided failure, failure = task Failed (4) or Success with one;
 *   Canceled, TimedOut and unfinished deployments are in no stream;
 * - a stream is (project, channel, environment, tenant), ordered by (completed, id);
 * - releases are ordered by (project, channel, assembled, id), creation unknown last; a release's position
 *   in that order is its rank;
 * - the high-water mark before a deployment is the highest rank delivered by an earlier success of its stream;
 *   a success delivers from the release after the mark (none at or below it: redeploy, rollback) or, as the
 *   stream's first success, from the lowest rank attempted before it (or its own);
 * - the previous success is the last success before the deployment in its stream;
 * - a success after failures recovers the run that started with the first failure after the previous
 *   success: its completion minus that failure's, and the number of failures in between.
 * (Releases are assumed to belong to their deployments' project and channel, as Octopus makes them; the check
 * below would catch a history where that does not hold.)
 */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { History } from '../../lib/metrics/facts';
import type { PreparedHistory } from '../../lib/metrics/prepare';
import { leadTimeOf, recoveryOf } from '../../lib/metrics/deployment-values';

export interface DuckRowsCheck {
  rows: number;
  problems: string[];
}

export interface DuckSummary {
  successful: number;
  failed: number;
  total: number;
  leadTimeCount: number;
  leadTimeMedian: number | null;
  recoveryCount: number;
  recoveryMedian: number | null;
}

const ROWS_SQL = `
WITH rel AS (
  SELECT idx, assembled, blocked,
         row_number() OVER (ORDER BY project, channel, assembled NULLS LAST, id) - 1 AS pos
  FROM releases
),
d AS (
  SELECT dep.idx, dep.id, dep.project, dep.channel, dep.environment, dep.tenant, dep.completed,
         (dep.state = 3 AND NOT dep.guided) AS success, coalesce(rel.blocked, false) AS blocked, rel.pos AS r
  FROM deployments dep LEFT JOIN rel ON rel.idx = dep.release
  WHERE dep.completed IS NOT NULL AND dep.state IN (3, 4)
),
w AS (
  SELECT *,
    max(CASE WHEN success THEN r END) OVER before AS mark,
    min(r) OVER before AS earliest,
    last_value(CASE WHEN success THEN idx END IGNORE NULLS) OVER before AS prev,
    last_value(CASE WHEN success THEN completed END IGNORE NULLS) OVER before AS prev_completed,
    count(*) FILTER (WHERE success) OVER before AS successes_before
  FROM d
  WINDOW before AS (PARTITION BY project, channel, environment, tenant ORDER BY completed, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
x AS (
  SELECT *,
    first_value(idx) OVER run AS run_first,
    first_value(completed) OVER run AS run_first_completed,
    count(*) OVER (PARTITION BY project, channel, environment, tenant, successes_before) AS run_size,
    CASE WHEN success AND r IS NOT NULL THEN
      CASE WHEN mark IS NULL THEN (CASE WHEN earliest < r THEN earliest ELSE r END) WHEN r > mark THEN mark + 1 END
    END AS lead_pos
  FROM w
  WINDOW run AS (PARTITION BY project, channel, environment, tenant, successes_before ORDER BY completed, id)
)
SELECT x.idx, x.environment, x.completed, x.success, x.blocked,
  x.completed - f.assembled AS lead_ms,
  f.idx AS lead_from,
  x.prev,
  x.completed - x.prev_completed AS since_prev_ms,
  CASE WHEN x.success AND x.run_size > 1 THEN x.completed - x.run_first_completed END AS recovery_ms,
  CASE WHEN x.success AND x.run_size > 1 THEN x.run_size - 1 END AS until,
  CASE WHEN x.success AND x.run_size > 1 THEN x.run_first END AS recovered_from
FROM x LEFT JOIN rel f ON f.pos = x.lead_pos`;

/** A DuckDB (2 threads) holding `history` as two tables, deployments and releases. */
export async function loadDuckDb(history: History): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run(
    'CREATE TABLE releases (idx INTEGER, id UINTEGER, project INTEGER, channel INTEGER, assembled DOUBLE, blocked BOOLEAN)',
  );
  await connection.run(
    'CREATE TABLE deployments (idx INTEGER, id UINTEGER, project INTEGER, channel INTEGER, environment INTEGER, tenant INTEGER, "release" INTEGER, state UTINYINT, guided BOOLEAN, completed DOUBLE)',
  );
  const r = history.releases;
  const releases = await connection.createAppender('releases');
  for (let i = 0; i < r.length; i++) {
    releases.appendInteger(i);
    releases.appendUInteger(r.id[i]);
    releases.appendInteger(r.project[i]);
    releases.appendInteger(r.channel[i]);
    if (Number.isNaN(r.assembled[i])) releases.appendNull();
    else releases.appendDouble(r.assembled[i]);
    releases.appendBoolean(r.blocked[i] === 1);
    releases.endRow();
  }
  releases.closeSync();
  const d = history.deployments;
  const deployments = await connection.createAppender('deployments');
  for (let i = 0; i < d.length; i++) {
    deployments.appendInteger(i);
    deployments.appendUInteger(d.id[i]);
    deployments.appendInteger(d.project[i]);
    deployments.appendInteger(d.channel[i]);
    deployments.appendInteger(d.environment[i]);
    deployments.appendInteger(d.tenant[i]);
    if (d.release[i] >= 0 && d.release[i] < r.length) deployments.appendInteger(d.release[i]);
    else deployments.appendNull();
    deployments.appendUTinyInt(d.state[i]);
    deployments.appendBoolean(d.guidedFailure[i] === 1);
    if (Number.isNaN(d.completed[i])) deployments.appendNull();
    else deployments.appendDouble(d.completed[i]);
    deployments.endRow();
  }
  deployments.closeSync();
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** DuckDB's per-deployment rows, materialised as the table `rows` (what is timed). */
export async function duckRows(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE OR REPLACE TABLE rows AS ${ROWS_SQL}`);
}

const SUMMARY_SQL = `SELECT count(*) FILTER (WHERE success) AS successful,
            count(*) FILTER (WHERE NOT success OR blocked) AS failed,
            count(*) AS total,
            count(lead_ms) AS lead_count, quantile_cont(lead_ms, 0.5) AS lead_median,
            count(recovery_ms) AS recovery_count, quantile_cont(recovery_ms, 0.5) AS recovery_median
     FROM rows WHERE environment = $environment AND completed >= $from AND completed < $to`;

/**
 * DuckDB's rows and one summary from them, in one query: production-like environment `environment`, window
 * `[from, to)`, blocked releases counted as failures in the failure rate (the default option). With
 * `fromTable`, the summary of the rows DuckDB materialised before (`duckRows`): another view once loaded.
 */
export async function duckSummary(connection: DuckDBConnection, environment: number, from: number, to: number, fromTable = false): Promise<DuckSummary> {
  const sql = SUMMARY_SQL.replace('$environment', String(environment)).replace('$from', String(from)).replace('$to', String(to));
  const reader = await connection.runAndReadAll(fromTable ? sql : `WITH rows AS (${ROWS_SQL}) ${sql}`);
  const [row] = reader.getRowObjectsJS();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    successful: Number(row.successful),
    failed: Number(row.failed),
    total: Number(row.total),
    leadTimeCount: Number(row.lead_count),
    leadTimeMedian: num(row.lead_median),
    recoveryCount: Number(row.recovery_count),
    recoveryMedian: num(row.recovery_median),
  };
}

/** Every deployment's lead time, its release, previous success, since-previous, recovery, run length and first failure: DuckDB's `rows` table against the prepared history. */
export async function checkRows(connection: DuckDBConnection, p: PreparedHistory): Promise<DuckRowsCheck> {
  await duckRows(connection);
  const reader = await connection.runAndReadAll(
    'SELECT idx, lead_ms, lead_from, prev, since_prev_ms, recovery_ms, until, recovered_from FROM rows ORDER BY idx',
  );
  const columns = reader.getColumnsJS();
  const [idx, lead, leadFrom, prev, since, recovery, until, recoveredFrom] = columns.map((c) => c.map((v) => (v === null ? null : Number(v))));
  const n = p.history.deployments.length;
  const problems: string[] = [];
  const seen = new Uint8Array(n);
  const d = p.history.deployments;
  // DuckDB's NULL is our "none": NaN for times, -1 for references, 0 for counts.
  const NONE = { time: Number.NaN, reference: -1, count: 0 };
  const same = (a: number | null, b: number, none: number) => (a === null ? Object.is(b, none) : a === b);
  const report = (i: number, what: string, duck: number | null, ours: number) => {
    if (problems.length < 20) problems.push(`Deployments-${d.id[i]}: ${what} DuckDB ${duck}, DORA Lens ${ours}`);
    else if (problems.length === 20) problems.push('…');
  };
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] as number;
    seen[i] = 1;
    const ourSince = p.previousSuccess[i] >= 0 ? d.completed[i] - d.completed[p.previousSuccess[i]] : Number.NaN;
    if (!same(lead[k], leadTimeOf(p, i), NONE.time)) report(i, 'lead time', lead[k], leadTimeOf(p, i));
    if (!same(leadFrom[k], p.leadTimeFrom[i], NONE.reference)) report(i, 'lead time from release', leadFrom[k], p.leadTimeFrom[i]);
    if (!same(prev[k], p.previousSuccess[i], NONE.reference)) report(i, 'previous success', prev[k], p.previousSuccess[i]);
    if (!same(since[k], ourSince, NONE.time)) report(i, 'since previous', since[k], ourSince);
    if (!same(recovery[k], recoveryOf(p, i), NONE.time)) report(i, 'time to recovery', recovery[k], recoveryOf(p, i));
    if (!same(until[k], p.deploymentsUntilRecovery[i], NONE.count)) report(i, 'deployments until recovery', until[k], p.deploymentsUntilRecovery[i]);
    if (!same(recoveredFrom[k], p.recoveredFrom[i], NONE.reference)) report(i, 'recovered from', recoveredFrom[k], p.recoveredFrom[i]);
  }
  // Deployments in no stream (canceled, timed out, unfinished) have no values on our side either.
  for (let i = 0; i < n; i++) {
    if (seen[i]) continue;
    if (!Number.isNaN(leadTimeOf(p, i)) || p.previousSuccess[i] !== -1 || !Number.isNaN(recoveryOf(p, i))) report(i, 'values for a deployment in no stream', null, leadTimeOf(p, i));
  }
  return { rows: idx.length, problems };
}
