import { describe, expect, it } from 'vitest';
import type { MetricCardView } from '@/lib/display/metric-cards';
import { escapeMarkdown } from '@/lib/share/markdown';
import { rangeText, selectScope } from '@/lib/share/range-text';
import { summaryMarkdown } from '@/lib/share/summary-markdown';

const card = (over: Partial<MetricCardView>): MetricCardView => ({
  id: 'frequency',
  title: 'Deployment frequency',
  value: '3.5 / week',
  statistic: 'successful deployments a week',
  rawValue: 3.5,
  rawSample: 45,
  detail: '',
  sample: 'n = 45 deployments',
  changes: [],
  definition: '',
  ...over,
});

describe('escaping names for Markdown', () => {
  it('turns emphasis, code, links, HTML, entities, strikethrough and table pipes into literal characters, on one line', () => {
    expect(escapeMarkdown('*Ops* _x_ `y` [prod](http://e.x) <b>&amp; ~~z~~ a|b')).toBe('\\*Ops\\* \\_x\\_ \\`y\\` \\[prod\\](http://e.x) \\<b\\>\\&amp; \\~\\~z\\~\\~ a\\|b');
    expect(escapeMarkdown('two\nlines\\')).toBe('two lines\\\\');
    expect(escapeMarkdown('web-app v1.2 (EU)')).toBe('web-app v1.2 (EU)');
  });
});

describe('the Markdown summary', () => {
  const cards = [
    card({
      tier: { tier: 'high', text: 'High', explanation: '', year: 2024 },
      changes: [{ label: 'This range', text: 'vs 3 Sep – 2 Dec: 36 → 114 successful', verdict: '×3.2, beyond noise (p < 0.001)', arrow: '▲', sentiment: 'good', significant: true }],
    }),
    card({
      id: 'leadTime',
      title: 'Deployment lead time',
      value: '1d 2h',
      sample: 'n = 40 deployments',
      changes: [{ label: 'Last 28 days', text: 'vs 8 Oct – 4 Nov: median 1d → 1d 2h', verdict: '+8%, within noise (p = 0.41)', arrow: '', sentiment: 'neutral', significant: false }],
    }),
    card({ id: 'duration', title: 'Deployment duration', value: '4m', sample: 'n = 45 deployments' }),
  ];

  it('states the scope and range, then each card’s value, sample and tier as a table, then the notable changes', () => {
    const md = summaryMarkdown({ title: 'Web <EU> → Production', scope: [{ term: 'Channel', detail: 'Hot|fix' }], range: '1 Aug 2026 – 20 Nov 2026 (Europe/London)', cards });
    expect(md.split('\n')).toEqual([
      '### DORA Lens: Web \\<EU\\> → Production',
      '_1 Aug 2026 – 20 Nov 2026 (Europe/London)_',
      '- Channel: Hot\\|fix',
      '',
      '| Metric | Value | Sample | DORA tier |',
      '| --- | --- | --- | --- |',
      '| Deployment frequency | 3.5 / week | n = 45 deployments | High (DORA 2024) |',
      '| Deployment lead time | 1d 2h | n = 40 deployments |  |',
      '| Deployment duration | 4m | n = 45 deployments |  |',
      '',
      '**Notable changes**',
      '- Deployment frequency, This range vs 3 Sep – 2 Dec: 36 → 114 successful: ▲ ×3.2, beyond noise (p < 0.001)',
      '',
      '_Tiers and intervals are DORA Lens’s own statistics; totals cover only what the Octopus account may see._',
    ]);
  });

  it('adds goals and further changes when there are any, and no empty sections', () => {
    const md = summaryMarkdown({ title: 'R', scope: [], range: 'r', cards: [cards[2]], goals: [{ metric: 'Deployment lead time', text: 'under 1d: met' }], changes: ['Since 1 Oct: lead time down'] });
    expect(md).toContain('**Goals**\n- Deployment lead time: under 1d: met');
    expect(md).toContain('**Notable changes**\n- Since 1 Oct: lead time down');
    expect(summaryMarkdown({ title: 'R', scope: [], range: 'r', cards: [cards[2]] })).not.toContain('**');
  });

  it('lists the goals the cards carry, as their badges word them', () => {
    const withGoal = card({
      id: 'failureRate',
      title: 'Deployment failure rate',
      value: '18.0%',
      goal: { metric: 'failureRate', state: 'missed', confident: true, target: 'Goal ≤ 10.0%', status: 'Missed · 95% sure', title: '' },
    });
    const md = summaryMarkdown({ title: 'R', scope: [], range: 'r', cards: [cards[2], withGoal] });
    expect(md).toContain('**Goals**\n- Deployment failure rate: Goal ≤ 10.0%: Missed · 95% sure\n');
    expect(md.match(/^- /gm)).toHaveLength(1);
  });
});

describe('a view’s range and scope in words', () => {
  it('names the first and last day in the view’s zone, the end being exclusive', () => {
    expect(rangeText({ from: Date.UTC(2026, 7, 1), to: Date.UTC(2026, 10, 21), timeZone: 'UTC' }, 'en-GB')).toBe('1 Aug 2026 – 20 Nov 2026 (UTC)');
    // Local midnights of Kolkata (UTC+5:30).
    expect(rangeText({ from: Date.UTC(2026, 6, 31, 18, 30), to: Date.UTC(2026, 10, 20, 18, 30), timeZone: 'Asia/Kolkata' }, 'en-GB')).toBe('1 Aug 2026 – 20 Nov 2026 (Asia/Kolkata)');
  });

  it('reads each filter’s chosen option', () => {
    const selects = [{ label: 'Environment', value: 'Environments-2', options: [{ value: 'Environments-1', label: 'Dev' }, { value: 'Environments-2', label: 'Prod' }] }];
    expect(selectScope(selects)).toEqual([{ term: 'Environment', detail: 'Prod' }]);
  });

});
