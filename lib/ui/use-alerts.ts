/**
 * The options page's alerts: the switch (turning it on asks the browser for `notifications`), the followed
 * projects of every server and user, the last alerts — live as the worker raises them — and what the user
 * does with them (open a project's panel, mark all read, stop following).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { NOTIFICATIONS_PERMISSION, openAlert } from '@/lib/alerts/worker-alerts';
import { alertRows, type FollowedInput, followedKey } from '@/lib/display/alert-rows';
import { errorText, type StatusNote } from '@/lib/display/status-note';
import type { Settings } from '@/lib/settings/settings';
import { type AlertRecord, markAlertsRead, readAllAlerts, watchAlerts } from '@/lib/store/alerts-store';
import { listFollowed, updateProjectSettings } from '@/lib/store/goals-store';

export function useAlerts(settings: Settings | undefined, change: (patch: Partial<Settings>, what: string) => void) {
  const [followed, setFollowed] = useState<FollowedInput[]>([]);
  const [alerts, setAlerts] = useState<AlertRecord[]>([]);
  const [status, setStatus] = useState<StatusNote>();

  const reload = () => {
    void listFollowed().then(setFollowed);
    void readAllAlerts().then((all) => setAlerts(all.flatMap(({ alerts: a }) => a.log)));
  };
  useEffect(() => {
    reload();
    const stopAlerts = watchAlerts(reload);
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'sync' || area === 'local') void listFollowed().then(setFollowed);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      stopAlerts();
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  /** Called in the click's own handler: Firefox grants a permission only from a user's action. */
  const toggle = (on: boolean) => {
    if (!on) {
      change({ alerts: false }, 'Alerts');
      return;
    }
    // A build that declares the permission outright (the browser tests') cannot request it: it is granted.
    browser.permissions
      .request(NOTIFICATIONS_PERMISSION)
      .catch(() => browser.permissions.contains(NOTIFICATIONS_PERMISSION))
      .then((granted) => {
        if (granted) change({ alerts: true }, 'Alerts');
        else setStatus({ tone: 'error', text: 'Alerts stay off: the browser did not allow notifications.' });
      });
  };

  const report = (promise: Promise<unknown>, failed: string) => promise.catch((error: unknown) => setStatus({ tone: 'error', text: `${failed}: ${errorText(error)}` }));

  return {
    on: settings?.alerts ?? false,
    rows: alertRows(followed, alerts, settings?.timeZone ?? 'UTC'),
    status,
    toggle,
    open: (id: string) => void report(openAlert(id), 'The panel did not open'),
    markAllRead: () => void report(markAlertsRead(), 'Not marked read'),
    unfollow: (key: string) => {
      const project = followed.find((f) => followedKey(f) === key);
      if (project) void report(updateProjectSettings(project, project.projectId, { follow: false }).then(reload), 'Still followed');
    },
  };
}
