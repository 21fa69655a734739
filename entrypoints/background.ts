import browser from 'webextension-polyfill';
import { defineBackground } from '#imports';
import type { Reply, WorkerReplies, WorkerRequest } from '@/lib/messages';
import { syncContentScripts } from '@/lib/servers';
import { getSettings, watchSettings } from '@/lib/settings';
import { refreshCachedSpaces } from '@/lib/sync/refresh';
import { describeError, runSync, type StatusSink, type SyncStatus, whoAmI } from '@/lib/sync/service';

/** Sync status for pages to watch (lib/sync/status.ts says why local storage). */
const sink: StatusSink = {
  publish: (key, status) => browser.storage.local.set({ [key]: status }),
};

/**
 * A status still "running" when the worker starts belongs to a sync that was stopped with the previous
 * worker: say so, so no page waits for it (its checkpoint resumes it on the next sync).
 */
async function markInterruptedSyncs(workerStartedAt: number): Promise<void> {
  const all = await browser.storage.local.get(null);
  const stopped = Object.entries(all).filter(
    ([key, value]) => key.startsWith('sync:') && (value as SyncStatus)?.state === 'running' && (value as SyncStatus).startedAt < workerStartedAt,
  );
  for (const [key, value] of stopped) {
    const message = 'The sync was interrupted (the browser stopped the extension). It continues where it stopped on the next sync.';
    await sink.publish(key, { ...(value as SyncStatus), state: 'failed', progress: undefined, error: { kind: 'interrupted', message, transient: true } });
  }
}

async function handle(request: WorkerRequest): Promise<WorkerReplies[WorkerRequest['type']]> {
  switch (request.type) {
    case 'session':
      return whoAmI(request.origin);
    case 'sync': {
      const session = await whoAmI(request.origin);
      // Not awaited: the reply says it started; progress and the outcome go through storage.session.
      void runSync(request.origin, request.space, sink, undefined, session);
      return { started: true, userId: session.userId };
    }
  }
}

const REFRESH_ALARM = 'dora-lens-refresh';

/** (Re)creates the refresh alarm at the user's interval; alarms survive the worker being stopped. */
async function scheduleRefresh(minutes?: number): Promise<void> {
  const periodInMinutes = minutes ?? (await getSettings()).refreshMinutes;
  const current = await browser.alarms.get(REFRESH_ALARM);
  if (current?.periodInMinutes !== periodInMinutes) browser.alarms.create(REFRESH_ALARM, { delayInMinutes: periodInMinutes, periodInMinutes });
}

export default defineBackground(() => {
  void markInterruptedSyncs(Date.now());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void refreshCachedSpaces(sink).catch((error) => console.error('DORA Lens: background refresh failed', error));
  });
  void scheduleRefresh();
  watchSettings((settings) => void scheduleRefresh(settings.refreshMinutes));

  // Content scripts for user-granted servers follow the grants, whichever page granted or revoked them.
  const registerScripts = () => void syncContentScripts().catch((error) => console.error('DORA Lens: registering content scripts failed', error));
  browser.permissions.onAdded.addListener(registerScripts);
  browser.permissions.onRemoved.addListener(registerScripts);
  browser.runtime.onStartup.addListener(registerScripts);
  browser.runtime.onInstalled.addListener(registerScripts);

  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    // Only our own pages and content scripts; the manifest exposes nothing to other extensions or sites.
    if (sender.id !== browser.runtime.id) return undefined;
    return handle(message as WorkerRequest).then(
      (value): Reply<unknown> => ({ ok: true, value }),
      (error): Reply<unknown> => ({ ok: false, error: describeError(error) }),
    );
  });
});
