/**
 * The headline cards of a view (a project's panel or a space report) as data: DORA's five metrics, then
 * deployment duration and queue time, each with its value, sample, trends and — labelled as DORA Lens's own —
 * tier, interval and goal. Pure, so the cards' wording is what the tests check; `<MetricCards>` only lays
 * them out.
 */
import type { GoalStatus } from '@/lib/goals/evaluate-goals';
import type { DeliveryMetric, DoraMetric, Insights, SampleStats, TierResult, TierYear, TrendResult } from '@/lib/metrics/types';
import { formatCount, formatDurationShort, formatPercent, formatRate, TIER_LABELS } from './format';
import { type GoalBadgeView, goalBadge } from './goal-text';
import { DORA_DIFFERENCES, DORA_NAMES, METRIC_DEFINITIONS, METRIC_NAMES, type MetricId, NO_TIER_NOTE } from './metric-names';

export interface MetricCardView {
  id: MetricId;
  title: string;
  value: string;
  /** The number behind `value` (ms, count or fraction), for tests and tools reading the page. */
  rawValue: number | null;
  /** A second figure, e.g. the mean beside a median. */
  detail: string;
  /** e.g. "n = 42 deployments". */
  sample: string;
  /** Against the previous period of equal length, then (DORA metrics) Octopus's 28-day indicator. */
  trends: TrendBadgeView[];
  /** DORA Lens's tier; the DORA metrics only. */
  tier?: TierBadgeView;
  /** e.g. "95% interval 3.1%–9.8%". */
  interval?: string;
  definition: string;
  /** DORA's current name for the metric and how DORA Lens's measure differs (DORA's five only). */
  dora?: { name: string; difference: string };
  /** Why there is no tier, where DORA publishes no bands. */
  noTier?: string;
  /** The view's goal for the metric, when one is set. */
  goal?: GoalBadgeView;
}

export interface TrendBadgeView {
  label: string;
  text: string;
  arrow: string;
  sentiment: TrendResult['sentiment'];
}

export interface TierBadgeView {
  /** `elite` … `low`, or `none` (too few values, nothing to rate). */
  tier: string;
  text: string;
  year: TierYear;
}

const ARROWS = { up: '▲', down: '▼', steady: '▶', none: '–' } as const;

/**
 * @example
 * trendBadge({ direction: 'up', change: 0.12, sentiment: 'good', … }, '28-day trend')
 * //=> { label: '28-day trend', text: 'up 12%', arrow: '▲', sentiment: 'good' }
 */
export function trendBadge(trend: TrendResult, label: string): TrendBadgeView {
  const text =
    trend.direction === 'none'
      ? trend.reason === 'too-few-deployments'
        ? 'not enough deployments'
        : 'no data'
      : trend.direction === 'steady'
        ? 'steady'
        : `${trend.direction} ${trend.change === null ? '' : `${Math.abs(trend.change * 100).toFixed(0)}%`}`.trim();
  return { label, text, arrow: ARROWS[trend.direction], sentiment: trend.sentiment };
}

/**
 * A card's tier, with the range its interval allows when that spans several tiers.
 *
 * @example
 * tierBadge({ tier: 'high', range: ['elite', 'medium'], … }, 2024) //=> { tier: 'high', text: 'High (Elite–Medium)', year: 2024 }
 */
export function tierBadge(tier: TierResult, year: TierYear): TierBadgeView {
  const name = tier.tier ? TIER_LABELS[tier.tier] : tier.reason === 'too-few-values' ? 'Too few to rate' : 'No tier';
  const range = tier.tier && tier.range && tier.range[0] !== tier.range[1] ? ` (${TIER_LABELS[tier.range[0]]}–${TIER_LABELS[tier.range[1]]})` : '';
  return { tier: tier.tier ?? 'none', text: `${name}${range}`, year };
}

const medianInterval = (stats: SampleStats): string | undefined => {
  const ci = stats.beyondOctopus.medianCi95;
  return ci ? `95% interval of median ${formatDurationShort(ci.lower)}–${formatDurationShort(ci.upper)}` : undefined;
};

const VS_PREVIOUS = 'vs previous period';

/** What every card has: its name, definition and comparison with the previous period. */
const card = (id: MetricId, insights: Insights) => ({
  id,
  title: METRIC_NAMES[id],
  definition: METRIC_DEFINITIONS[id],
  trends: [trendBadge(insights.comparison[id], VS_PREVIOUS)],
});

/** One of DORA's five adds Octopus's 28-day trend, DORA's name and the goal when one is set. */
const delivery = (id: DeliveryMetric, insights: Insights, goals: readonly GoalStatus[]) => {
  const goal = goals.find((g) => g.metric === id);
  return {
    ...card(id, insights),
    trends: [trendBadge(insights.comparison[id], VS_PREVIOUS), trendBadge(insights.trend28.indicators[id], '28-day trend')],
    dora: { name: DORA_NAMES[id], difference: DORA_DIFFERENCES[id] },
    ...(goal ? { goal: goalBadge(goal) } : {}),
  };
};

/** The four with DORA's bands add DORA Lens's tier. */
const dora = (id: DoraMetric, insights: Insights, goals: readonly GoalStatus[]) => ({
  ...delivery(id, insights, goals),
  tier: tierBadge(insights.beyondOctopus.tiers[id], insights.beyondOctopus.tiers.year),
});

/** A mean-first card (duration, queue time): Octopus shows the mean for these. */
const meanCard = (id: 'duration' | 'queueTime', insights: Insights): MetricCardView => {
  const stats = insights.summary[id];
  return {
    ...card(id, insights),
    value: formatDurationShort(stats.mean),
    rawValue: stats.mean,
    detail: `mean · median ${formatDurationShort(stats.median)}`,
    sample: `n = ${formatCount(stats.count)} deployments`,
  };
};

/** The rework rate's card: DORA's fifth metric, no tier (DORA publishes no bands), reasons in its detail. */
const reworkCard = (insights: Insights, goals: readonly GoalStatus[]): MetricCardView => {
  const rework = insights.summary.beyondOctopus.reworkRate;
  const { redeploy, rollback, failureRun, hotfix } = rework.reasons;
  const reasons = [
    [redeploy, 'redeploys'],
    [rollback, 'rollbacks'],
    [failureRun, 'in failure runs'],
    [hotfix, 'hotfixes'],
  ].flatMap(([n, what]) => ((n as number) > 0 ? [`${formatCount(n as number)} ${what}`] : []));
  return {
    ...delivery('reworkRate', insights, goals),
    value: formatPercent(rework.rate),
    rawValue: rework.rate,
    detail: `${formatCount(rework.rework)} unplanned of ${formatCount(rework.total)}${reasons.length ? ` (${reasons.join(', ')})` : ''}`,
    sample: `n = ${formatCount(rework.total)} deployments`,
    interval: rework.wilson95 ? `95% interval ${formatPercent(rework.wilson95.lower)}–${formatPercent(rework.wilson95.upper)}` : undefined,
    noTier: NO_TIER_NOTE.reworkRate,
  };
};

/**
 * The cards of a view, with each goal set (`goals`, from lib/goals) on its metric's card.
 *
 * @example
 * metricCards(insights).map((c) => [c.title, c.value])
 * //=> [['Deployment frequency', '3.5 / week'], ['Deployment lead time', '2h 15m'], …, ['Queue time', '12s']]
 */
export function metricCards(insights: Insights, goals: readonly GoalStatus[] = []): MetricCardView[] {
  const s = insights.summary;
  const rate = s.failureRate;
  const wilson = rate.beyondOctopus.wilson95;
  const unrecovered = insights.beyondOctopus.unrecovered.count;
  return [
    {
      ...dora('frequency', insights, goals),
      value: `${formatRate(s.frequency.perWeek)} / week`,
      rawValue: s.frequency.successful,
      detail: `${formatCount(s.frequency.successful)} successful in ${Math.round(s.days)} days`,
      sample: `n = ${formatCount(s.frequency.successful)} deployments`,
    },
    {
      ...dora('leadTime', insights, goals),
      value: formatDurationShort(s.leadTime.median),
      rawValue: s.leadTime.median,
      detail: `median · mean ${formatDurationShort(s.leadTime.mean)} · p95 ${formatDurationShort(s.leadTime.p95)}`,
      sample: `n = ${formatCount(s.leadTime.count)} deployments`,
      interval: medianInterval(s.leadTime),
    },
    {
      ...dora('failureRate', insights, goals),
      value: formatPercent(rate.rate),
      rawValue: rate.rate,
      detail: `${formatCount(rate.failed)} failed of ${formatCount(rate.total)} (${formatCount(rate.guidedFailure)} guided failures${rate.blocked > 0 ? `, ${formatCount(rate.blocked)} blocked by prevent progression` : ''})`,
      sample: `n = ${formatCount(rate.total)} deployments`,
      interval: wilson ? `95% interval ${formatPercent(wilson.lower)}–${formatPercent(wilson.upper)}` : undefined,
    },
    {
      ...dora('recovery', insights, goals),
      value: formatDurationShort(s.recovery.median),
      rawValue: s.recovery.median,
      detail: `median · mean ${formatDurationShort(s.recovery.mean)}${unrecovered ? ` · ${unrecovered} not yet recovered` : ''}`,
      sample: `n = ${formatCount(s.recovery.count)} recoveries`,
      interval: medianInterval(s.recovery),
    },
    reworkCard(insights, goals),
    meanCard('duration', insights),
    meanCard('queueTime', insights),
  ];
}
