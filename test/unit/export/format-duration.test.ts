import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../lib/export/format-duration';

describe('formatDuration (h:mm:ss, unbounded hours)', () => {
  it('formats like Octopus, hours beyond 24', () => {
    expect(formatDuration(0)).toBe('0:00:00');
    // 426 h 53 min 44 s = (426 · 3600 + 53 · 60 + 44) s = 1 536 824 s
    expect(formatDuration(1_536_824_000)).toBe('426:53:44');
    // 25 h 1 min 1 s = 90 061 s
    expect(formatDuration(90_061_000)).toBe('25:01:01');
    expect(formatDuration(3_599_999)).toBe('0:59:59'); // sub-second part truncated
  });

  it('negative durations have a leading minus; under a second is zero without a sign', () => {
    expect(formatDuration(-1_536_824_000)).toBe('-426:53:44');
    expect(formatDuration(-90_500)).toBe('-0:01:30');
    expect(formatDuration(-999)).toBe('0:00:00');
  });

  it('missing values are empty', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(undefined)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
  });
});
