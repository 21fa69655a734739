import { describe, expect, it } from 'vitest';
import { pickWindowRows } from '@/lib/metrics/window-rows';
import { random } from '../../support/random-history';

/** The rows a mask keeps, by looking at every one. */
function naive(order: Uint32Array, lo: number, hi: number, stream: Uint32Array, mask: Uint8Array): number[] {
  const out: number[] = [];
  for (let j = lo; j < hi; j++) if (mask[stream[order[j]]]) out.push(j - lo);
  return out;
}

describe('pickWindowRows', () => {
  for (const seed of [1, 2, 3]) {
    it(`finds the same rows, in the same order, through the streams as by a scan (seed ${seed})`, () => {
      const rnd = random(seed);
      const n = 3000;
      const streams = 40;
      // Streams of very different sizes (low numbers common); streams 38 and 39 hold only every 150th row each.
      const stream = Uint32Array.from({ length: n }, (_, k) => (k % 150 === 0 ? 39 : k % 150 === 75 ? 38 : Math.floor(rnd() * rnd() * 38)));
      const order = Uint32Array.from({ length: n }, (_, k) => k);
      for (let k = n - 1; k > 0; k--) {
        const m = Math.floor(rnd() * (k + 1));
        [order[k], order[m]] = [order[m], order[k]];
      }
      // Rare streams, one, a few, half, all, none; windows of every size, empty and whole included.
      const masks = [[39], [38, 39], [3], [0, 7, 39], Array.from({ length: 20 }, (_, s) => s * 2), Array.from({ length: streams }, (_, s) => s), []].map((kept) => {
        const mask = new Uint8Array(streams);
        for (const s of kept) mask[s] = 1;
        return mask;
      });
      const windows = [
        [0, n],
        [0, 0],
        [1200, 1200],
        [100, 2900],
        [2500, 2510],
        [n - 1, n],
      ];
      for (const mask of masks) {
        for (const [lo, hi] of windows) {
          const picked = new Uint32Array(hi - lo);
          const marks = new Int32Array(hi - lo);
          const kept = pickWindowRows(order, lo, hi, stream, streams, mask, picked, marks);
          const expected = naive(order, lo, hi, stream, mask);
          expect([...picked.subarray(0, kept)]).toEqual(expected);
          // Marks only where a row was picked (the caller writes its slot there).
          for (let q = 0; q < marks.length; q++) if (marks[q] !== 0) expect(expected).toContain(q);
        }
      }
    });
  }
});
