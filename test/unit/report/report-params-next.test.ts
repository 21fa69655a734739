import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_PARAMS, nextReportParams } from '@/lib/report/report-params';

const NOW = Date.UTC(2026, 10, 25, 12);

describe('the report’s view after a change', () => {
  it('starts a custom range at the last 30 days', () => {
    expect(nextReportParams(DEFAULT_REPORT_PARAMS, { range: 'custom' }, NOW)).toEqual({ ...DEFAULT_REPORT_PARAMS, range: 'custom', from: '2026-10-26', to: '2026-11-25' });
  });

  it('drops the dates when leaving a custom range, and swaps dates given in the wrong order', () => {
    const custom = { ...DEFAULT_REPORT_PARAMS, range: 'custom' as const, from: '2026-01-01', to: '2026-02-01' };
    expect(nextReportParams(custom, { range: 'lastYear' }, NOW)).toEqual({ ...DEFAULT_REPORT_PARAMS, range: 'lastYear', from: undefined, to: undefined });
    expect(nextReportParams(custom, { from: '2026-03-01' }, NOW)).toMatchObject({ from: '2026-02-01', to: '2026-03-01' });
  });

  it('keeps everything else it is not told', () => {
    expect(nextReportParams({ ...DEFAULT_REPORT_PARAMS, split: 'project' }, { metric: 'recovery' }, NOW)).toEqual({ ...DEFAULT_REPORT_PARAMS, split: 'project', metric: 'recovery', from: undefined, to: undefined });
  });
});
