import { describe, expect, it } from 'vitest';
import { formatLeft, syncLine } from '@/lib/display/sync-line';

const NOW = Date.UTC(2026, 10, 25, 12);
const expected = { releases: 4000, deployments: 8000 };

describe('the sync status line', () => {
  it('shows one bar across every step of a first sync, weighted by the work each step reads', () => {
    // 4,000 releases + 4 × 8,000 deployments = 36,000 units after the small steps' 4 %.
    const at = (phase: string, done: number, total?: number) => syncLine({ state: 'running', progress: { phase, done, total, expected } }, undefined, NOW).fraction;
    expect(at('dims', 0)).toBe(0);
    expect(at('guided', 50, 100)).toBeCloseTo(0.01, 10);
    expect(at('defects', 100, 100)).toBeCloseTo(0.04, 10);
    expect(at('releases', 2000, 4000)).toBeCloseTo(0.04 + 0.96 * (2000 / 36000), 10);
    expect(at('deployments', 2000, 8000)).toBeCloseTo(0.04 + 0.96 * (12000 / 36000), 10);
    expect(at('deployments', 8000, 8000)).toBeCloseTo(1, 10);
    // The bar never starts over: each step begins where the one before ended.
    expect(at('releases', 4000, 4000)).toBeCloseTo(at('deployments', 0, 8000)!, 10);
    expect(at('releases', 0, 4000)).toBeCloseTo(at('defects', 100, 100)!, 10);
  });

  it('estimates the time left from the step’s own rate', () => {
    const line = syncLine({ state: 'running', progress: { phase: 'deployments', done: 2000, total: 8000, rate: 50, expected } }, undefined, NOW);
    expect(line.text).toBe('Reading deployments — 2,000 of 8,000 · about 2 min left');
    // In the releases step, the deployments still to come count too: (1,000 + 4 × 8,000) / 500 per second = 66 s.
    expect(syncLine({ state: 'running', progress: { phase: 'releases', done: 3000, total: 4000, rate: 500, expected } }, undefined, NOW).text).toBe(
      'Reading releases — 3,000 of 4,000 · about 70 s left',
    );
    expect(syncLine({ state: 'running', progress: { phase: 'dims', done: 0, expected } }, undefined, NOW).text).toBe('Reading projects and environments');
    expect(syncLine({ state: 'running' }, undefined, NOW).text).toBe('Starting sync');
    expect([formatLeft(4), formatLeft(42), formatLeft(200)]).toEqual(['a few seconds left', 'about 45 s left', 'about 3 min left']);
  });

  it('without the totals (a sync resumed from an older checkpoint), shows the step’s own progress', () => {
    expect(syncLine({ state: 'running', progress: { phase: 'deployments', done: 2000, total: 8000 } }, undefined, NOW).fraction).toBe(0.25);
  });

  it('says when the data was last synced, and that it is not up to date when a sync failed or the session expired', () => {
    expect(syncLine({ state: 'done' }, NOW - 5 * 60_000, NOW)).toEqual({ running: false, text: 'Synced 5 min ago' });
    expect(syncLine({ state: 'failed', lastSyncedAt: NOW - 3 * 3_600_000 }, undefined, NOW)).toEqual({ running: false, stale: true, text: 'Not up to date: the last sync failed. Last synced 3 h ago' });
    expect(syncLine({ state: 'failed', error: { kind: 'not-signed-in' } }, NOW - 10_000, NOW).text).toBe('Not up to date: signed out of Octopus. Last synced just now');
    // A "Sync now" refused because the session expired: the numbers stay, marked as not current.
    expect(syncLine({ state: 'done' }, NOW - 60 * 60_000, NOW, { kind: 'not-signed-in' })).toEqual({ running: false, stale: true, text: 'Not up to date: signed out of Octopus. Last synced 1 h ago' });
    expect(syncLine(undefined, undefined, NOW).text).toBe('Synced never');
  });
});
