/**
 * The options page's alerts section as rows (pure): the followed projects, each with its server and space
 * and its last alert, and the last alerts, newest first. Names come from the server: the components show
 * them as text.
 */
import type { AlertRecord } from '@/lib/goals/alert-decision';
import { formatDateTime } from './format';

/** A server's base URL without its scheme, as the options page names servers. */
const serverLabelOf = (server: string): string => server.replace(/^https?:\/\//, '');

export interface FollowedInput {
  server: string;
  userId: string;
  space: string;
  projectId: string;
  name: string;
}

/** A followed project's key among every server's and user's. */
export const followedKey = (f: FollowedInput): string => `${f.server} ${f.userId} ${f.space} ${f.projectId}`;

export interface FollowedRow {
  key: string;
  name: string;
  /** Server and space, e.g. `octopus.example · Spaces-1`. */
  where: string;
  /** When the project was last notified, or "No alert yet". */
  lastAlert: string;
}

export interface AlertRow {
  id: string;
  title: string;
  message: string;
  when: string;
  where: string;
  unread: boolean;
}

/**
 * @example
 * alertRows(followed, alerts, 'UTC', 'en-GB').followed[0]
 * //=> { key: 'https://o.example Users-1 Spaces-1 Projects-1', name: 'Web', where: 'o.example · Spaces-1', lastAlert: '3 Dec 2026, 12:00' }
 */
export function alertRows(followed: readonly FollowedInput[], alerts: readonly AlertRecord[], timeZone: string, locale?: string): { followed: FollowedRow[]; alerts: AlertRow[] } {
  const newest = [...alerts].sort((a, b) => b.at - a.at);
  return {
    followed: followed.map((f) => {
      const last = newest.find((a) => a.server === f.server && a.space === f.space && a.projectId === f.projectId);
      return {
        key: followedKey(f),
        name: f.name,
        where: `${serverLabelOf(f.server)} · ${f.space}`,
        lastAlert: last ? formatDateTime(last.at, timeZone, locale) : 'No alert yet',
      };
    }),
    alerts: newest.map((a) => ({
      id: a.id,
      title: a.title,
      message: a.message,
      when: formatDateTime(a.at, timeZone, locale),
      where: `${serverLabelOf(a.server)} · ${a.space}`,
      unread: !a.read,
    })),
  };
}
