/**
 * Date marks ("we introduced canary deployments"), per Octopus server, Octopus user and project, in
 * `browser.storage.local` under `marks:<server>:<userId>:<projectId>`: every chart of the project draws them
 * and the before/after view compares around them. Another Octopus user of the same browser profile sees none
 * of them. The stored value is `{ version: 1, marks: [...] }`, each mark checked with zod on read; one that
 * fails (hand-edited, damaged, from a newer version) is skipped and reported, never allowed to break the panel.
 */
import browser from 'webextension-polyfill';
import { z } from 'zod';

export const MARKS_VERSION = 1;
/** Enough for years of changes; a longer list is more likely a bug than a history. */
export const MARKS_LIMIT = 200;

const markSchema = z.object({
  id: z.string().min(1).max(100),
  /** The marked moment, UTC ms (the start of the chosen day in the view's zone). */
  at: z.number().int().min(0).max(8.64e15),
  /** The user's words, or an event's text: shown as text only. */
  label: z.string().max(200),
  /** Where it came from: the user's own date, or one of the project's events (its id on the server). */
  source: z.union([z.object({ kind: z.literal('date') }), z.object({ kind: z.literal('event'), eventId: z.string().max(100), category: z.string().max(100) })]),
});

export type DateMark = z.infer<typeof markSchema>;

/** Whose marks: the server's base URL, the signed-in Octopus user, the project (its id). */
export interface MarksOwner {
  server: string;
  userId: string;
  project: string;
}

export const marksKey = ({ server, userId, project }: MarksOwner): string => `marks:${server}:${userId}:${project}`;

export interface StoredMarks {
  /** Oldest first. */
  marks: DateMark[];
  problems: string[];
}

export function parseStoredMarks(stored: unknown): StoredMarks {
  if (stored === undefined || stored === null) return { marks: [], problems: [] };
  const envelope = z.object({ version: z.literal(MARKS_VERSION), marks: z.array(z.unknown()) }).safeParse(stored);
  if (!envelope.success) return { marks: [], problems: ['The saved date marks could not be read (unknown format or version); they were skipped.'] };
  const marks: DateMark[] = [];
  const problems: string[] = [];
  envelope.data.marks.forEach((value, i) => {
    const mark = markSchema.safeParse(value);
    if (mark.success) marks.push(mark.data);
    else problems.push(`Saved date mark ${i + 1} was skipped: ${mark.error.issues.map((issue) => `${issue.path.join('.') || 'mark'}: ${issue.message}`).join('; ')}`);
  });
  return { marks: marks.sort((a, b) => a.at - b.at), problems };
}

export async function readMarks(owner: MarksOwner): Promise<StoredMarks> {
  const key = marksKey(owner);
  try {
    return parseStoredMarks((await browser.storage.local.get(key))[key]);
  } catch (error) {
    return { marks: [], problems: [`The saved date marks could not be read: ${String(error)}`] };
  }
}

// Writes from one page go one after another, so two quick changes never overwrite each other.
let writes: Promise<unknown> = Promise.resolve();

function update(owner: MarksOwner, change: (marks: DateMark[]) => DateMark[]): Promise<DateMark[]> {
  const write = writes.then(async () => {
    const next = change((await readMarks(owner)).marks).sort((a, b) => a.at - b.at);
    await browser.storage.local.set({ [marksKey(owner)]: { version: MARKS_VERSION, marks: next } });
    return next;
  });
  writes = write.catch(() => undefined);
  return write;
}

/** Adds the mark, or replaces the one with its id (an event marked twice stays one mark). Refuses an invalid one. */
export function saveMark(owner: MarksOwner, mark: DateMark): Promise<DateMark[]> {
  const checked = markSchema.safeParse(mark);
  if (!checked.success) return Promise.reject(new Error(`Invalid date mark: ${checked.error.message}`));
  return update(owner, (marks) => {
    const rest = marks.filter((m) => m.id !== mark.id);
    if (rest.length >= MARKS_LIMIT) throw new Error(`A project keeps at most ${MARKS_LIMIT} date marks; remove one first.`);
    return [...rest, checked.data];
  });
}

export function deleteMark(owner: MarksOwner, id: string): Promise<DateMark[]> {
  return update(owner, (marks) => marks.filter((m) => m.id !== id));
}

/** Calls `onChange` whenever the owner's marks change in any extension page; returns the unsubscribe. */
export function watchMarks(owner: MarksOwner, onChange: (stored: StoredMarks) => void): () => void {
  const key = marksKey(owner);
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'local' && key in changes) onChange(parseStoredMarks(changes[key].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** `marks:<server>:<userId>:<project>` → its parts (servers may hold colons; Octopus ids never do). */
export function parseMarksKey(key: string): MarksOwner | undefined {
  const m = /^marks:(.+):([^:]+):([^:]+)$/.exec(key);
  return m ? { server: m[1], userId: m[2], project: m[3] } : undefined;
}

/** Deletes the marks of every server and user `matches` (a revoked server's, with its cache and reports). */
export async function deleteServerMarks(matches: (server: string, userId: string) => boolean): Promise<void> {
  const all = await browser.storage.local.get(null);
  const doomed = Object.keys(all).filter((key) => {
    const owner = parseMarksKey(key);
    return owner !== undefined && matches(owner.server, owner.userId);
  });
  if (doomed.length) await browser.storage.local.remove(doomed);
}
