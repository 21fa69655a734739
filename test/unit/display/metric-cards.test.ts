import { describe, expect, it } from 'vitest';
import { changeLine, magnitude } from '@/lib/display/change-lines';
import { CARD_METRICS, metricCards, tierBadge } from '@/lib/display/metric-cards';
import { METRIC_NAMES } from '@/lib/display/metric-names';
import { computeInsights } from '@/lib/metrics/compute-insights';
import type { MetricChange } from '@/lib/metrics/metric-change';
import { prepare } from '@/lib/metrics/prepare';
import type { TierResult } from '@/lib/metrics/types';
import { at, DAY, historyFrom } from '../../factories';

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

describe('metric cards', () => {
  const cards = metricCards(insights, { scope: 'Production environments', locale: 'en-GB' });

  it('are DORA’s five metrics, then duration and queue time, under Octopus’s names (DORA’s for rework, which Octopus has not), from one list', () => {
    expect(cards.map((c) => c.id)).toEqual(CARD_METRICS);
    expect(cards.map((c) => c.id)).toEqual(['frequency', 'leadTime', 'failureRate', 'recovery', 'reworkRate', 'duration', 'queueTime']);
    expect(cards.map((c) => c.title)).toEqual([
      'Deployment frequency',
      'Deployment lead time',
      'Deployment failure rate',
      'Mean time to recovery',
      'Deployment rework rate',
      'Deployment duration',
      'Queue time',
    ]);
    expect(cards.map((c) => c.title)).toEqual(cards.map((c) => METRIC_NAMES[c.id]));
    // A card list is any subset, in the order asked.
    expect(metricCards(insights, {}, ['failureRate', 'leadTime']).map((c) => c.id)).toEqual(['failureRate', 'leadTime']);
  });

  it('headline one statistic per kind, labelled: a weekly rate, a proportion, the median of every duration', () => {
    const [frequency, lead, failure, recovery, , duration, queue] = cards;
    expect(frequency).toMatchObject({ value: '2.0 / week', statistic: 'successful deployments a week', rawValue: 2, rawSample: 2, detail: '2 successful in 7 days', sample: 'n = 2 deployments' });
    // Lead times 2 h (r1) and 8 h (r3 from r2, the earliest release not yet delivered): median 5 h.
    expect(lead).toMatchObject({ value: '5h', statistic: 'median', rawValue: 5 * 3_600_000, rawSample: 2, sample: 'n = 2 deployments' });
    expect(failure).toMatchObject({ value: '33.3%', statistic: 'of deployments failed', rawValue: 1 / 3, rawSample: 3, detail: '1 failed of 3', sample: 'n = 3 deployments' });
    expect(recovery).toMatchObject({ value: '4h', statistic: 'median', sample: 'n = 1 recovery' });
    // Durations of 10 and 5 minutes: median 7.5 minutes (shown rounded), the mean beside it as Octopus's figure;
    // p95 = 5 + 0.95 × 5 = 9.75 minutes.
    expect(duration).toMatchObject({ value: '8m', statistic: 'median', rawValue: 450_000, detail: 'mean 8m (Octopus’s figure) · p95 10m', sample: 'n = 2 deployments' });
    // Queue time is a median like every duration, never the mean.
    expect(queue.statistic).toBe('median');
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
    expect(rework).toMatchObject({ value: '33.3%', statistic: 'of deployments were unplanned', rawValue: 1 / 3, detail: '1 unplanned of 3 (1 in failure runs)', sample: 'n = 3 deployments' });
    expect(rework.tier).toBeUndefined();
    expect(rework.noTier).toMatch(/DORA publishes no performance bands/);
    expect(rework.interval).toMatch(/^95% interval /);
  });

  it('carry the goal set on their metric', () => {
    const withGoals = metricCards(insights, { goals: [{ metric: 'failureRate', target: 0.1, state: 'missed', confident: false, value: 1 / 3, interval: null, sample: 3 }] });
    expect(withGoals.map((c) => c.goal?.status ?? null)).toEqual([null, null, 'Missed · not yet sure', null, null, null, null]);
  });

  it('state what they cover on every card', () => {
    for (const card of cards) expect(card.scope).toBe('Production environments');
  });

  it('read both comparisons the same way: dates, figures, and whether the change is beyond noise', () => {
    for (const card of cards) {
      expect(card.changes.map((c) => c.label)).toEqual(['This range', 'Last 28 days']);
      // The previous week is before the history starts: nothing to compare with, said so, no arrow.
      const dates = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).formatRange(at('2023-12-25T00:00:00Z'), at('2023-12-31T23:59:59.999Z'));
      expect(card.changes[0]).toMatchObject({ text: `vs ${dates}`, arrow: '', sentiment: 'neutral', significant: false });
      expect(card.changes[0].verdict).toContain('no history');
    }
  });

  it('give the DORA metrics a tier in words, and the others none', () => {
    expect(cards[0].tier).toMatchObject({ tier: 'high', text: 'High', explanation: 'DORA 2024 tier.' });
    expect(cards[1].tier).toMatchObject({ tier: 'none', text: 'Not rated', explanation: '2 values, at least 5 needed.' });
    for (const card of cards.slice(4)) expect(card.tier).toBeUndefined();
  });
});

describe('tier badges', () => {
  const tier = (patch: Partial<TierResult>): TierResult => ({ tier: 'high', value: 1, sample: 40, minSample: 5, beyondLowestBand: false, range: null, reason: null, ...patch });

  it('name the tier and explain the interval in words, never as codes like "High (High–Low)"', () => {
    expect(tierBadge(tier({ range: ['elite', 'medium'] }), 2024)).toEqual({
      tier: 'high',
      text: 'High',
      explanation: 'DORA 2024 tier. With 95% confidence somewhere from Medium to Elite: more deployments would narrow it.',
      year: 2024,
    });
    expect(tierBadge(tier({ tier: 'elite', range: ['elite', 'elite'] }), 2023).explanation).toBe('DORA 2023 tier. Elite with 95% confidence.');
  });

  it('say why there is none', () => {
    expect(tierBadge(tier({ tier: null, sample: 3, minSample: 10, reason: 'too-few-values' }), 2024)).toMatchObject({ tier: 'none', text: 'Not rated', explanation: '3 values, at least 10 needed.' });
    expect(tierBadge(tier({ tier: null, sample: 0, reason: 'no-data' }), 2024).explanation).toBe('Nothing to rate in this period.');
  });
});

describe('change lines', () => {
  const now = Date.UTC(2026, 11, 3);
  const change = (patch: Partial<MetricChange>): MetricChange => ({
    metric: 'frequency',
    test: 'rate-ratio',
    before: { from: now - 182 * DAY, to: now - 91 * DAY, value: 2.77, n: 36, count: 36, days: 91 },
    after: { from: now - 91 * DAY, to: now, value: 8.77, n: 114, count: 114, days: 91 },
    change: 114 / 36 - 1,
    direction: 'up',
    pValue: 1e-10,
    significant: true,
    sentiment: 'good',
    reason: null,
    ...patch,
  });
  const options = { timeZone: 'UTC', now, locale: 'en-GB' };

  it('say which dates and both sides’ counts, like "vs 3 Sep – 2 Dec: 36 → 114"', () => {
    expect(changeLine(change({}), 'previous', options)).toEqual({
      label: 'This range',
      text: `vs ${new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }).formatRange(now - 182 * DAY, now - 91 * DAY - 1)}: 36 → 114 successful`,
      verdict: '×3.2, beyond noise (p < 0.001)',
      arrow: '▲',
      sentiment: 'good',
      significant: true,
    });
  });

  it('keep a change within noise neutral and without an arrow, so two lines never contradict each other in colour', () => {
    const line = changeLine(change({ change: -0.33, direction: 'down', pValue: 0.31, significant: false, sentiment: 'neutral', after: { ...change({}).after, count: 24, value: 1.85 } }), 'trend28', options);
    expect(line).toMatchObject({ label: 'Last 28 days', verdict: '−33%, within noise (p = 0.31)', arrow: '', sentiment: 'neutral' });
  });

  it('say "not enough data" with the sample sizes instead of a percentage', () => {
    expect(changeLine(change({ reason: 'not-enough-data', pValue: null, significant: false, sentiment: 'neutral', before: { ...change({}).before, n: 3 }, after: { ...change({}).after, n: 131 } }), 'previous', options).verdict).toBe(
      'not enough data to tell (n = 3 and 131)',
    );
  });

  it('give durations by their medians and a large move as a factor, not "up 2090 %"', () => {
    const queue = change({ metric: 'queueTime', test: 'rank-sum', before: { ...change({}).before, value: 6_000 }, after: { ...change({}).after, value: 131_400 }, change: 20.9, sentiment: 'bad' });
    expect(changeLine(queue, 'previous', options).text).toMatch(/: median 6s → 2m$/);
    expect(magnitude(queue)).toBe('×21.9');
    expect(magnitude(change({ metric: 'failureRate', before: { ...change({}).before, value: 0.05 }, after: { ...change({}).after, value: 0.083 } }))).toBe('+3.3 points');
    expect(magnitude(change({ change: 0.124 }))).toBe('+12%');
  });

  it('give a frequency over unequal days with history as weekly rates', () => {
    expect(changeLine(change({ before: { ...change({}).before, days: 40, value: 6.3 } }), 'previous', options).text).toMatch(/: 6\.3 → 8\.8 a week$/);
  });
});
