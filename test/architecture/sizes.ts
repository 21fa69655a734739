/**
 * Size limits of product code (checked by ./rules.ts), and the functions allowed to be longer, each with why.
 * A function leaves this list when it is split; the check says when an entry no longer matches anything.
 */

/** Lines of a file in components/ or entrypoints/. */
export const MAX_FILE_LINES = 300;
/** Lines of a product function. */
export const MAX_FUNCTION_LINES = 80;

/** `<file> <function>` → why it is one function. */
export const LONG_FUNCTIONS: Record<string, string> = {
  'lib/metrics/window-pass.ts windowPass': 'hot loop: one pass over the window’s deployments fills every count, value and group at once (DESIGN.md budgets)',
  'lib/metrics/compute-insights.ts computeInsights': 'hot path: every figure of a view from one window pass, the buckets and the previous period, without intermediate objects',
  'lib/metrics/walk-streams.ts walkStreams': 'hot loop: one walk in completion order with per-stream state gives lead time, recovery and the previous success of every deployment',
  'lib/metrics/sort-by-key.ts radixSortPairs': 'hot loop: 8-bit radix passes over keys and rows, unrolled for speed',
  'lib/export/deployments-csv.ts deploymentsCsvChunks': 'hot loop: the CSV written from the row columns in chunks, one cell after another, no object per row',
  'lib/sync/engine.ts initialSync': 'the first sync’s steps in the order they run, each resuming from its checkpoint: read top to bottom as one sequence',
  'lib/sync/engine.ts incrementalSync': 'a later sync’s steps in the order they run (events, re-check, write): read top to bottom as one sequence',
  'lib/store/cache.ts openCache': 'the cache’s methods as closures over one database connection (idb), each a few lines',
};
