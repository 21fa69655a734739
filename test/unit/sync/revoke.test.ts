/**
 * Revoking a server (in Options or the browser's own extension settings) stops DORA Lens's requests to it at
 * once: the worker's request guard refuses the very next request, and the syncs already running for it are
 * aborted. Against the emulator over real HTTP, as the worker does it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { deleteCache, listCaches } from '@/lib/store/cache';
import { runSync, setRequestGuard, stopRevokedSyncs } from '@/lib/sync/service';
import { Refused } from '@/lib/trust/refused';
import { type RunningEmulator, startEmulator } from '../../emulator/server';
import { EMULATOR_USERS } from '../../emulator/users';
import { sessionFetch } from '../../support/session-fetch';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ scale: 'tiny', port: 0, seed: 6 });
});
afterAll(() => emulator.close());
afterEach(async () => {
  vi.unstubAllGlobals();
  setRequestGuard(async () => {});
  for (const { server, userId } of await listCaches()) await deleteCache(server, userId);
});

describe('a revoked server', () => {
  // Each of the two mechanisms alone must stop the sync: the guard before every request, and the abort of
  // the syncs running for the server when the browser reports the grant removed.
  it.each([
    ['the request guard', { guard: true, abort: false }],
    ['aborting its running syncs', { guard: false, abort: true }],
  ])('gets no request after the grant is gone (%s), and its running sync fails as refused', async (_, how) => {
    const session = sessionFetch(emulator.url);
    await session.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
    let enabled = true;
    /** Set once the revocation has taken effect (the grant is gone, or the running syncs were told). */
    let revoked = false;
    let afterRevoke = 0;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      if (revoked) afterRevoke++;
      return session.fetch(input, init);
    });
    setRequestGuard(async (url) => {
      if (how.guard && !enabled) throw new Refused('not-enabled', `no host permission for ${url}`);
    });
    const published: string[] = [];
    const sync = runSync(emulator.url, 'Spaces-1', {
      publish: async (_key, status) => {
        published.push(status.state);
        // Revoked while the first sync is under way, as the user would from Options.
        if (status.progress?.phase === 'guided' && enabled) {
          enabled = false;
          if (how.abort) await stopRevokedSyncs(async () => enabled);
          revoked = true;
        }
      },
    });
    const outcome = await sync;
    expect(outcome !== 'already-running' && outcome.state).toBe('failed');
    expect(outcome !== 'already-running' && outcome.error).toMatchObject({ kind: 'not-allowed', reason: 'not-enabled' });
    expect(afterRevoke).toBe(0);
  });
});
