import { describe, expect, it } from 'vitest';
import { markInterruptedSyncs } from '@/lib/sync/interrupted';
import type { StatusSink, SyncStatus } from '@/lib/sync/status';

const status = (state: SyncStatus['state'], startedAt: number): SyncStatus => ({ server: 'https://o.example', userId: 'Users-1', space: 'Spaces-1', state, startedAt, progress: { phase: 'deployments', done: 5 } });

describe('syncs stopped with the previous worker', () => {
  it('are marked failed and interrupted, and nothing else is touched', async () => {
    const published: [string, SyncStatus][] = [];
    const sink: StatusSink = { publish: async (key, value) => void published.push([key, value]) };
    await markInterruptedSyncs(
      {
        'sync:https://o.example:Users-1:Spaces-1': status('running', 100),
        'sync:https://o.example:Users-1:Spaces-2': status('running', 300),
        'sync:https://o.example:Users-1:Spaces-3': status('done', 100),
        'server-info:https://o.example': { state: 'running', startedAt: 100 },
        settings: {},
      },
      sink,
      200,
    );
    expect(published).toEqual([
      [
        'sync:https://o.example:Users-1:Spaces-1',
        {
          ...status('running', 100),
          state: 'failed',
          progress: undefined,
          error: { kind: 'interrupted', message: 'The sync was interrupted (the browser stopped the extension). It continues where it stopped on the next sync.', transient: true },
        },
      ],
    ]);
  });
});
