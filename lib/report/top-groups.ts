/** Octopus's reports draw only the first 10 lines of a split (docs/octopus-api.md §1.5). */
export const SPLIT_LINES = 10;

export interface TopGroups {
  /** Group indices with their own line, busiest first. */
  top: number[];
  /** The other groups with deployments, summed into one "Others" line (busiest first). */
  rest: number[];
  /** Every group with deployments, busiest first (the split table's order). */
  ranked: number[];
}

/**
 * The groups that get their own chart line: the `limit` with the most deployments (successful + failed;
 * ties by label, then index), the rest with deployments become "Others". Groups without deployments get no
 * line at all.
 *
 * @example
 * topGroups([5, 0, 9, 1], ['a', 'b', 'c', 'd'], 2)
 * //=> { top: [2, 0], rest: [3], ranked: [2, 0, 3] }
 */
export function topGroups(totals: readonly number[], labels: readonly string[], limit = SPLIT_LINES): TopGroups {
  const ranked = totals
    .map((_, g) => g)
    .filter((g) => totals[g] > 0)
    .sort((a, b) => totals[b] - totals[a] || labels[a].localeCompare(labels[b]) || a - b);
  return { top: ranked.slice(0, limit), rest: ranked.slice(limit), ranked };
}
