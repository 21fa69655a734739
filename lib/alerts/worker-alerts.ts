/**
 * The worker's side of alerts: after a background refresh, raise them (./raise-alerts.ts) when the user
 * turned alerts on and the browser granted `notifications`; keep the toolbar badge at the number of unread
 * alerts; open a project's panel when its notification is clicked.
 */
import browser from 'webextension-polyfill';
import { projectPanelUrl } from '@/lib/host/panel-link';
import { findProject } from '@/lib/panel/project-view';
import { prepare } from '@/lib/metrics/prepare';
import { projectHistory } from '@/lib/metrics/history-part';
import { markAlertsRead, readAllAlerts, unreadAlerts, updateAlerts } from '@/lib/store/alerts-store';
import { openCache } from '@/lib/store/cache';
import { listFollowed, readProjectSettings, readSpaceGoals } from '@/lib/store/goals-store';
import { getSettings } from '@/lib/store/settings-store';
import { localDate, type RefreshedSpace, raiseAlerts } from './raise-alerts';

export const NOTIFICATIONS_PERMISSION = { permissions: ['notifications'] as browser.Manifest.OptionalPermission[] };

/** Whether the browser lets DORA Lens show notifications (asked each time: the user may revoke it). */
export const notificationsGranted = (): Promise<boolean> => browser.permissions.contains(NOTIFICATIONS_PERMISSION).catch(() => false);

/** After a refresh: the followed projects of the synced spaces, judged and notified when alerts are on. */
export async function alertAfterRefresh(refreshed: readonly RefreshedSpace[], now = Date.now()): Promise<number> {
  const settings = await getSettings();
  if (!settings.alerts || refreshed.length === 0 || !(await notificationsGranted())) return 0;
  const raised = await raiseAlerts(refreshed, {
    now,
    today: localDate(now, settings.timeZone),
    settings,
    followed: listFollowed,
    spaceGoals: async (owner) => (await readSpaceGoals(owner)).value,
    projectSettings: async (owner, projectId) => (await readProjectSettings(owner, projectId)).value,
    prepared: async (owner, projectId, blockedIsFailure) => {
      const cache = await openCache(owner.server, owner.userId);
      try {
        // Only this project's rows are decoded (every figure of a project is its own).
        const history = await cache.readHistory(owner.space, projectId);
        const index = findProject(history.dims, projectId);
        return index < 0 ? undefined : prepare(projectHistory(history, index), { blockedIsFailure });
      } finally {
        cache.close();
      }
    },
    updateAlerts,
    notify: async (id, text) => {
      await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), ...text });
    },
  });
  return raised.length;
}

/** The badge shows how many alerts are unread (none: no badge). */
export async function updateBadge(): Promise<void> {
  const unread = await unreadAlerts();
  await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
  await browser.action.setBadgeText({ text: unread > 0 ? String(unread) : '' });
}

/**
 * A click on an alert's notification: its project's panel opens in a new tab, at an address built from the
 * server's base URL and the stored ids, and the alert is read. Returns the address, or nothing for a
 * notification that is not one of the stored alerts.
 */
export async function openAlert(notificationId: string): Promise<string | undefined> {
  const alert = (await readAllAlerts()).flatMap(({ alerts }) => alerts.log).find((a) => a.id === notificationId);
  if (!alert) return undefined;
  const url = projectPanelUrl(alert.server, alert.space, alert.projectId);
  await browser.tabs.create({ url });
  await markAlertsRead((a) => a.id === notificationId);
  await browser.notifications?.clear(notificationId).catch(() => undefined);
  return url;
}
