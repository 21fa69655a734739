import { describe, expect, it } from 'vitest';
import { csvCell } from '../../../lib/export/csv';
import { isoDateWriter, writeDeployment, writeDuration, writeInteger, writeSeconds, writeText } from '../../../lib/export/csv-bytes';
import { csvText } from '../../../lib/export/deployments-csv';
import { formatDuration } from '../../../lib/export/format-duration';

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Write = (b: Uint8Array, at: number, v: number) => number;

/** Each value written as one cell of its own line, then split back: the cells as the writer wrote them. */
function written(values: readonly number[], write: Write): string[] {
  const b = new Uint8Array(values.length * 64);
  let at = 0;
  for (const v of values) {
    at = write(b, at, v);
    b[at++] = 13;
    b[at++] = 10;
  }
  return csvText([b.subarray(0, at)]).split('\r\n').slice(0, -1);
}

const rnd = random(17);
const DAY = 86_400_000;
const times = [
  0,
  -0,
  1,
  999,
  1000,
  Date.UTC(2000, 1, 29, 23, 59, 59, 999),
  Date.UTC(2024, 1, 29, 12),
  Date.UTC(2100, 2, 1),
  Date.UTC(9999, 11, 31, 23, 59, 59, 999),
  Date.UTC(10000, 0, 1),
  Date.UTC(275760, 8, 13),
  -1,
  -DAY,
  Date.UTC(1969, 11, 31, 23, 59, 59, 500),
  1.5,
  Date.UTC(2026, 5, 1) + 0.999,
  ...Array.from({ length: 3000 }, () => Math.floor(rnd() * Date.UTC(2200, 0, 1))),
  ...Array.from({ length: 500 }, () => rnd() * 4e12),
];
const durations = [
  0,
  -0,
  1,
  -1,
  -999,
  -1000,
  -90_500,
  999,
  1000,
  59_999,
  3_600_000,
  ((426 * 60 + 53) * 60 + 44) * 1000,
  -(((426 * 60 + 53) * 60 + 44) * 1000),
  1e15,
  1e15 + 1,
  -1e15 - 3,
  9_007_199_254_740_991,
  1.5,
  -2.25,
  123_456.789,
  ...Array.from({ length: 3000 }, () => Math.floor((rnd() - 0.2) * 10 ** Math.floor(rnd() * 14))),
  ...Array.from({ length: 300 }, () => (rnd() - 0.5) * 1e9),
];

describe('the byte writers write the same cells as csvCell', () => {
  it('dates: csvCell(new Date(ms).toISOString()), empty when not a time', () => {
    const values = [...times, Number.NaN, Number.POSITIVE_INFINITY];
    expect(written(values, isoDateWriter())).toEqual(values.map((v) => (Number.isFinite(v) ? csvCell(new Date(v).toISOString()) : '')));
    // Rows come in time order in a CSV: the same checks in order, where the day is reused.
    const ordered = times.filter((t) => t >= 0).sort((a, b) => a - b);
    expect(written(ordered, isoDateWriter())).toEqual(ordered.map((v) => csvCell(new Date(v).toISOString())));
  });

  it('durations: csvCell(formatDuration(ms))', () => {
    const values = [...durations, Number.NaN, Number.NEGATIVE_INFINITY];
    expect(written(values, writeDuration)).toEqual(values.map((v) => csvCell(formatDuration(v))));
  });

  it('seconds: csvCell(ms / 1000)', () => {
    const values = [...durations, Number.NaN];
    expect(written(values, writeSeconds)).toEqual(values.map((v) => csvCell(Number.isFinite(v) ? v / 1000 : null)));
  });

  it('whole numbers and deployment names', () => {
    const values = [0, 7, 10, 99, 100, 65_535, 2 ** 31, 2 ** 32 - 1, 4_294_967_296, 9_007_199_254_740_991];
    expect(written(values, writeInteger)).toEqual(values.map(String));
    expect(written([1, 4_294_967_295], writeDeployment)).toEqual(['Deployments-1', 'Deployments-4294967295']);
  });

  it('text: plain ASCII as it is, anything else escaped and encoded', () => {
    const values = ['1.2.3', '', '=1+1', '-rc', '+x', '@y', '\tz', '\rw', 'a,b', 'say "hi"', 'line\nbreak', 'Über 日本', 'plain text', '1.0-beta"2'];
    const b = new Uint8Array(1024);
    let at = 0;
    for (const v of values) {
      at = writeText(b, at, v);
      b[at++] = 13;
      b[at++] = 10;
    }
    expect(csvText([b.subarray(0, at)]).split('\r\n').slice(0, -1)).toEqual(values.map((v) => csvCell(v)));
  });
});
