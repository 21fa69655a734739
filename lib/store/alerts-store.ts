/**
 * What the alerts remember, per Octopus server and user, in `storage.local` (alerts belong to this browser:
 * they are its notifications) under `alerts:<server>:<userId>`: each followed project's alert state
 * (lib/goals/alert-decision.ts) and the last alerts raised, newest first, each read or not. The toolbar
 * badge counts the unread ones over every server and user. Validated on read: what does not fit is dropped.
 */
import browser from 'webextension-polyfill';
import { z } from 'zod';
import type { AlertRecord, ProjectAlertState } from '@/lib/goals/alert-decision';
import { GOAL_METRICS } from '@/lib/goals/goal-targets';

export const ALERTS_VERSION = 1;
/** How many alerts each server and user keeps. */
export const ALERT_LOG_LIMIT = 50;

export type { AlertRecord };

export interface AlertsDocument {
  version: typeof ALERTS_VERSION;
  /** By `<space>/<projectId>`. */
  projects: Record<string, ProjectAlertState>;
  log: AlertRecord[];
}

export interface AlertsOwner {
  server: string;
  userId: string;
}

export const alertsKey = ({ server, userId }: AlertsOwner): string => `alerts:${server}:${userId}`;

export function parseAlertsKey(key: string): AlertsOwner | undefined {
  const match = /^alerts:(.+):([A-Za-z]+-[\w-]+)$/.exec(key);
  return match ? { server: match[1], userId: match[2] } : undefined;
}

const schema = z.object({
  version: z.literal(ALERTS_VERSION),
  projects: z.record(
    z.string(),
    z.object({ known: z.array(z.enum(GOAL_METRICS as [string, ...string[]])), knownOpenRun: z.boolean(), notifiedOn: z.string().optional(), checkedAt: z.number().optional() }),
  ),
  log: z.array(
    z.object({
      id: z.string(),
      at: z.number(),
      server: z.string(),
      space: z.string().regex(/^Spaces-\d+$/),
      projectId: z.string().regex(/^Projects-\d+$/),
      projectName: z.string(),
      title: z.string(),
      message: z.string(),
      read: z.boolean(),
    }),
  ),
});

const empty = (): AlertsDocument => ({ version: ALERTS_VERSION, projects: {}, log: [] });

/**
 * @example
 * parseAlerts(undefined) //=> { version: 1, projects: {}, log: [] }
 */
export function parseAlerts(stored: unknown): AlertsDocument {
  const parsed = schema.safeParse(stored);
  return parsed.success ? (parsed.data as AlertsDocument) : empty();
}

export async function readAlerts(owner: AlertsOwner): Promise<AlertsDocument> {
  return parseAlerts((await browser.storage.local.get(alertsKey(owner)))[alertsKey(owner)]);
}

// One change at a time: the worker's refresh and a page marking alerts read never overwrite each other.
let writes: Promise<unknown> = Promise.resolve();

/** Applies `change` to the owner's alerts and stores the result (the log cut to its limit). */
export function updateAlerts(owner: AlertsOwner, change: (alerts: AlertsDocument) => AlertsDocument): Promise<AlertsDocument> {
  const next = writes.then(async () => {
    const changed = change(await readAlerts(owner));
    const document = { ...changed, log: changed.log.slice(0, ALERT_LOG_LIMIT) };
    await browser.storage.local.set({ [alertsKey(owner)]: document });
    return document;
  });
  writes = next.catch(() => undefined);
  return next;
}

/** Every server's and user's alerts. */
export async function readAllAlerts(): Promise<{ owner: AlertsOwner; alerts: AlertsDocument }[]> {
  const all = await browser.storage.local.get(null);
  return Object.entries(all).flatMap(([key, value]) => {
    const owner = parseAlertsKey(key);
    return owner ? [{ owner, alerts: parseAlerts(value) }] : [];
  });
}

/** Unread alerts over every server and user: the toolbar badge's count. */
export async function unreadAlerts(): Promise<number> {
  return (await readAllAlerts()).reduce((n, { alerts }) => n + alerts.log.filter((a) => !a.read).length, 0);
}

/** Marks alerts read: those `which` picks (default every one) of every server and user. */
export async function markAlertsRead(which: (alert: AlertRecord) => boolean = () => true): Promise<void> {
  for (const { owner, alerts } of await readAllAlerts()) {
    if (!alerts.log.some((a) => !a.read && which(a))) continue;
    await updateAlerts(owner, (doc) => ({ ...doc, log: doc.log.map((a) => (!a.read && which(a) ? { ...a, read: true } : a)) }));
  }
}

/** Calls `onChange` whenever any alerts change; returns the unsubscribe. */
export function watchAlerts(onChange: () => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'local' && Object.keys(changes).some((key) => key.startsWith('alerts:'))) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Deletes the alerts whose server and user match (the options page's "delete"). */
export async function deleteServerAlerts(matches: (server: string, userId: string) => boolean): Promise<void> {
  const keys = Object.keys(await browser.storage.local.get(null)).filter((key) => {
    const owner = parseAlertsKey(key);
    return owner !== undefined && matches(owner.server, owner.userId);
  });
  if (keys.length) await browser.storage.local.remove(keys);
}
