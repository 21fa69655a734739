// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { askWorker } from '@/lib/ui/ask-worker';
import { openCache } from '@/lib/store/cache';
import { useSpaceHistory } from '@/lib/ui/use-space-history';
import { statusKey } from '@/lib/sync/status';
import { historyFrom } from '../../factories';

vi.mock('@/lib/ui/ask-worker', () => ({ askWorker: vi.fn(), WorkerError: class extends Error {} }));
vi.mock('@/lib/store/cache', () => ({ openCache: vi.fn() }));

const SERVER = 'https://octopus.example.com';
const KEY = statusKey(SERVER, 'Users-1', 'Spaces-1');
const OPTIONS = { blockedIsFailure: true, staleAfterMs: Number.POSITIVE_INFINITY };
const history = historyFrom({
  environments: ['Production'],
  releases: [{ project: 'Web', version: '1.0', assembled: '2025-01-01T00:00:00Z' }],
  deployments: [{ project: 'Web', environment: 'Production', release: '1.0', completed: '2025-01-01T01:00:00Z', state: 'Success' }],
});

function Probe() {
  const { data, status } = useSpaceHistory(SERVER, 'Spaces-1', OPTIONS);
  return <p data-testid="probe">{`${status?.state ?? 'none'} ${data.state} ${data.state === 'ready' ? data.lastSyncedAt : '-'}`}</p>;
}

/** A cache whose reads are numbered: read k's metadata says it was synced at k × 1000; the first read's history waits for `firstRead`. */
function slowFirstCache() {
  let release: () => void = () => undefined;
  const firstRead = new Promise<void>((resolve) => {
    release = resolve;
  });
  let metas = 0;
  let histories = 0;
  vi.mocked(openCache).mockImplementation(
    async () =>
      ({
        readMeta: async () => ({ checkpoint: { v: 1, phase: 'ready' }, lastSyncedAt: ++metas * 1000 }),
        readHistory: async () => {
          if (++histories === 1) await firstRead;
          return history;
        },
        readSyncState: async () => undefined,
        close: () => undefined,
      }) as never,
  );
  return { release, histories: () => histories };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(askWorker).mockImplementation((async (message: { type: string }) =>
    message.type === 'authorize' ? { lastUserId: 'Users-1' } : message.type === 'session' ? { userId: 'Users-1', userName: 'Ada' } : {}) as never);
});
afterEach(cleanup);

describe('useSpaceHistory', () => {
  it('keeps the newest sync status and the newest read when a sync ends while the first read is still running', async () => {
    await fakeBrowser.storage.local.set({ [KEY]: { server: SERVER, userId: 'Users-1', space: 'Spaces-1', state: 'running', startedAt: 1 } });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const cache = slowFirstCache();
    render(<Probe />);
    // The page has read the stored status ("running") and waits for its first read of the cache.
    await waitFor(() => expect(get).toHaveBeenCalledWith(KEY));
    expect(cache.histories()).toBe(1);
    // The sync ends meanwhile: the page hears it and reads the cache again, which answers at once.
    await fakeBrowser.storage.local.set({ [KEY]: { server: SERVER, userId: 'Users-1', space: 'Spaces-1', state: 'done', startedAt: 1, finishedAt: 2 } });
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('done ready 2000'));
    // Then the first read ends: older on both counts, it changes nothing.
    cache.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByTestId('probe').textContent).toBe('done ready 2000');
  });
});
