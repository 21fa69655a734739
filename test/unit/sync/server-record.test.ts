/** When a later sync re-reads the API root: only when it fits in the sync's request budget. */
import { describe, expect, it } from 'vitest';
import type { ServerInfo } from '@/lib/octopus/server-info';
import { type KnownServer, rootDue, SERVER_INFO_MAX_AGE_MS, SERVER_INFO_STALE_MS } from '@/lib/sync/server-record';

const info: ServerInfo = { version: '2019.7.12', supported: true, capabilities: { spaces: true, taskCompletedDateFilter: false, eventAutoIdFilter: true } };
const READ_AT = Date.UTC(2025, 5, 18);
const remembered: KnownServer = { info, readAt: READ_AT, fresh: false, syncState: {} };
const HOUR = 3_600_000;

describe('rootDue', () => {
  it('never for a root read in this very sync', () => {
    expect(rootDue({ ...remembered, fresh: true }, READ_AT + SERVER_INFO_STALE_MS * 2, false, false)).toBe(false);
  });

  it('not within a day', () => {
    expect(rootDue(remembered, READ_AT + SERVER_INFO_MAX_AGE_MS - HOUR, false, false)).toBe(false);
  });

  it('after a day, only in a sync whose re-check needs no request', () => {
    const day = READ_AT + SERVER_INFO_MAX_AGE_MS + HOUR;
    expect(rootDue(remembered, day, false, false)).toBe(true);
    expect(rootDue(remembered, day, true, false)).toBe(false);
  });

  it('after a week, even when the re-check needs a request — unless the previous sync already left its re-check', () => {
    const week = READ_AT + SERVER_INFO_STALE_MS + HOUR;
    expect(rootDue(remembered, week, true, false)).toBe(true);
    expect(rootDue(remembered, week, true, true)).toBe(false);
    expect(rootDue(remembered, week, false, true)).toBe(true);
  });

  it('when the clock went back past the stored time', () => {
    expect(rootDue(remembered, READ_AT - HOUR, true, false)).toBe(true);
  });
});
