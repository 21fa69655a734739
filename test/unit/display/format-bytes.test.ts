import { describe, expect, it } from 'vitest';
import { formatBytes } from '@/lib/display/format-bytes';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [1500, '1.5 kB'],
    [9_949, '9.9 kB'],
    [15_300, '15 kB'],
    [999_499, '999 kB'],
    [999_999, '1 MB'],
    [2_450_000, '2.5 MB'],
    [48_000_000, '48 MB'],
    [1_250_000_000, '1.3 GB'],
    [5e15, '5,000 TB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes, 'en-US')).toBe(text);
  });

  it('uses the locale for the number', () => {
    expect(formatBytes(1_500_000, 'de-DE')).toBe('1,5 MB');
  });

  it('shows a dash for sizes that cannot be', () => {
    expect(formatBytes(-1, 'en-US')).toBe('—');
    expect(formatBytes(Number.NaN, 'en-US')).toBe('—');
    expect(formatBytes(Number.POSITIVE_INFINITY, 'en-US')).toBe('—');
  });
});
