import { useState } from 'preact/hooks';
import { formatBytes } from '@/lib/display/format-bytes';
import type { CacheRow } from '@/lib/display/cache-row';
import { errorText, type StatusNote } from '@/lib/display/status-note';
import { StatusMessage } from './StatusMessage';

interface OptionsCachesProps {
  /** `undefined` while loading. */
  rows: readonly CacheRow[] | undefined;
  clear: (row: CacheRow) => Promise<void>;
  /** Deletes the row's saved reports. */
  deleteReports: (row: CacheRow) => Promise<void>;
  clearAll: () => Promise<void>;
}

const count = (n: number | undefined) => (n === undefined ? '—' : new Intl.NumberFormat().format(n));
const rowKey = (row: CacheRow) => `${row.server} ${row.userId}`;
const userLabel = (row: CacheRow) => row.userName ?? row.userId;

/** What DORA Lens keeps in this browser, per server and user, with ways to delete it. */
export function OptionsCaches({ rows, clear, deleteReports, clearAll }: OptionsCachesProps) {
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<StatusNote>();

  const run: Run = (key, action, done, failed) => {
    setBusy(key);
    action()
      .then(
        () => setNotice({ tone: 'success', text: done }),
        (error: unknown) => setNotice({ tone: 'error', text: `${failed}: ${errorText(error)}` }),
      )
      .finally(() => setBusy(undefined));
  };

  if (rows === undefined) return <p class="muted">Reading the cache…</p>;
  return (
    <>
      {rows.length === 0 ? (
        <p class="muted" data-testid="no-caches">
          Nothing cached yet. Open Insights on an Octopus project to download its history.
        </p>
      ) : (
        <CacheTable rows={rows} busy={busy} run={run} clear={clear} deleteReports={deleteReports} />
      )}
      <div class="row section-actions">
        <button
          type="button"
          class="button-danger"
          disabled={rows.length === 0 || busy !== undefined}
          onClick={() => run('*', clearAll, 'Cleared all cached data.', 'Could not clear everything')}
        >
          {busy === '*' ? 'Clearing…' : 'Clear all'}
        </button>
        <span class="muted">Cleared data is downloaded again from your Octopus server the next time you open Insights.</span>
      </div>
      <StatusMessage note={notice} testId="caches-notice" />
    </>
  );
}

type Run = (key: string, action: () => Promise<void>, done: string, failed: string) => void;

interface CacheTableProps {
  rows: readonly CacheRow[];
  /** The action running now (its key), during which every button waits. */
  busy?: string;
  run: Run;
  clear: (row: CacheRow) => Promise<void>;
  deleteReports: (row: CacheRow) => Promise<void>;
}

function CacheTable({ rows, ...actions }: CacheTableProps) {
  const totalBytes = rows.reduce((sum, row) => sum + (row.bytes ?? 0), 0);
  return (
    <div class="table-scroll">
      <table data-testid="cache-table">
        <caption>
          {rows.length === 1 ? '1 cache' : `${rows.length} caches`}, {formatBytes(totalBytes)} in all
        </caption>
        <thead>
          <tr>
            <th scope="col">Server</th>
            <th scope="col">Octopus user</th>
            <th scope="col" class="number">
              Deployments
            </th>
            <th scope="col" class="number">
              Releases
            </th>
            <th scope="col" class="number">
              Size
            </th>
            <th scope="col" class="number">
              Saved reports
            </th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <CacheTableRow key={rowKey(row)} row={row} {...actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CacheTableRow({ row, busy, run, clear, deleteReports }: Omit<CacheTableProps, 'rows'> & { row: CacheRow }) {
  return (
    <tr>
      <td class="cache-origin">
        {row.server}
        {row.enabled === false ? (
          <span class="muted server-off" data-testid="server-off">
            DORA Lens is off for this server: its data is kept only until you delete it.
          </span>
        ) : null}
      </td>
      <td>
        {userLabel(row)}
        {row.userName ? <span class="muted user-id">{row.userId}</span> : null}
      </td>
      {row.error ? (
        <td colSpan={3} class="field-error">
          {row.error}
        </td>
      ) : (
        <>
          <td class="number">{count(row.deployments)}</td>
          <td class="number">{count(row.releases)}</td>
          <td class="number">{row.bytes === undefined ? '—' : formatBytes(row.bytes)}</td>
        </>
      )}
      <td class="number">{count(row.reports ?? 0)}</td>
      <td class="actions">
        <button
          type="button"
          class="button-danger"
          disabled={busy !== undefined || row.cached === false}
          aria-label={`Clear cached data of ${userLabel(row)} on ${row.server}`}
          onClick={() => run(rowKey(row), () => clear(row), `Cleared ${userLabel(row)}’s data for ${row.server}.`, `Could not clear ${row.server}`)}
        >
          {busy === rowKey(row) ? 'Clearing…' : 'Clear'}
        </button>
        {row.reports ? (
          <button
            type="button"
            class="button-danger"
            disabled={busy !== undefined}
            aria-label={`Delete the saved reports of ${userLabel(row)} on ${row.server}`}
            onClick={() => run(`${rowKey(row)} reports`, () => deleteReports(row), `Deleted ${userLabel(row)}’s reports for ${row.server}.`, `Could not delete the reports of ${row.server}`)}
          >
            Delete reports
          </button>
        ) : null}
      </td>
    </tr>
  );
}
