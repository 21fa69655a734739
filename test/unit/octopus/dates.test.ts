import { describe, expect, it } from 'vitest';
import { dateMs, parseOctopusDate } from '@/lib/octopus/schemas';

describe('parseOctopusDate', () => {
  it.each([
    ['2024-08-02T05:07:42.445+00:00', '2024-08-02T05:07:42.445Z'],
    ['2024-08-02T15:07:42.445+10:00', '2024-08-02T05:07:42.445Z'],
    ['2024-08-01T23:37:42.445-05:30', '2024-08-02T05:07:42.445Z'],
    ['2022-08-18T15:28:15.9395818Z', '2022-08-18T15:28:15.939Z'],
    ['2024-08-02T05:07:42+00:00', '2024-08-02T05:07:42.000Z'],
    ['2024-08-02T05:07:42.4+00:00', '2024-08-02T05:07:42.400Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    // .NET's unset DateTimeOffset (e.g. a 2024.3 Space's LastModifiedOn): year 1, not 1901.
    ['0001-01-01T00:00:00.000+00:00', '0001-01-01T00:00:00.000Z'],
    ['0099-12-31T23:59:59Z', '0099-12-31T23:59:59.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseOctopusDate(text)).toBe(Date.parse(iso));
  });

  it.each([
    ['no offset (would depend on the browser time zone)', '2024-08-02T05:07:42.445'],
    ['human text (Task.Completed)', 'Friday, July 14, 2017 4:22 PM'],
    ['a date only', '2024-08-02'],
    ['31 February', '2024-02-31T00:00:00Z'],
    ['29 February of a year that is not leap', '2023-02-29T00:00:00Z'],
    ['hour 24', '2024-08-02T24:00:00Z'],
    ['an offset without colon', '2024-08-02T05:07:42+0000'],
    ['empty', ''],
  ])('rejects %s', (_, text) => {
    expect(parseOctopusDate(text)).toBeUndefined();
  });

  it('does not depend on the process time zone', () => {
    // The unit project may run under any TZ; the result is an absolute instant either way.
    expect(parseOctopusDate('2024-08-02T05:07:42.445+00:00')).toBe(1722575262445);
  });
});

describe('dateMs', () => {
  it('turns a date string into epoch ms and reports bad text as an issue', () => {
    expect(dateMs.parse('2024-08-02T05:07:42.445+00:00')).toBe(1722575262445);
    const result = dateMs.safeParse('yesterday');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('yesterday');
  });
});
