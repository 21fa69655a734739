/**
 * Our side of the two steps the bench times against DuckDB (./duckdb.ts), in one place for Node
 * (./metrics.ts) and the browsers (./first-in-page.ts, mode `warm`), so both time the same work.
 */
import { type History, type InsightsQuery, type PreparedHistory, prepare, rowColumns } from '../../lib/metrics';
import { windowSummary } from '../../lib/metrics/group-summaries';
import { historyPart, partFor } from '../../lib/metrics/history-part';

/** Every deployment's row of a prepared history: all streams, all time. */
export const allRows = (p: PreparedHistory) => rowColumns(p, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, new Uint8Array(p.streams.count).fill(1));

/** The rows step: `prepare` + every deployment's row. */
export const everyRow = (history: History) => allRows(prepare(history));

/** The summary step: the view's part of the history (its filter), `prepare`, and its whole summary. */
export const oneSummary = (history: History, query: InsightsQuery) => windowSummary(prepare(historyPart(history, partFor(query.filter))), query);
