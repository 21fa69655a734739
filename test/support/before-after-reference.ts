/**
 * Before vs after a change, written from the definitions and independent of lib/metrics: equal windows of
 * `days` whole days on either side of `at`, each window's figures by ./reference-metrics.ts, and the
 * differences with their 95 % intervals by the textbook formulas, computed naively —
 * - frequency per week: the Poisson rate difference x₂/t − x₁/t ± 1.96 √(x₁ + x₂)/t (t in weeks, equal);
 * - failure rate: p̂₂ − p̂₁ ± 1.96 √(p̂₁(1 − p̂₁)/n₁ + p̂₂(1 − p̂₂)/n₂) (Wald, unpooled);
 * - lead time and recovery: the Hodges-Lehmann shift, the median of every difference after − before.
 */
import type { ExpectedDeployment, ExpectedRelease } from './ground-truth';
import { median, type ReferenceFilter, referenceMetrics } from './reference-metrics';

const DAY = 86_400_000;
// The standard normal 97.5 % quantile, to double precision.
const Z = 1.959963984540054;

export function beforeAfterReference(deployments: ExpectedDeployment[], releases: ExpectedRelease[], filter: Omit<ReferenceFilter, 'from' | 'to'>, at: number, days: number) {
  const before = referenceMetrics(deployments, releases, { ...filter, from: at - days * DAY, to: at });
  const after = referenceMetrics(deployments, releases, { ...filter, from: at, to: at + days * DAY });
  const weeks = days / 7;
  const values = (r: typeof before, key: 'leadTimeMs' | 'recoveryMs') => r.rows.flatMap((row) => (row[key] === null ? [] : [row[key] as number]));
  const shift = (key: 'leadTimeMs' | 'recoveryMs') => {
    const a = values(before, key);
    const b = values(after, key);
    return { before: median(a), after: median(b), beforeN: a.length, afterN: b.length, shift: median(b.flatMap((y) => a.map((x) => y - x))) };
  };
  const p1 = before.rate ?? 0;
  const p2 = after.rate ?? 0;
  const rateHalf = Z * Math.sqrt((p1 * (1 - p1)) / before.total + (p2 * (1 - p2)) / after.total);
  const perWeek = after.successful / weeks - before.successful / weeks;
  const frequencyHalf = (Z * Math.sqrt(before.successful + after.successful)) / weeks;
  return {
    frequency: {
      before: before.successful / weeks,
      after: after.successful / weeks,
      beforeN: before.successful,
      afterN: after.successful,
      difference: perWeek,
      lower: perWeek - frequencyHalf,
      upper: perWeek + frequencyHalf,
    },
    failureRate: { before: before.rate, after: after.rate, beforeN: before.total, afterN: after.total, difference: p2 - p1, lower: p2 - p1 - rateHalf, upper: p2 - p1 + rateHalf },
    leadTime: shift('leadTimeMs'),
    recovery: shift('recoveryMs'),
  };
}
