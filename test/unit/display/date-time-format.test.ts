import { describe, expect, it } from 'vitest';
import { dateTimeFormat } from '@/lib/display/date-time-format';

describe('dateTimeFormat', () => {
  it('gives the same formatter for the same locale and options, another for others', () => {
    const a = dateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric' });
    expect(dateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric' })).toBe(a);
    expect(dateTimeFormat('en-US', { timeZone: 'Europe/London', year: 'numeric' })).not.toBe(a);
    expect(dateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric' })).not.toBe(a);
    expect(dateTimeFormat(undefined, { timeZone: 'Europe/London', year: 'numeric' })).not.toBe(a);
  });

  it('formats as a new Intl.DateTimeFormat with those arguments does', () => {
    const at = Date.UTC(2026, 11, 31, 23, 30);
    for (const timeZone of ['UTC', 'Asia/Tokyo', 'America/New_York']) {
      const options: Intl.DateTimeFormatOptions = { timeZone, day: 'numeric', month: 'short', year: 'numeric' };
      expect(dateTimeFormat('en-GB', options).format(at)).toBe(new Intl.DateTimeFormat('en-GB', options).format(at));
    }
    expect(dateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric' }).format(at)).toBe('2027');
  });

  it('keeps working past its limit (callers making keys from data)', () => {
    const zones = Intl.supportedValuesOf('timeZone').slice(0, 100);
    for (const timeZone of zones) expect(dateTimeFormat('en-GB', { timeZone, year: 'numeric' }).resolvedOptions().timeZone).toBeTruthy();
    const again = dateTimeFormat('en-GB', { timeZone: zones[99], year: 'numeric' });
    expect(dateTimeFormat('en-GB', { timeZone: zones[99], year: 'numeric' })).toBe(again);
  });
});
