import { describe, expect, it } from 'vitest';
import { prepare } from '@/lib/metrics/prepare';
import { spaceSummary } from '@/lib/summary/space-summary';
import { laterSyncFailure, summaryCoverage, summaryMetrics, summaryState, summaryTier } from '@/lib/summary/summary-view';
import { at, historyFrom } from '../../factories';

const NOW = at('2026-11-25T12:00:00Z');
const SIGN_IN = 'https://o.example/app#/users/sign-in';
const summary = spaceSummary(
  prepare(
    historyFrom({
      environments: ['Production'],
      releases: [
        { version: '1', assembled: '2026-11-01T00:00:00Z' },
        { version: '2', assembled: '2026-11-02T00:00:00Z' },
      ],
      deployments: [
        { environment: 'Production', release: '1', completed: '2026-11-01T05:00:00Z' },
        { environment: 'Production', release: '2', state: 'Failed', completed: '2026-11-02T01:00:00Z' },
        { environment: 'Production', release: '2', completed: '2026-11-02T03:00:00Z' },
      ],
    }),
  ),
  { now: NOW, tierYear: 2024 },
);

describe('the summary’s state', () => {
  const signedOut = { kind: 'not-signed-in', message: 'Sign in to Octopus.' };
  const failed = { kind: 'server-error', message: 'Octopus answered 503.' };

  it('follows the page’s data: loading, a failure, the first sync, the numbers', () => {
    expect(summaryState({ data: { state: 'loading', message: 'Checking…' }, signInUrl: SIGN_IN })).toEqual({ kind: 'loading', message: 'Checking…' });
    expect(summaryState({ data: { state: 'error', error: failed }, signInUrl: SIGN_IN })).toEqual({ kind: 'failed', message: failed.message });
    expect(summaryState({ data: { state: 'syncing' }, status: { state: 'running' }, signInUrl: SIGN_IN })).toEqual({ kind: 'first-sync' });
    expect(summaryState({ data: { state: 'ready', lastSyncedAt: 7 }, summary, signInUrl: SIGN_IN })).toEqual({ kind: 'ready', summary, lastSyncedAt: 7 });
    expect(summaryState({ data: { state: 'ready' }, signInUrl: SIGN_IN })).toEqual({ kind: 'loading', message: 'Computing…' });
  });

  it('asks to sign in, at the error’s own address or else the server’s', () => {
    expect(summaryState({ data: { state: 'error', error: signedOut }, signInUrl: SIGN_IN })).toEqual({ kind: 'signed-out', message: signedOut.message, signInUrl: SIGN_IN });
    const own = { ...signedOut, signInUrl: 'https://o.example/octopus/app#/users/sign-in' };
    expect(summaryState({ data: { state: 'error', error: own }, signInUrl: SIGN_IN })).toMatchObject({ signInUrl: own.signInUrl });
  });

  it('puts a failed first sync, or a sync that could not start, in place of the numbers', () => {
    expect(summaryState({ data: { state: 'syncing' }, status: { state: 'failed', error: signedOut }, signInUrl: SIGN_IN }).kind).toBe('signed-out');
    expect(summaryState({ data: { state: 'ready' }, summary, syncError: failed, signInUrl: SIGN_IN })).toEqual({ kind: 'failed', message: failed.message });
  });

  it('reports a later failed sync beside the numbers of the one before', () => {
    const ready = summaryState({ data: { state: 'ready' }, summary, signInUrl: SIGN_IN });
    expect(laterSyncFailure(ready, { state: 'failed', error: failed })).toEqual({ message: failed.message, signInUrl: undefined });
    expect(laterSyncFailure(ready, { state: 'done' })).toBeUndefined();
    expect(laterSyncFailure({ kind: 'first-sync' }, { state: 'failed', error: failed })).toBeUndefined();
  });
});

describe('the summary’s rows', () => {
  it('name DORA’s five metrics, the four as Octopus does, each with its value and sample', () => {
    expect(summaryMetrics(summary).map((m) => [m.title, m.value, m.raw, m.sample])).toEqual([
      ['Deployment frequency', '2', 2, 'successful · 0.07/day'],
      ['Deployment lead time', '4h', 4 * 3_600_000, 'median, n = 2'],
      ['Deployment failure rate', '33.3%', 1 / 3, '1 of 3 failed'],
      ['Mean time to recovery', '2h', 2 * 3_600_000, 'median, n = 1'],
      // The recovery (the third) is in the failure run the failed deployment opened: 1 of 3 unplanned.
      ['Deployment rework rate', '33.3%', 1 / 3, '1 of 3 unplanned'],
    ]);
    // DORA publishes no bands for rework: no tier there.
    expect(summaryMetrics(summary).map((m) => m.tier)).toEqual(['frequency', 'leadTime', 'failureRate', 'recovery', undefined]);
    expect(summaryMetrics(summary).map((m) => m.unit)).toEqual([
      'Successful deployments per day, last 30 days',
      'Median lead time per day, last 30 days',
      'Failure rate per day, last 30 days',
      'Median time to recovery per day, last 30 days',
      'Rework rate per day, last 30 days',
    ]);
  });

  it('carry the space’s goals, judged on the 30 days with their 95 % intervals', () => {
    const goals = summaryMetrics(summary, { frequency: 1, failureRate: 0.5, recovery: 3 * 3_600_000, reworkRate: 0.05 }).map((m) => [m.id, m.goal?.state, m.goal?.confident]);
    expect(goals).toEqual([
      // 2 in 30 days: 0.07 a day; the exact Poisson upper bound for 2 events, 7.22 / 30 = 0.24, is below 1.
      ['frequency', 'missed', true],
      ['leadTime', undefined, undefined],
      // 1 of 3 = 33 % ≤ 50 %, but Wilson's interval (6.1 %–79.2 %) reaches across 50 %.
      ['failureRate', 'met', false],
      // One recovery of 2 h ≤ 3 h; too few values for an interval of the median.
      ['recovery', 'met', false],
      // 1 of 3 unplanned against 5 %: Wilson's lower bound, 6.1 %, is above it too.
      ['reworkRate', 'missed', true],
    ]);
  });

  it('say which projects and environments they cover', () => {
    expect(summaryCoverage(summary)).toBe('Last 30 days · 1 project in Production');
  });

  it('rate with DORA Lens’s tier, saying why not when they cannot', () => {
    expect(summaryTier({ tier: 'elite', range: null, sample: 40, reason: null } as never, 2024)).toEqual({
      tier: 'elite',
      text: 'Elite',
      why: "DORA Lens's rating against the DORA 2024 benchmarks (not Octopus's)",
    });
    expect(summaryTier({ tier: null, sample: 3, reason: 'too-few-values' } as never, 2024)).toEqual({ tier: 'none', text: 'Too few', why: 'Too few deployments for DORA Lens to rate (n = 3)' });
    expect(summaryTier({ tier: null, sample: 0, reason: 'no-data' } as never, 2024).text).toBe('No tier');
  });
});
