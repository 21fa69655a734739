import { describe, expect, it } from 'vitest';
import { bucketEdges } from '../../../lib/metrics/bucket-edges';
import { localToUtc } from '../../../lib/metrics/local-to-utc';
import { resolveWindow } from '../../../lib/metrics/resolve-window';
import { zoneOffset } from '../../../lib/metrics/zone-offset';
import { zonedDate } from '../../../lib/metrics/zoned-date';
import { at, HOUR } from '../../factories';

const iso = (edges: Float64Array) => [...edges].map((ms) => new Date(ms).toISOString());

describe('zoneOffset / localToUtc / zonedDate', () => {
  it('reads offsets from Intl: London GMT/BST, New York EST/EDT, UTC', () => {
    expect(zoneOffset(at('2024-01-15T12:00:00Z'), 'Europe/London')).toBe(0);
    expect(zoneOffset(at('2024-07-15T12:00:00Z'), 'Europe/London')).toBe(1 * HOUR);
    expect(zoneOffset(at('2024-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffset(at('2024-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
    expect(zoneOffset(at('2024-07-15T12:00:00Z'), 'UTC')).toBe(0);
    // London springs forward at 01:00 UTC on 31 March 2024
    expect(zoneOffset(at('2024-03-31T00:59:59Z'), 'Europe/London')).toBe(0);
    expect(zoneOffset(at('2024-03-31T01:00:00Z'), 'Europe/London')).toBe(1 * HOUR);
  });

  it('converts local midnights around DST changes', () => {
    expect(localToUtc(Date.UTC(2024, 2, 31), 'Europe/London')).toBe(at('2024-03-31T00:00:00Z'));
    expect(localToUtc(Date.UTC(2024, 3, 1), 'Europe/London')).toBe(at('2024-03-31T23:00:00Z'));
    expect(localToUtc(Date.UTC(2024, 9, 27), 'Europe/London')).toBe(at('2024-10-26T23:00:00Z'));
    expect(localToUtc(Date.UTC(2024, 9, 28), 'Europe/London')).toBe(at('2024-10-28T00:00:00Z'));
    expect(localToUtc(Date.UTC(2024, 2, 10), 'America/New_York')).toBe(at('2024-03-10T05:00:00Z'));
    expect(localToUtc(Date.UTC(2024, 2, 11), 'America/New_York')).toBe(at('2024-03-11T04:00:00Z'));
  });

  it('resolves skipped wall times forward and repeated ones to the earlier instant', () => {
    // New York 2024-03-10 02:30 does not exist (02:00 → 03:00 EDT): read with EST (-5 h) = 07:30Z = 03:30 EDT
    expect(localToUtc(Date.UTC(2024, 2, 10, 2, 30), 'America/New_York')).toBe(at('2024-03-10T07:30:00Z'));
    // New York 2024-11-03 01:30 happens twice (EDT then EST): the earlier is 01:30 EDT = 05:30Z
    expect(localToUtc(Date.UTC(2024, 10, 3, 1, 30), 'America/New_York')).toBe(at('2024-11-03T05:30:00Z'));
  });

  it('gives the wall-clock date of an instant', () => {
    expect(zonedDate(at('2024-03-31T23:30:00Z'), 'Europe/London')).toEqual({
      year: 2024,
      month: 3,
      day: 1,
      hour: 0,
      minute: 30,
      weekday: 1,
    });
  });
});

describe('bucketEdges', () => {
  it('UTC days', () => {
    expect(iso(bucketEdges(at('2024-01-01T06:00:00Z'), at('2024-01-03T00:00:00Z'), 'day', 'UTC'))).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-02T00:00:00.000Z',
      '2024-01-03T00:00:00.000Z',
    ]);
  });

  it('Europe/London days across the March change: the 31st is 23 hours', () => {
    const edges = bucketEdges(at('2024-03-30T12:00:00Z'), at('2024-04-01T12:00:00Z'), 'day', 'Europe/London');
    expect(iso(edges)).toEqual([
      '2024-03-30T00:00:00.000Z',
      '2024-03-31T00:00:00.000Z',
      '2024-03-31T23:00:00.000Z',
      '2024-04-01T23:00:00.000Z',
    ]);
    expect(edges[2] - edges[1]).toBe(23 * HOUR);
  });

  it('Europe/London days across the October change: the 27th is 25 hours', () => {
    const edges = bucketEdges(at('2024-10-26T12:00:00Z'), at('2024-10-28T12:00:00Z'), 'day', 'Europe/London');
    expect(iso(edges)).toEqual([
      '2024-10-25T23:00:00.000Z',
      '2024-10-26T23:00:00.000Z',
      '2024-10-28T00:00:00.000Z',
      '2024-10-29T00:00:00.000Z',
    ]);
    expect(edges[2] - edges[1]).toBe(25 * HOUR);
  });

  it('America/New_York weeks from Sunday (default) and from Monday across the March change', () => {
    // 2024-03-10 is a Sunday (1 Jan 2024 was a Monday; 31 + 29 + 9 = 69 days later, 69 mod 7 = 6).
    const sunday = bucketEdges(at('2024-03-12T12:00:00Z'), at('2024-03-20T00:00:00Z'), 'week', 'America/New_York');
    expect(iso(sunday)).toEqual(['2024-03-10T05:00:00.000Z', '2024-03-17T04:00:00.000Z', '2024-03-24T04:00:00.000Z']);
    const monday = bucketEdges(
      at('2024-03-12T12:00:00Z'),
      at('2024-03-20T00:00:00Z'),
      'week',
      'America/New_York',
      'monday',
    );
    expect(iso(monday)).toEqual(['2024-03-11T04:00:00.000Z', '2024-03-18T04:00:00.000Z', '2024-03-25T04:00:00.000Z']);
  });

  it('a Sunday itself starts its own Sunday week; with Monday weeks it belongs to the week before', () => {
    const t = at('2024-03-17T12:00:00Z'); // Sunday 08:00 EDT
    expect(iso(bucketEdges(t, t + 1, 'week', 'America/New_York'))[0]).toBe('2024-03-17T04:00:00.000Z');
    expect(iso(bucketEdges(t, t + 1, 'week', 'America/New_York', 'monday'))[0]).toBe('2024-03-11T04:00:00.000Z');
  });

  it('months in Europe/London start at local midnight of the 1st', () => {
    expect(iso(bucketEdges(at('2024-03-15T00:00:00Z'), at('2024-04-30T23:00:00Z'), 'month', 'Europe/London'))).toEqual([
      '2024-03-01T00:00:00.000Z',
      '2024-03-31T23:00:00.000Z',
      '2024-04-30T23:00:00.000Z',
    ]);
  });
});

describe('resolveWindow', () => {
  it('presets end at now and start at the same wall-clock time earlier in the zone', () => {
    const now = at('2024-05-31T12:00:00Z');
    const month = resolveWindow({ now, range: { preset: 'lastMonth' }, timeZone: 'UTC', granularity: 'day' });
    // 31 May minus one month = 31 April → clamped to 30 April
    expect(new Date(month.from).toISOString()).toBe('2024-04-30T12:00:00.000Z');
    expect(month.to).toBe(now);
    const quarter = resolveWindow({ now, range: { preset: 'lastQuarter' }, timeZone: 'UTC', granularity: 'month' });
    // 31 May minus three months = 31 February → 29 February 2024
    expect(new Date(quarter.from).toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(iso(quarter.edges)).toEqual([
      '2024-02-29T12:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
      '2024-04-01T00:00:00.000Z',
      '2024-05-01T00:00:00.000Z',
      '2024-05-31T12:00:00.000Z',
    ]);
    const year = resolveWindow({ now, range: { preset: 'lastYear' }, timeZone: 'UTC' });
    expect(new Date(year.from).toISOString()).toBe('2023-05-31T12:00:00.000Z');
  });

  it('last 7 days across the London spring change is 7 calendar days = 167 hours', () => {
    const now = at('2024-04-03T12:00:00Z'); // 13:00 BST
    const w = resolveWindow({ now, range: { preset: 'last7Days' }, timeZone: 'Europe/London', granularity: 'day' });
    // 27 March 13:00 GMT = 13:00Z
    expect(new Date(w.from).toISOString()).toBe('2024-03-27T13:00:00.000Z');
    expect(w.to - w.from).toBe(167 * HOUR);
    expect(w.previousTo).toBe(w.from);
    expect(w.previousFrom).toBe(w.from - 167 * HOUR);
  });

  it('explicit windows are taken as given, clipped into buckets; alignStart moves the start to its bucket', () => {
    const w = resolveWindow({
      now: 0,
      range: { from: at('2024-01-01T06:00:00Z'), to: at('2024-01-02T12:00:00Z') },
      timeZone: 'UTC',
      granularity: 'day',
    });
    expect(iso(w.edges)).toEqual(['2024-01-01T06:00:00.000Z', '2024-01-02T00:00:00.000Z', '2024-01-02T12:00:00.000Z']);
    expect(iso(w.calendar)).toEqual(['2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z', '2024-01-03T00:00:00.000Z']);
    const aligned = resolveWindow({
      now: 0,
      range: { from: at('2024-01-01T06:00:00Z'), to: at('2024-01-02T12:00:00Z') },
      granularity: 'day',
      alignStart: true,
    });
    expect(new Date(aligned.from).toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('an empty or inverted window has no buckets', () => {
    const w = resolveWindow({ now: 0, range: { from: 1000, to: 500 }, granularity: 'day' });
    expect(w.from).toBe(1000);
    expect(w.to).toBe(1000);
    expect(w.edges.length).toBe(1);
  });
});
