/**
 * The deployments of a part of a space — every project's deployments to some environments — kept apart
 * like a project's rows (./slices.ts), for the toolbar popup, whose numbers are the production
 * environments' alone: a few of a big space's deployments (15 % of the emulator's), where its first reads
 * decoded every deployment chunk of the space to keep them.
 *
 * Each deployment chunk's rows to those environments are a slice, cut when the chunk had its stamp; a read
 * takes the slices still current and cuts the chunks written since. Releases are read whole: the lead
 * times of a part's deployments reach every release of the channels it deploys — in a space whose channels
 * all lead to production, nearly every release —, so a copy of them would double what is stored for little.
 * What is read is a superset of the part (`historyPart` cuts it exactly in memory): the numbers are the
 * whole space's. One part is kept per space; like a project's slices they are a copy, and losing them costs
 * only time.
 */
import type { IDBPDatabase } from 'idb';
import type { PartSelection } from '@/lib/metrics/history-part';
import { rowsNaming } from './chunks';
import { dimensionsOf } from './load';
import type { DimensionRecords } from './records';
import { type CacheSchema, type DeploymentChunk, type ReleaseChunk, type SliceRecord, spaceRange } from './schema';
import { keyOf, type ProjectRows, projectRange, sliceOf } from './slices';

/** The sync record naming the space's kept part (its slice key). */
const PART = 'slicedPart';

/**
 * The environments (ids) of `part` over these dimensions, when it is a part of every project's deployments
 * to some environments (the only kind kept as slices).
 */
export function partEnvironments(part: (dims: ReturnType<typeof dimensionsOf>) => PartSelection, records: DimensionRecords | undefined): string[] | undefined {
  if (!records) return undefined;
  const dims = dimensionsOf(records);
  const { projects, environments } = part(dims);
  if (projects !== undefined || environments === undefined) return undefined;
  return environments.flatMap((e) => dims.environments[e]?.id ?? []);
}

/** The slice key of the deployments to `environments` (ids): never a project's id. */
export const partKey = (environments: readonly string[]): string => `environments:${[...environments].sort().join(',')}`;

/**
 * The deployments of `space` to the environments `environmentsOf` picks from its dimensions, from the part's
 * slices where they are current (the rest read, cut and stored afterwards: `kept`), and every release of the
 * space, read in one transaction. Undefined when `environmentsOf` picks none to read by.
 */
export async function readPartRows(
  db: IDBPDatabase<CacheSchema>,
  space: string,
  environmentsOf: (dims: DimensionRecords | undefined) => readonly string[] | undefined,
): Promise<ProjectRows | undefined> {
  const tx = db.transaction(['chunks', 'spaces', 'sync', 'stamps', 'slices'], 'readonly');
  const meta = await tx.objectStore('spaces').get(space);
  const environments = environmentsOf(meta?.dims);
  if (!environments) return undefined;
  const key = partKey(environments);
  const chunks = tx.objectStore('chunks');
  const [numbers, stamps, stored, record, releases] = await Promise.all([
    chunks.getAllKeys(spaceRange(space, 'deployments')),
    tx.objectStore('stamps').getAll(spaceRange(space, 'deployments')),
    tx.objectStore('slices').getAll(projectRange(space, key)),
    tx.objectStore('sync').get([space, PART]),
    chunks.getAll(spaceRange(space, 'releases')) as Promise<ReleaseChunk[]>,
  ]);
  const stampOf = new Map(stamps.map((s) => [s.no, s.stamp]));
  const keptOf = new Map(stored.map((s) => [keyOf(s.kind, s.no), s]));
  const inEnvironments = new Set(environments);
  const cut: SliceRecord[] = [];
  // Every request is made before this transaction's last one completes: awaiting anything else would end it.
  const slices = await Promise.all(
    numbers.map(async ([, , no]): Promise<SliceRecord> => {
      const stamp = stampOf.get(no) ?? 0;
      const slice = keptOf.get(keyOf('deployments', no));
      if (slice && slice.stamp === stamp) return slice;
      const chunk = (await chunks.get([space, 'deployments', no])) as DeploymentChunk | undefined;
      const fresh = sliceOf(space, key, 'deployments', no, stamp, chunk, (c) => rowsNaming(c, c.environment, inEnvironments));
      cut.push(fresh);
      return fresh;
    }),
  );
  const previous = (record?.value as { key?: unknown } | undefined)?.key;
  const kept = cut.length > 0 || previous !== key ? keepPart(db, space, key, cut, typeof previous === 'string' ? previous : undefined) : Promise.resolve();
  return { meta, deployments: slices.flatMap((s) => (s.rows?.kind === 'deployments' ? [s.rows] : [])), releases, kept };
}

/** Stores fresh slices and names the space's part; the slices of the part kept before (other environments) go. */
async function keepPart(db: IDBPDatabase<CacheSchema>, space: string, key: string, cut: readonly SliceRecord[], previous: string | undefined): Promise<void> {
  const tx = db.transaction(['slices', 'sync'], 'readwrite');
  const slices = tx.objectStore('slices');
  const work: Promise<unknown>[] = [];
  if (previous !== undefined && previous !== key) work.push(slices.delete(projectRange(space, previous)));
  for (const slice of cut) work.push(slices.put(slice));
  work.push(tx.objectStore('sync').put({ space, name: PART, value: { key } }));
  await Promise.all([...work, tx.done]);
}
