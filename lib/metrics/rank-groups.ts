import type { Dimensions } from './facts';
import type { DeliveryMetric, MetricRanking, RankingDimension, RankingEntry } from './types';
import type { GroupCounts } from './window-pass';

export interface RankingInput {
  dims: Dimensions;
  counts: Record<RankingDimension, GroupCounts>;
  leadTimeMedians: Record<RankingDimension, Float64Array>;
  recoveryMedians: Record<RankingDimension, Float64Array>;
  /** Window length in days (for deployments per week). */
  days: number;
  limit: number;
  minDeployments: number;
  minValues: number;
}

function groupName(dims: Dimensions, dimension: RankingDimension, g: number): { index: number; name: string } {
  if (dimension === 'project') return { index: g, name: dims.projects[g]?.name ?? `#${g}` };
  if (dimension === 'environment') return { index: g, name: dims.environments[g]?.name ?? `#${g}` };
  return g === 0 ? { index: -1, name: 'Untenanted' } : { index: g - 1, name: dims.tenants[g - 1]?.name ?? `#${g - 1}` };
}

function rank(
  input: RankingInput,
  dimension: RankingDimension,
  value: (g: number) => number,
  sample: (g: number) => number,
  minSample: number,
  higherIsBetter: boolean,
): MetricRanking {
  const size = input.counts[dimension].total.length;
  const ranked: RankingEntry[] = [];
  let belowMinimum = 0;
  for (let g = 0; g < size; g++) {
    const n = sample(g);
    if (n === 0) continue;
    if (n < minSample) {
      belowMinimum++;
      continue;
    }
    const v = value(g);
    if (Number.isNaN(v)) continue;
    ranked.push({ ...groupName(input.dims, dimension, g), value: v, sample: n });
  }
  ranked.sort((a, b) => (higherIsBetter ? b.value - a.value : a.value - b.value) || b.sample - a.sample || a.index - b.index);
  const enough = ranked.length >= 2;
  const best = enough ? ranked.slice(0, Math.min(input.limit, Math.ceil(ranked.length / 2))) : [];
  const worst = enough ? ranked.slice(ranked.length - Math.min(input.limit, Math.floor(ranked.length / 2))).reverse() : [];
  return { ranked, best, worst, belowMinimum, minSample };
}

/**
 * Highest and lowest performing projects, environments and tenants (untenanted is a group of its own) per
 * DORA metric over the current window. A group is ranked on a metric only with enough data: at least
 * `minDeployments` successful + failed deployments for frequency (successful deployments per week), failure
 * rate and rework rate, at least `minValues` values for median lead time and median time to recovery. Ranking needs
 * two eligible groups; `best` and `worst` never share an entry (each takes at most half, up to `limit`).
 * Ties: larger sample first, then index.
 *
 * @example
 * rankGroups(input).project.leadTime.best[0]
 * //=> { index: 3, name: 'Payments', value: 5400000, sample: 42 }
 */
export function rankGroups(input: RankingInput): Record<RankingDimension, Record<DeliveryMetric, MetricRanking>> {
  const out = {} as Record<RankingDimension, Record<DeliveryMetric, MetricRanking>>;
  for (const dimension of ['project', 'environment', 'tenant'] as const) {
    const c = input.counts[dimension];
    const weeks = input.days / 7;
    out[dimension] = {
      frequency: rank(
        input,
        dimension,
        (g) => (weeks > 0 ? c.successful[g] / weeks : Number.NaN),
        (g) => c.total[g],
        input.minDeployments,
        true,
      ),
      failureRate: rank(
        input,
        dimension,
        (g) => c.failed[g] / c.total[g],
        (g) => c.total[g],
        input.minDeployments,
        false,
      ),
      reworkRate: rank(
        input,
        dimension,
        (g) => c.rework[g] / c.total[g],
        (g) => c.total[g],
        input.minDeployments,
        false,
      ),
      leadTime: rank(input, dimension, (g) => input.leadTimeMedians[dimension][g], (g) => c.leadTime[g], input.minValues, false),
      recovery: rank(input, dimension, (g) => input.recoveryMedians[dimension][g], (g) => c.recovery[g], input.minValues, false),
    };
  }
  return out;
}
