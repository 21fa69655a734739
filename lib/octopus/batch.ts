/** Fetching a list of ids in `?ids=` batches, the way Octopus's own api-client does (≤ 300 per request). */
import type { z } from 'zod';
import type { OctopusClient, QueryParams, RequestOptions } from './client';

export const MAX_IDS_PER_REQUEST = 300;

export interface BatchOptions extends RequestOptions {
  /** Ids per request; at most {@link MAX_IDS_PER_REQUEST} keeps URLs well inside server limits. */
  batchSize?: number;
}

/**
 * Every item whose id is in `ids`, in batch order. Ids the server does not return (deleted, or hidden by
 * permissions) are simply absent. Batches run concurrently within the client's bound; the first failure
 * cancels the rest, and nothing is returned in part. No ids, no request: an empty `ids` filter would mean "everything" to Octopus.
 */
export async function getByIds<S extends z.ZodType>(
  client: OctopusClient,
  path: string,
  ids: readonly string[],
  itemSchema: S,
  { batchSize = MAX_IDS_PER_REQUEST, signal }: BatchOptions = {},
  params: QueryParams = {},
): Promise<z.output<S>[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_IDS_PER_REQUEST) {
    throw new RangeError(`batchSize must be 1..${MAX_IDS_PER_REQUEST}, got ${batchSize}`);
  }
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += batchSize) batches.push(unique.slice(i, i + batchSize));

  const siblings = new AbortController();
  const forwardAbort = () => siblings.abort(signal?.reason);
  if (signal?.aborted) forwardAbort();
  signal?.addEventListener('abort', forwardAbort, { once: true });
  const results: z.output<S>[][] = new Array(batches.length);
  let next = 0;
  // As many workers as the client lets run at once, each taking the next batch: the semaphore would
  // bound them anyway, but this keeps waiters (and abort listeners) few when there are thousands of ids.
  const worker = async () => {
    while (next < batches.length) {
      const index = next++;
      const batch = batches[index];
      // take = batch size: Octopus's default take (30) would silently drop the rest of the batch.
      results[index] = await client.getAll(path, { ...params, ids: batch }, itemSchema, {
        pageSize: batch.length,
        signal: siblings.signal,
      });
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(client.concurrency, batches.length) }, () =>
        worker().catch((error: unknown) => {
          siblings.abort(error);
          throw error;
        }),
      ),
    );
    return results.flat();
  } finally {
    signal?.removeEventListener('abort', forwardAbort);
  }
}
