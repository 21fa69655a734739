/**
 * Goals and per-project settings (lib/goals/goal-documents.ts), per Octopus server, Octopus user and space,
 * in `browser.storage.sync` where the browser offers it — so a user's goals, followed projects and hotfix
 * channels follow them to their other browsers — else in `storage.local`:
 *
 * - `goals:<server>:<userId>:<space>` — the space's targets;
 * - `project:<server>:<userId>:<space>:<projectId>` — one project's overrides, hotfix channels and follow.
 *
 * One item per project keeps each far below storage.sync's 8 KB per item; a space has at most as many items
 * as projects the user changed something on, against its 512-item limit. A write that storage.sync refuses
 * (a quota, sync switched off by policy) goes to `storage.local` instead, and each key lives in one area
 * at a time, so a read takes whichever holds it. Every read is validated (zod): what another device or
 * version wrote and does not fit is reported and left out.
 */
import browser from 'webextension-polyfill';
import { type Parsed, parseProjectSettings, parseSpaceGoals, type ProjectSettingsDocument, projectSettingsDocument, spaceGoalsDocument } from '@/lib/goals/goal-documents';
import type { GoalTargets } from '@/lib/goals/goal-targets';

/** Whose goals: the server's base URL, the signed-in Octopus user, the space. */
export interface GoalsOwner {
  server: string;
  userId: string;
  space: string;
}

export type ProjectSettings = Omit<ProjectSettingsDocument, 'version'>;

export const goalsKey = ({ server, userId, space }: GoalsOwner): string => `goals:${server}:${userId}:${space}`;
export const projectKey = ({ server, userId, space }: GoalsOwner, projectId: string): string => `project:${server}:${userId}:${space}:${projectId}`;

/**
 * `project:<server>:<userId>:<space>:<projectId>` → its parts. Servers may hold colons (ports); Octopus ids
 * never do.
 */
export function parseProjectKey(key: string): (GoalsOwner & { projectId: string }) | undefined {
  const match = /^project:(.+):([A-Za-z]+-[\w-]+):(Spaces-\d+):(Projects-\d+)$/.exec(key);
  return match ? { server: match[1], userId: match[2], space: match[3], projectId: match[4] } : undefined;
}

/** storage.sync's per-item quota (QUOTA_BYTES_PER_ITEM): key plus JSON value. */
const SYNC_ITEM_BYTES = 8192;

type Area = browser.Storage.StorageArea;
/** storage.sync where the browser has it (it syncs when the user signed in to the browser), else none. */
const syncArea = (): Area | undefined => (browser.storage as { sync?: Area }).sync;

async function read(key: string): Promise<unknown> {
  const sync = syncArea();
  const synced = sync ? (await sync.get(key).catch((): Record<string, unknown> => ({})))[key] : undefined;
  return synced !== undefined ? synced : (await browser.storage.local.get(key))[key];
}

/** Writes `value` (or removes the key, `undefined`) in storage.sync, falling back to storage.local. */
async function write(key: string, value: unknown): Promise<'sync' | 'local'> {
  const sync = syncArea();
  if (value === undefined) {
    await Promise.all([sync?.remove(key).catch(() => undefined), browser.storage.local.remove(key)]);
    return sync ? 'sync' : 'local';
  }
  const fits = new TextEncoder().encode(key + JSON.stringify(value)).length <= SYNC_ITEM_BYTES;
  if (sync && fits) {
    try {
      await sync.set({ [key]: value });
      await browser.storage.local.remove(key);
      return 'sync';
    } catch (error) {
      console.warn(`DORA Lens: storage.sync refused ${key}; keeping it in this browser only`, error);
    }
  }
  await browser.storage.local.set({ [key]: value });
  await sync?.remove(key).catch(() => undefined);
  return 'local';
}

/** Every item of both areas, storage.sync's winning (a key lives in one at a time). */
async function readBoth(): Promise<Record<string, unknown>> {
  const synced = (await syncArea()?.get(null).catch((): Record<string, unknown> => ({}))) ?? {};
  return { ...(await browser.storage.local.get(null)), ...synced };
}

// Writes from one page go one after another, so two quick changes never overwrite each other.
let writes: Promise<unknown> = Promise.resolve();
const serial = <T>(task: () => Promise<T>): Promise<T> => {
  const next = writes.then(task);
  writes = next.catch(() => undefined);
  return next;
};

export async function readSpaceGoals(owner: GoalsOwner): Promise<Parsed<GoalTargets>> {
  return parseSpaceGoals(await read(goalsKey(owner)));
}

/** Saves the space's targets (an empty set removes them). Refuses an invalid target (a caller's bug). */
export function saveSpaceGoals(owner: GoalsOwner, targets: GoalTargets): Promise<'sync' | 'local'> {
  const document = spaceGoalsDocument(targets);
  return serial(() => write(goalsKey(owner), Object.keys(targets).length > 0 ? document : undefined));
}

export async function readProjectSettings(owner: GoalsOwner, projectId: string): Promise<Parsed<ProjectSettings>> {
  return parseProjectSettings(await read(projectKey(owner, projectId)));
}

/** Every project of the space with stored settings, by project id, and what could not be read. */
export async function readSpaceProjects(owner: GoalsOwner): Promise<{ projects: Map<string, ProjectSettings>; problems: string[] }> {
  const all = await readBoth();
  const projects = new Map<string, ProjectSettings>();
  const problems: string[] = [];
  for (const [key, value] of Object.entries(all)) {
    const parts = parseProjectKey(key);
    if (!parts || parts.server !== owner.server || parts.userId !== owner.userId || parts.space !== owner.space) continue;
    const parsed = parseProjectSettings(value);
    projects.set(parts.projectId, parsed.value);
    problems.push(...parsed.problems);
  }
  return { projects, problems };
}

/**
 * Changes some of a project's settings (`undefined` fields are left as they are; a `goals` value replaces
 * the overrides). Settings left empty remove the item. Refuses an invalid value (a caller's bug).
 */
export function updateProjectSettings(owner: GoalsOwner, projectId: string, patch: ProjectSettings): Promise<ProjectSettings> {
  return serial(async () => {
    const current = (await readProjectSettings(owner, projectId)).value;
    const next: ProjectSettings = { ...current };
    for (const [field, value] of Object.entries(patch) as [keyof ProjectSettings, unknown][]) {
      if (value !== undefined) Object.assign(next, { [field]: value });
    }
    const empty = !next.follow && !(next.hotfixChannels?.length ?? 0) && Object.keys(next.goals ?? {}).length === 0;
    await write(projectKey(owner, projectId), empty ? undefined : projectSettingsDocument(next));
    return next;
  });
}

/** A followed project, wherever its settings are. */
export interface FollowedProject extends GoalsOwner {
  projectId: string;
  name: string;
}

/** Every followed project of every server and user (the worker's alerts, the options page). */
export async function listFollowed(): Promise<FollowedProject[]> {
  const all = await readBoth();
  const followed: FollowedProject[] = [];
  for (const [key, value] of Object.entries(all)) {
    const parts = parseProjectKey(key);
    if (!parts) continue;
    const settings = parseProjectSettings(value).value;
    if (settings.follow) followed.push({ ...parts, name: settings.name ?? parts.projectId });
  }
  return followed.sort((a, b) => a.server.localeCompare(b.server) || a.name.localeCompare(b.name));
}

/**
 * Calls `onChange` whenever any page — or another device, through storage.sync — changes goals or project
 * settings of this owner's space; returns the unsubscribe.
 */
export function watchGoals(owner: GoalsOwner, onChange: () => void): () => void {
  const goals = goalsKey(owner);
  const prefix = `project:${owner.server}:${owner.userId}:${owner.space}:`;
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area !== 'sync' && area !== 'local') return;
    // A key leaving one area for the other shows as a removal there: only real changes count.
    const changed = Object.entries(changes).some(([key, c]) => (key === goals || key.startsWith(prefix)) && JSON.stringify(c.oldValue) !== JSON.stringify(c.newValue));
    if (changed) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Deletes the goals and project settings whose server and user match (the options page's "delete"). */
export async function deleteServerGoals(matches: (server: string, userId: string) => boolean): Promise<void> {
  for (const area of [browser.storage.local, syncArea()]) {
    if (!area) continue;
    const keys = Object.keys(await area.get(null).catch((): Record<string, unknown> => ({})));
    const doomed = keys.filter((key) => {
      const owner = parseProjectKey(key) ?? parseGoalsKey(key);
      return owner !== undefined && matches(owner.server, owner.userId);
    });
    if (doomed.length) await area.remove(doomed);
  }
}

function parseGoalsKey(key: string): GoalsOwner | undefined {
  const match = /^goals:(.+):([A-Za-z]+-[\w-]+):(Spaces-\d+)$/.exec(key);
  return match ? { server: match[1], userId: match[2], space: match[3] } : undefined;
}
