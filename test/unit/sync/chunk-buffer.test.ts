import { describe, expect, it } from 'vitest';
import { CHUNK_SPAN } from '@/lib/store/chunks';
import { ChunkBuffer, MAX_HELD_PAGES, OUT_OF_ORDER_MARGIN } from '@/lib/sync/chunk-buffer';

const rows = (...ids: number[]) => ids.map((id) => ({ id }));

describe('ChunkBuffer (each chunk written once by a first sync)', () => {
  it('holds rows until a newest-first listing has left their chunk, by the margin', () => {
    const held = new ChunkBuffer<{ id: number }>();
    const top = 3 * CHUNK_SPAN;
    held.add(rows(top + 10, top + 5), 0);
    expect(held.takeComplete()).toEqual([]);
    // Into the chunk below, but within the margin of the one above: still open.
    held.add(rows(top - 10), 2);
    expect(held.takeComplete()).toEqual([]);
    held.add(rows(top - OUT_OF_ORDER_MARGIN - 1), 3);
    expect(held.takeComplete().map((r) => r.id)).toEqual([top + 10, top + 5]);
    expect(held.size).toBe(2);
    expect(held.takeAll().map((r) => r.id).sort()).toEqual([top - OUT_OF_ORDER_MARGIN - 1, top - 10].sort());
  });

  it('resumes at the first row it still holds, so a stopped sync loses nothing', () => {
    const held = new ChunkBuffer<{ id: number }>();
    const top = 5 * CHUNK_SPAN;
    held.add(rows(top + 3, top + 2), 100);
    held.add(rows(top - 2 * OUT_OF_ORDER_MARGIN), [104]);
    held.takeComplete();
    expect(held.resumeAt(105)).toBe(104);
    held.takeAll();
    expect(held.resumeAt(105)).toBe(105);
  });

  it('releases a late row of a chunk already written with the next complete batch (merged by the store)', () => {
    const held = new ChunkBuffer<{ id: number }>();
    const top = 2 * CHUNK_SPAN;
    held.add(rows(top + 1), 0);
    held.add(rows(top - 2 * OUT_OF_ORDER_MARGIN), 1);
    expect(held.takeComplete().map((r) => r.id)).toEqual([top + 1]);
    held.add(rows(top + 2), 2);
    expect(held.takeComplete().map((r) => r.id)).toEqual([top + 2]);
  });
});

describe('ChunkBuffer under repeated interruptions', () => {
  it('writes what it holds after a few pages, so a sync stopped again and again still moves on', () => {
    const held = new ChunkBuffer<{ id: number }>();
    const top = 4 * CHUNK_SPAN + 1000;
    for (let page = 0; page < MAX_HELD_PAGES - 1; page++) {
      held.add(rows(top - page * 10), page * 10);
      expect(held.takeComplete()).toEqual([]);
    }
    held.add(rows(top - 100), 100);
    expect(held.takeComplete()).toHaveLength(MAX_HELD_PAGES);
    expect(held.resumeAt(101)).toBe(101);
  });
});
