import browser from 'webextension-polyfill';
import { defineBackground } from '#imports';
import { alertAfterRefresh, openAlert, updateBadge } from '@/lib/alerts/worker-alerts';
import { watchAlerts } from '@/lib/store/alerts-store';
import type { Reply } from '@/lib/messages/protocol';
import { reportPageUrl } from '@/lib/report/report-page-url';
import { isServerEnabled, syncContentScripts } from '@/lib/servers/grants';
import { getSettings, watchSettings } from '@/lib/store/settings-store';
import { refreshCachedSpaces } from '@/lib/sync/refresh';
import { describeError, lastUser, projectAccess, readProjectChanges, runSync, serverSupport, setRequestGuard, stopRevokedSyncs, whoAmI } from '@/lib/sync/service';
import { markInterruptedSyncs } from '@/lib/sync/interrupted';
import { keepProjectAhead } from '@/lib/sync/keep-project-ahead';
import type { StatusSink } from '@/lib/sync/status';
import { callerOf } from '@/lib/trust/caller';
import { handleRequest, type WorkerDeps } from '@/lib/trust/handle-request';
import { openedPages } from '@/lib/trust/opened-pages';
import { requirePermission } from '@/lib/trust/permitted-fetch';
import { sessionArea } from '@/lib/trust/session-area';

/** Sync status for pages to watch (lib/sync/status.ts says why local storage). */
const sink: StatusSink = {
  publish: (key, status) => browser.storage.local.set({ [key]: status }),
};

const REFRESH_ALARM = 'dora-lens-refresh';

/** The refresh, then the alerts of the spaces it synced (lib/alerts/raise-alerts.ts). */
async function refreshAndAlert(): Promise<void> {
  const done = await refreshCachedSpaces(sink, isServerEnabled);
  await alertAfterRefresh(done.filter((d) => d.outcome === 'done'));
}

/** A click on an alert opens its project's panel. */
const onAlertClicked = (notificationId: string) => void openAlert(notificationId).catch((error) => console.error('DORA Lens: opening an alert failed', error));

/** (Re)creates the refresh alarm at the user's interval; alarms survive the worker being stopped. */
async function scheduleRefresh(minutes?: number): Promise<void> {
  const periodInMinutes = minutes ?? (await getSettings()).refreshMinutes;
  const current = await browser.alarms.get(REFRESH_ALARM);
  if (current?.periodInMinutes !== periodInMinutes) browser.alarms.create(REFRESH_ALARM, { delayInMinutes: periodInMinutes, periodInMinutes });
}

export default defineBackground(() => {
  // Every request to any server first asks the browser whether DORA Lens may still reach it.
  setRequestGuard(requirePermission);
  const pages = openedPages(sessionArea());
  const deps: WorkerDeps = {
    grants: { isEnabled: isServerEnabled, openedPage: (tabId) => pages.openedPage(tabId) },
    pages,
    whoAmI: (server) => whoAmI(server),
    lastUser,
    // Not awaited: progress and the outcome go through the status records.
    startSync: (server, space, session, firstProject) => void runSync(server, space, sink, undefined, session, firstProject),
    openTab: async (url) => void (await browser.tabs.create({ url })),
    // The extension's own address, not `runtime.getURL`: Chromium hands out the per-session URL of a
    // web-accessible page there, which a tab cannot be opened at.
    reportUrl: (server, space, ticket) => reportPageUrl(new URL('/insights.html', globalThis.location.href).href, server, space, { ticket }),
    serverSupport: (server) => serverSupport(server, (key, value) => browser.storage.local.set({ [key]: value })),
    projectAccess,
    projectChanges: (server, space, project, lifecycle) => readProjectChanges(server, space, project, lifecycle),
    keepProject: (server, space, project) => void keepProjectAhead(server, space, project, { lastUser }),
    refused: (reason, detail) => console.warn(`DORA Lens refused a request (${reason}): ${detail}`),
  };

  const startedAt = Date.now();
  void browser.storage.local.get(null).then((stored) => markInterruptedSyncs(stored, sink, startedAt));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void refreshAndAlert().catch((error) => console.error('DORA Lens: background refresh failed', error));
  });
  // `notifications` may not be granted (alerts off): its events exist only once it is.
  browser.notifications?.onClicked.addListener(onAlertClicked);
  browser.permissions.onAdded.addListener((added) => {
    if (added.permissions?.includes('notifications') && !browser.notifications.onClicked.hasListener(onAlertClicked)) browser.notifications.onClicked.addListener(onAlertClicked);
  });
  const badge = () => void updateBadge().catch((error) => console.error('DORA Lens: updating the badge failed', error));
  badge();
  watchAlerts(badge);
  // The browser tests cannot click a system notification: the e2e build lets them call this very listener.
  if (import.meta.env.MODE === 'e2e') Object.assign(globalThis, { doraLensAlertClicked: onAlertClicked });
  void scheduleRefresh();
  watchSettings((settings) => void scheduleRefresh(settings.refreshMinutes));

  // Content scripts for user-granted servers follow the grants, whichever page granted or revoked them.
  const registerScripts = () => void syncContentScripts().catch((error) => console.error('DORA Lens: registering content scripts failed', error));
  browser.permissions.onAdded.addListener(registerScripts);
  browser.permissions.onRemoved.addListener(() => {
    registerScripts();
    // A revoked server gets no further request: its running syncs stop now, its opened tabs lose their pass.
    void stopRevokedSyncs(isServerEnabled);
    void pages.forgetRevoked(isServerEnabled).catch((error) => console.error('DORA Lens: forgetting revoked pages failed', error));
  });
  browser.runtime.onStartup.addListener(registerScripts);
  browser.runtime.onInstalled.addListener(registerScripts);
  browser.tabs.onRemoved.addListener((tabId) => void pages.forgetTab(tabId));

  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    const caller = callerOf(sender, browser.runtime.id);
    return handleRequest(message, caller, deps).then(
      (value): Reply<unknown> => ({ ok: true, value }),
      (error): Reply<unknown> => ({ ok: false, error: describeError(error) }),
    );
  });
});
