import { describe, expect, it } from 'vitest';
import { metricCards, tierBadge, trendBadge } from '@/lib/display/metric-cards';
import { METRIC_NAMES } from '@/lib/display/metric-names';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { prepare } from '@/lib/metrics/prepare';
import type { TrendResult } from '@/lib/metrics/types';
import { at, historyFrom } from '../../factories';

const history = historyFrom({
  releases: [
    { version: 'r1', assembled: '2024-01-01T00:00:00Z' },
    { version: 'r2', assembled: '2024-01-02T00:00:00Z' },
    { version: 'r3', assembled: '2024-01-02T06:00:00Z' },
  ],
  deployments: [
    { environment: 'Production', release: 'r1', completed: '2024-01-01T02:00:00Z', started: '2024-01-01T01:50:00Z', queued: '2024-01-01T01:45:00Z' },
    { environment: 'Production', release: 'r2', completed: '2024-01-02T04:00:00Z', state: 'Failed' },
    { environment: 'Production', release: 'r3', completed: '2024-01-02T08:00:00Z' },
  ],
});
const insights = computeInsights(prepare(history), {
  now: at('2024-01-08T00:00:00Z'),
  range: { from: at('2024-01-01T00:00:00Z'), to: at('2024-01-08T00:00:00Z') },
  granularity: 'day',
  timeZone: 'UTC',
});

const trend = (patch: Partial<TrendResult>): TrendResult => ({ direction: 'up', change: 0.123, sentiment: 'good', current: 2, previous: 1, ...patch }) as TrendResult;

describe('metric cards', () => {
  const cards = metricCards(insights);

  it('are DORA’s five metrics, then duration and queue time, under Octopus’s names (DORA’s for rework, which Octopus has not)', () => {
    expect(cards.map((c) => c.id)).toEqual(['frequency', 'leadTime', 'failureRate', 'recovery', 'reworkRate', 'duration', 'queueTime']);
    expect(cards.map((c) => c.title)).toEqual(cards.map((c) => METRIC_NAMES[c.id]));
    expect(cards.map((c) => c.title)).toEqual([
      'Deployment frequency',
      'Deployment lead time',
      'Deployment failure rate',
      'Mean time to recovery',
      'Deployment rework rate',
      'Deployment duration',
      'Queue time',
    ]);
  });

  it('give each of DORA’s five its current DORA name and how ours differs in the help', () => {
    // dora.dev/guides/dora-metrics (2026): written out here, not taken from the module under test.
    expect(cards.slice(0, 5).map((c) => c.dora?.name)).toEqual(['deployment frequency', 'change lead time', 'change fail rate', 'failed deployment recovery time', 'deployment rework rate']);
    expect(cards[1].dora?.difference).toMatch(/release-based/);
    expect(cards[2].dora?.difference).toMatch(/deployment-based/);
    expect(cards[5].dora).toBeUndefined();
  });

  it('the rework card: rate, reasons, Wilson interval, and no tier, saying why', () => {
    // r2 failed (opens a run), r3 recovers it: 1 unplanned of 3.
    const rework = cards[4];
    expect(rework).toMatchObject({ value: '33.3%', rawValue: 1 / 3, detail: '1 unplanned of 3 (1 in failure runs)', sample: 'n = 3 deployments' });
    expect(rework.tier).toBeUndefined();
    expect(rework.noTier).toMatch(/DORA publishes no performance bands/);
    expect(rework.interval).toMatch(/^95% interval /);
  });

  it('carry the goal set on their metric', () => {
    const withGoals = metricCards(insights, [
      { metric: 'failureRate', target: 0.1, state: 'missed', confident: false, value: 1 / 3, interval: null, sample: 3 },
    ]);
    expect(withGoals.map((c) => c.goal?.status ?? null)).toEqual([null, null, 'Missed · not yet sure', null, null, null, null]);
  });

  it('show each value with its sample, and the number behind it', () => {
    const [frequency, lead, failure, recovery, , duration] = cards;
    expect(frequency).toMatchObject({ value: '2.0 / week', rawValue: 2, detail: '2 successful in 7 days', sample: 'n = 2 deployments' });
    expect(lead).toMatchObject({ value: '5h', rawValue: 5 * 3_600_000, sample: 'n = 2 deployments' });
    expect(failure).toMatchObject({ value: '33.3%', rawValue: 1 / 3, detail: '1 failed of 3 (0 guided failures)', sample: 'n = 3 deployments' });
    expect(recovery).toMatchObject({ value: '4h', sample: 'n = 1 recoveries' });
    // Durations of 10 and 5 minutes: mean and median 7.5 minutes, shown rounded.
    expect(duration).toMatchObject({ value: '8m', rawValue: 450_000, detail: 'mean · median 8m', sample: 'n = 2 deployments' });
  });

  it('give the DORA metrics a tier and the 28-day trend, and the others only the comparison', () => {
    for (const card of cards.slice(0, 4)) {
      expect(card.trends.map((t) => t.label)).toEqual(['vs previous period', '28-day trend']);
      expect(card.tier?.year).toBe(2024);
    }
    expect(cards[4].trends.map((t) => t.label)).toEqual(['vs previous period', '28-day trend']);
    for (const card of cards.slice(5)) {
      expect(card.trends.map((t) => t.label)).toEqual(['vs previous period']);
      expect(card.tier).toBeUndefined();
    }
  });
});

describe('trend and tier badges', () => {
  it('say the direction and size of a change, or why there is none', () => {
    expect(trendBadge(trend({}), 'x')).toEqual({ label: 'x', text: 'up 12%', arrow: '▲', sentiment: 'good' });
    expect(trendBadge(trend({ direction: 'down', change: -0.5, sentiment: 'bad' }), 'x').text).toBe('down 50%');
    expect(trendBadge(trend({ direction: 'up', change: null }), 'x').text).toBe('up');
    expect(trendBadge(trend({ direction: 'steady', change: 0.01, sentiment: 'neutral' }), 'x')).toMatchObject({ text: 'steady', arrow: '▶' });
    expect(trendBadge(trend({ direction: 'none', reason: 'too-few-deployments' }), 'x').text).toBe('not enough deployments');
    expect(trendBadge(trend({ direction: 'none', reason: 'no-current-value' }), 'x')).toMatchObject({ text: 'no data', arrow: '–' });
  });

  it('name the tier, and the range its interval spans', () => {
    expect(tierBadge({ tier: 'high', range: ['elite', 'medium'] } as never, 2024)).toEqual({ tier: 'high', text: 'High (Elite–Medium)', year: 2024 });
    expect(tierBadge({ tier: 'elite', range: ['elite', 'elite'] } as never, 2023).text).toBe('Elite');
    expect(tierBadge({ tier: null, reason: 'too-few-values' } as never, 2024)).toEqual({ tier: 'none', text: 'Too few to rate', year: 2024 });
    expect(tierBadge({ tier: null, reason: 'no-data' } as never, 2024).text).toBe('No tier');
  });
});
