/**
 * A query sorts its own window's values, or reads them out of the whole history's sorted values (built by the
 * first wide query): both must give the same lists, and so the same numbers, for every window and metric.
 */
import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../lib/metrics/compute-insights';
import { prepare, type ValueMetric } from '../../../lib/metrics/prepare';
import { resolveWindow } from '../../../lib/metrics/resolve-window';
import { streamMask } from '../../../lib/metrics/stream-mask';
import type { InsightsQuery } from '../../../lib/metrics/types';
import { VALUE_METRICS, windowPass } from '../../../lib/metrics/window-pass';
import { windowValuesBySorting, windowValuesFromHistory } from '../../../lib/metrics/window-values';
import { csvHistory } from '../../support/csv-history';

const history = csvHistory(31, 4000);
const now = Date.UTC(2026, 0, 1);
const queries: InsightsQuery[] = [];
for (const range of [{ preset: 'last7Days' }, { preset: 'lastMonth' }, { preset: 'lastQuarter' }, { preset: 'lastYear' }] as const) {
  for (const filter of [undefined, { environments: [3] }, { projects: [1], environments: [2] }, { tenants: { untenanted: false } }]) {
    for (const excludeFlagged of [false, true]) queries.push({ now, range, granularity: 'week', timeZone: 'Europe/London', filter, excludeFlagged });
  }
}

describe('window values: sorted per query or read out of the whole history', () => {
  const p = prepare(history);

  it.each(VALUE_METRICS)('%s: the same list both ways, for every window and filter', (metric: ValueMetric) => {
    let values = 0;
    for (const query of queries) {
      const counts = windowPass(p, resolveWindow(query), streamMask(p.streams, p.history.dims, query.filter), query.excludeFlagged ?? false);
      const args = [
        p,
        metric,
        metric === 'queueTime' ? counts.started : counts.completed,
        query.excludeFlagged ?? false,
        counts.values[metric].reduce((a, b) => a + b, 0),
      ] as const;
      const sorted = windowValuesBySorting(...args);
      expect(windowValuesFromHistory(...args), JSON.stringify(query)).toEqual(sorted);
      // Without the deployments (what most metrics ask for): the same values and slots.
      const bare = { ...sorted, rows: new Uint32Array(0) };
      expect(windowValuesBySorting(...args, false), JSON.stringify(query)).toEqual(bare);
      expect(windowValuesFromHistory(...args, false), JSON.stringify(query)).toEqual(bare);
      values += sorted.values.length;
    }
    expect(values).toBeGreaterThan(100); // not vacuous
  });

  it('gives the same insights from a fresh prepared history as from one whose whole-history values exist', () => {
    const warm = prepare(history);
    // The list is built by the second query over most of the history (the first sorts its own window).
    const everything: InsightsQuery = { now, range: { from: 0, to: now }, granularity: 'month' };
    const first = computeInsights(warm, everything);
    expect(computeInsights(warm, everything)).toEqual(first);
    for (const query of queries) expect(computeInsights(warm, query), JSON.stringify(query)).toEqual(computeInsights(prepare(history), query));
  });
});
