/**
 * The store as a {@link HistoryFile}: in memory (`history()`, small scales) or streamed to disk one
 * resource per line (`--write`, any scale — a million deployments never exist as objects at once).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { HISTORY_FORMAT, HISTORY_VERSION, type HistoryFile, type HistorySpace } from './history-file';
import { octopusDateStrict } from './octopus-time';
import {
  deploymentJson,
  editJson,
  historyDefectJson,
  interruptionJson,
  releaseJson,
  taskJson,
} from './resources';
import type { Store } from './store';

type Section = [name: keyof HistorySpace, count: number, item: (i: number) => unknown];

/** The sections of one space, in file order, each as a count and a materialiser (oldest first). */
function spaceSections(store: Store, space: number): Section[] {
  const spaceId = store.spaces[space].Id;
  const of = <T extends { SpaceId: string }>(items: T[]) => items.filter((x) => x.SpaceId === spaceId);
  const list = <T>(items: T[]): [number, (i: number) => T] => [items.length, (i) => items[i]];
  const rows = (l: { length: number; data: Int32Array }, f: (row: number) => unknown): [number, (i: number) => unknown] => [
    l.length,
    (i) => f(l.data[i]),
  ];
  const defects = store.defects.map((_, i) => i).filter((i) => store.releaseSpace(store.defects[i].release) === space);
  const edits = store.edits.map((_, i) => i).filter((i) => store.tasks.space[store.edits[i].task] === space);
  const admin = 0;
  return [
    ['ProjectGroups', ...list(of(store.projectGroups))],
    ['Lifecycles', ...list(of(store.lifecycles))],
    ['Environments', ...list(of(store.environments))],
    ['Projects', ...list(of(store.projects))],
    ['Channels', ...list(of(store.channels))],
    ['TagSets', ...list(of(store.tagSets))],
    ['Tenants', ...list(of(store.tenants))],
    ['Releases', ...rows(store.releasesBySpace[space], (r) => releaseJson(store, r))],
    ['Deployments', ...rows(store.deploymentsBySpace[space], (d) => deploymentJson(store, d))],
    ['Tasks', ...rows(store.tasksBySpace[space], (t) => taskJson(store, t))],
    ['Interruptions', ...rows(store.interruptionsBySpace[space], (i) => interruptionJson(store, i, admin, true))],
    ['Defects', defects.length, (i) => historyDefectJson(store, defects[i])],
    ['TaskStateEdits', edits.length, (i) => editJson(store, edits[i])],
  ];
}

function header(store: Store) {
  return {
    Format: HISTORY_FORMAT,
    Version: HISTORY_VERSION,
    InstallationId: store.installationId,
    Now: octopusDateStrict(store.now),
    Generator: store.generator ? { Scale: store.generator.scale, Seed: store.generator.seed } : null,
    Users: store.users,
  } as const;
}

/** The whole history as one object. Memory grows with it: fine for tiny/demo, not for huge. */
export function buildHistory(store: Store): HistoryFile {
  return {
    ...header(store),
    Spaces: store.spaces.map((space, s) => {
      const out = { Space: space } as HistorySpace;
      for (const [name, count, item] of spaceSections(store, s)) {
        (out as unknown as Record<string, unknown[]>)[name] = Array.from({ length: count }, (_, i) => item(i));
      }
      return out;
    }),
  };
}

/** Streams the history to `path` as JSON, one resource per line. */
export async function writeHistoryFile(store: Store, path: string): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  await writeHistory(store, out);
  await once(out, 'finish');
}

/** Streams the history as JSON, one resource per line, honouring back-pressure; ends the stream. */
export async function writeHistory(store: Store, out: Writable): Promise<void> {
  let buffer = '';
  const write = async (text: string) => {
    buffer += text;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  };
  const h = header(store);
  await write('{\n');
  for (const [key, value] of Object.entries(h)) {
    if (key === 'Users') continue;
    await write(`${JSON.stringify(key)}: ${JSON.stringify(value)},\n`);
  }
  await write('"Users": [\n');
  for (let i = 0; i < store.users.length; i++) {
    await write(`${JSON.stringify(store.users[i])}${i < store.users.length - 1 ? ',' : ''}\n`);
  }
  await write('],\n"Spaces": [\n');
  for (let s = 0; s < store.spaces.length; s++) {
    await write(`{"Space": ${JSON.stringify(store.spaces[s])}`);
    for (const [name, count, item] of spaceSections(store, s)) {
      await write(`,\n${JSON.stringify(name)}: [\n`);
      for (let i = 0; i < count; i++) await write(`${JSON.stringify(item(i))}${i < count - 1 ? ',' : ''}\n`);
      await write(']');
    }
    await write(`}${s < store.spaces.length - 1 ? ',' : ''}\n`);
  }
  await write(']\n}\n');
  out.end(buffer);
}
