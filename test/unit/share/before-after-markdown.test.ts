import { describe, expect, it } from 'vitest';
import { beforeAfterChanges } from '../../../lib/share/before-after-markdown';

describe('beforeAfterChanges', () => {
  it('puts each metric of a comparison on a line, the user’s label escaped for Markdown', () => {
    const lines = beforeAfterChanges('Canary *deploys* <b>[x](y)</b>', {
      windows: '7 days before vs 7 days after 1 Jun 2024 (UTC)',
      rows: [
        { title: 'Deployment lead time', measure: 'median', before: '4h', after: '1h', difference: '−3h', interval: '95% interval −3h to −3h', verdictText: 'Better, beyond noise (p < 0.001)' },
        { title: 'Deployment failure rate', measure: 'failed of all', before: '36.4%', after: '0.0%', difference: '−36.4 pts', interval: 'no interval: too few failures or successes', verdictText: 'Not enough data to tell' },
      ],
    });
    expect(lines).toEqual([
      'Before/after “Canary \\*deploys\\* \\<b\\>\\[x\\](y)\\</b\\>” (7 days before vs 7 days after 1 Jun 2024 (UTC)): Deployment lead time (median) 4h → 1h, −3h (95% interval −3h to −3h); Better, beyond noise (p < 0.001)',
      'Before/after “Canary \\*deploys\\* \\<b\\>\\[x\\](y)\\</b\\>” (7 days before vs 7 days after 1 Jun 2024 (UTC)): Deployment failure rate (failed of all) 36.4% → 0.0%, −36.4 pts (no interval: too few failures or successes); Not enough data to tell',
    ]);
  });
});
