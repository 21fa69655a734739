import { describe, expect, it } from 'vitest';
import { lowerBound } from '../../../lib/metrics/lower-bound';
import { sortByKey } from '../../../lib/metrics/sort-by-key';

describe('sortByKey (LSD radix)', () => {
  it('sorts row indices by key, stably, without touching its inputs', () => {
    const rows = Uint32Array.of(0, 1, 2, 3, 4);
    const keys = Float64Array.of(30, 10, 20, 10, 0);
    const sorted = sortByKey(rows, keys);
    expect([...sorted]).toEqual([4, 1, 3, 2, 0]); // rows 1 and 3 tie on 10: input order kept
    expect([...rows]).toEqual([0, 1, 2, 3, 4]);
    expect([...keys]).toEqual([30, 10, 20, 10, 0]);
  });

  it('handles keys over 32 bits (millisecond timestamps) and an offset', () => {
    const keys = Float64Array.of(2 ** 45 + 5, 3, 2 ** 40, 2 ** 45 + 4, -1);
    expect([...sortByKey(Uint32Array.of(0, 1, 2, 3, 4), keys, 1)]).toEqual([4, 1, 2, 3, 0]);
  });

  it('matches a comparator sort on random keys', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const n = 5000;
    const keys = Float64Array.from({ length: n }, () => next() % 100_000);
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const expected = [...rows].sort((a, b) => keys[a] - keys[b] || a - b);
    expect([...sortByKey(rows, keys)]).toEqual(expected);
  });

  it('empty and single inputs', () => {
    expect([...sortByKey(new Uint32Array(0), new Float64Array(0))]).toEqual([]);
    expect([...sortByKey(Uint32Array.of(0), Float64Array.of(9))]).toEqual([0]);
  });
});

describe('lowerBound', () => {
  it('finds the first row at or after a time', () => {
    const times = Float64Array.of(20, 30, 10);
    const rows = Uint32Array.of(2, 0, 1); // ordered by time: 10, 20, 30
    expect(lowerBound(rows, times, 5)).toBe(0);
    expect(lowerBound(rows, times, 10)).toBe(0);
    expect(lowerBound(rows, times, 15)).toBe(1);
    expect(lowerBound(rows, times, 30)).toBe(2);
    expect(lowerBound(rows, times, 31)).toBe(3);
  });
});
