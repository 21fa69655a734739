import { describe, expect, it } from 'vitest';
import { syncLine } from '@/lib/display/sync-line';

const NOW = Date.UTC(2026, 10, 25, 12);

describe('the sync status line', () => {
  it('shows the step, how far it is and how fast while a sync runs', () => {
    expect(syncLine({ state: 'running', progress: { phase: 'deployments', done: 2000, total: 8000, rate: 950.4 } }, undefined, NOW)).toEqual({
      running: true,
      text: 'Reading deployments — 2,000 of 8,000 (950/s)',
      fraction: 0.25,
    });
    expect(syncLine({ state: 'running', progress: { phase: 'dims', done: 3 } }, undefined, NOW)).toEqual({ running: true, text: 'Reading projects and environments', fraction: undefined });
    expect(syncLine({ state: 'running' }, undefined, NOW).text).toBe('Starting sync');
  });

  it('says when the data was last synced, and whether the last sync failed', () => {
    expect(syncLine({ state: 'done' }, NOW - 5 * 60_000, NOW)).toEqual({ running: false, text: 'Synced 5 min ago' });
    expect(syncLine({ state: 'failed', lastSyncedAt: NOW - 3 * 3_600_000 }, undefined, NOW).text).toBe('Last sync failed. Synced 3 h ago');
    expect(syncLine(undefined, undefined, NOW).text).toBe('Synced never');
  });
});
