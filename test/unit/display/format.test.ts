import { describe, expect, it } from 'vitest';
import { formatCount, formatDurationShort } from '@/lib/display/format';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('formatDurationShort', () => {
  it('shows the two largest units', () => {
    expect(formatDurationShort(3 * d + 4 * h)).toBe('3d 4h');
    expect(formatDurationShort(2 * h + 15 * m)).toBe('2h 15m');
    expect(formatDurationShort(45 * m)).toBe('45m');
    expect(formatDurationShort(30 * s)).toBe('30s');
  });

  it('carries rounding into the larger unit', () => {
    expect(formatDurationShort(2 * h + 59 * m + 40 * s)).toBe('3h');
    expect(formatDurationShort(d - 10 * m)).toBe('1d');
    expect(formatDurationShort(59 * m + 50 * s)).toBe('1h');
    expect(formatDurationShort(59.6 * s)).toBe('1m');
  });

  it('marks negative durations and shows nothing for no value', () => {
    expect(formatDurationShort(-(5 * h))).toBe('−5h');
    expect(formatDurationShort(null)).toBe('–');
    expect(formatDurationShort(Number.NaN)).toBe('–');
  });
});

describe('formatCount', () => {
  it('groups thousands as en-US does, whatever the browser locale', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    for (const n of [0, 7, -1200, 12.3456, 1e9]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});
