/**
 * Holds a first sync's rows until the chunk they belong to is complete, so each cache chunk is written once
 * instead of once per page: rewriting a chunk for every page left superseded copies on disk (LevelDB keeps
 * them until it compacts) — measured at ~71 bytes per deployment right after a first sync of `large`, against
 * a budget of 50.
 *
 * Octopus lists deployments and releases newest first, so ids fall as paging goes on: once the listing is
 * below a chunk (by a margin, for rows listed slightly out of id order), no later row belongs to it. A row
 * that does arrive for a chunk already written is merged into it like any update, only less cheaply.
 *
 * Resuming stays exact: the checkpoint may only say "everything listed before position P is stored", so P
 * is the listing position of the first row still held. A sync stopped with rows held reads them again — so
 * rows are never held for more than a few pages ({@link MAX_HELD_PAGES}): a sync stopped again and again
 * (a flaky connection, a browser that keeps stopping the worker) must still make progress. A chunk is then
 * written a few times rather than once per page.
 */
import { chunkNo } from '@/lib/store/chunks';

/** Ids a listing may run out of order by before a chunk it has left is taken as complete. */
export const OUT_OF_ORDER_MARGIN = 1_000;
/** Pages of rows held at most before they are written anyway (the work a stopped sync repeats). */
export const MAX_HELD_PAGES = 4;

export class ChunkBuffer<T extends { id: number }> {
  /** Held rows by chunk, each with its position in the listing. */
  private readonly held = new Map<number, { row: T; at: number }[]>();
  private lowestId = Number.POSITIVE_INFINITY;
  /** Pages added since nothing was held. */
  private pages = 0;

  /** Adds one page's rows: `at` is the page's position in the listing, or each row's own position. */
  add(rows: readonly T[], at: number | readonly number[]): void {
    if (this.size === 0) this.pages = 0;
    this.pages++;
    rows.forEach((row, i) => {
      const position = typeof at === 'number' ? at + i : at[i];
      const no = chunkNo(row.id);
      let list = this.held.get(no);
      if (!list) this.held.set(no, (list = []));
      list.push({ row, at: position });
      this.lowestId = Math.min(this.lowestId, row.id);
    });
  }

  /**
   * Removes and returns the rows of every chunk the listing has left behind — or every row, once they have
   * been held for {@link MAX_HELD_PAGES} pages.
   */
  takeComplete(): T[] {
    if (this.pages >= MAX_HELD_PAGES) return this.takeAll();
    // A chunk is complete when even a row `OUT_OF_ORDER_MARGIN` ids above the lowest seen is below it.
    const open = chunkNo(this.lowestId + OUT_OF_ORDER_MARGIN);
    const out: T[] = [];
    for (const [no, list] of this.held) {
      if (no <= open) continue;
      for (const { row } of list) out.push(row);
      this.held.delete(no);
    }
    return out;
  }

  /** Removes and returns every held row (the listing has ended). */
  takeAll(): T[] {
    const out = [...this.held.values()].flatMap((list) => list.map(({ row }) => row));
    this.held.clear();
    return out;
  }

  /** Where a resumed listing must start for nothing held to be lost: the first held row, or `end`. */
  resumeAt(end: number): number {
    let at = end;
    for (const list of this.held.values()) for (const held of list) at = Math.min(at, held.at);
    return at;
  }

  get size(): number {
    let n = 0;
    for (const list of this.held.values()) n += list.length;
    return n;
  }
}
