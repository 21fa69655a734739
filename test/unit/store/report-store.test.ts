import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  countReports,
  deleteReport,
  deleteServerReports,
  legacyReportsKey,
  parseReportsKey,
  readReports,
  type ReportsOwner,
  reportsKey,
  saveReport,
  saveReports,
  watchReports,
} from '../../../lib/store/report-store';
import { definition } from '../report/fixture';

const ORIGIN = 'https://octopus.example.com';
const USER = 'Users-1';
const owner = (space = 'Spaces-1', server = ORIGIN, userId = USER): ReportsOwner => ({ server, userId, space });
const stored = async (space = 'Spaces-1') => (await fakeBrowser.storage.local.get(reportsKey(owner(space))))[reportsKey(owner(space))];

beforeEach(() => {
  fakeBrowser.reset();
});

describe('saved reports', () => {
  it('are kept per server, user and space', async () => {
    await saveReport(owner('Spaces-1'), definition({ id: 'r-a', name: 'A' }));
    await saveReport(owner('Spaces-2'), definition({ id: 'r-b', name: 'B' }));
    await saveReport(owner('Spaces-1', 'https://other.example.com'), definition({ id: 'r-c', name: 'C' }));
    expect((await readReports(owner('Spaces-1'))).reports.map((r) => r.name)).toEqual(['A']);
    expect((await readReports(owner('Spaces-2'))).reports.map((r) => r.name)).toEqual(['B']);
    expect(await stored()).toEqual({ version: 1, reports: [definition({ id: 'r-a', name: 'A' })] });
    // A second Octopus user of the same browser profile sees none of them.
    expect((await readReports(owner('Spaces-1', ORIGIN, 'Users-2'))).reports).toEqual([]);
    // Nor does a second server under another path of the same host.
    expect((await readReports(owner('Spaces-1', `${ORIGIN}/octopus`))).reports).toEqual([]);
  });

  it('saved before they were per user move to the first user who opens them, and only to that user', async () => {
    const legacy = { version: 1, reports: [definition({ id: 'r-old', name: 'Old' })] };
    await fakeBrowser.storage.local.set({ [legacyReportsKey(owner())]: legacy });
    expect((await readReports(owner())).reports.map((r) => r.name)).toEqual(['Old']);
    expect((await fakeBrowser.storage.local.get(legacyReportsKey(owner())))[legacyReportsKey(owner())]).toBeUndefined();
    expect(await stored()).toEqual(legacy);
    expect((await readReports(owner('Spaces-1', ORIGIN, 'Users-2'))).reports).toEqual([]);
  });

  it('are counted per server and user, and deleted per server (legacy ones too)', async () => {
    await saveReport(owner('Spaces-1'), definition({ id: 'r-a', name: 'A' }));
    await saveReport(owner('Spaces-2'), definition({ id: 'r-b', name: 'B' }));
    await saveReport(owner('Spaces-1', 'http://127.0.0.1:8066'), definition({ id: 'r-c', name: 'C' }));
    await fakeBrowser.storage.local.set({ [legacyReportsKey(owner('Spaces-3'))]: { version: 1, reports: [] } });
    expect(await countReports()).toEqual(new Map([[`${ORIGIN}\n${USER}`, 2], [`http://127.0.0.1:8066\n${USER}`, 1]]));
    await deleteServerReports((server) => server === ORIGIN);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([reportsKey(owner('Spaces-1', 'http://127.0.0.1:8066'))]);
  });

  it('keys name their owner, and a legacy key with a port is not read as one', () => {
    expect(parseReportsKey(reportsKey(owner('Spaces-12', 'http://127.0.0.1:8066/octopus')))).toEqual(owner('Spaces-12', 'http://127.0.0.1:8066/octopus'));
    expect(parseReportsKey(legacyReportsKey(owner('Spaces-1', 'http://127.0.0.1:8066')))).toBeUndefined();
  });

  it('are replaced by id on save and removed on delete', async () => {
    await saveReport(owner('Spaces-1'), definition({ id: 'r-a', name: 'A' }));
    await saveReport(owner('Spaces-1'), definition({ id: 'r-b', name: 'B' }));
    await saveReport(owner('Spaces-1'), definition({ id: 'r-a', name: 'A2' }));
    expect((await readReports(owner('Spaces-1'))).reports.map((r) => r.name)).toEqual(['A2', 'B']);
    await deleteReport(owner('Spaces-1'), 'r-a');
    expect((await readReports(owner('Spaces-1'))).reports.map((r) => r.name)).toEqual(['B']);
  });

  it('survive quick successive saves (writes are queued)', async () => {
    await Promise.all(['a', 'b', 'c', 'd'].map((x) => saveReport(owner('Spaces-1'), definition({ id: `r-${x}`, name: x }))));
    expect((await readReports(owner('Spaces-1'))).reports.map((r) => r.id)).toEqual(['r-a', 'r-b', 'r-c', 'r-d']);
  });

  it('refuse an invalid report instead of storing it', async () => {
    await expect(saveReport(owner('Spaces-1'), definition({ name: '' }))).rejects.toThrow('The report needs a name');
    await expect(saveReports(owner('Spaces-1'), [definition({ id: 'r-ok' }), definition({ id: 'r-bad', timeZone: 'Nope' })])).rejects.toThrow('Nope');
    expect(await stored()).toBeUndefined();
  });

  it('skip and report bad entries, keeping the good ones', async () => {
    await fakeBrowser.storage.local.set({
      [reportsKey(owner('Spaces-1'))]: {
        version: 1,
        reports: [definition({ id: 'r-good', name: 'Good' }), { ...definition({ id: 'r-bad', name: 'Bad' }), environmentGroups: 'Production' }, 'junk', definition({ id: 'r-good', name: 'Copy' })],
      },
    });
    const { reports, problems } = await readReports(owner('Spaces-1'));
    expect(reports.map((r) => r.name)).toEqual(['Good']);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('Saved report 2 was skipped: “Bad”: environmentGroups:');
    expect(problems[1]).toContain('Saved report 3 was skipped');
    expect(problems[2]).toContain('its id is used by another report');
  });

  it.each([
    ['a string', 'reports'],
    ['a number', 42],
    ['an array', [definition()]],
    ['an unknown version', { version: 9, reports: [] }],
    ['reports that are not a list', { version: 1, reports: {} }],
  ])('never throw on %s stored under the key', async (_, value) => {
    await fakeBrowser.storage.local.set({ [reportsKey(owner('Spaces-1'))]: value });
    const result = await readReports(owner('Spaces-1'));
    expect(result.reports).toEqual([]);
    expect(result.problems).toHaveLength(1);
  });

  it('tell every open page about changes to their space only', async () => {
    const seen: string[][] = [];
    const stop = watchReports(owner('Spaces-1'), (s) => seen.push(s.reports.map((r) => r.name)));
    await saveReport(owner('Spaces-1'), definition({ id: 'r-a', name: 'A' }));
    await saveReport(owner('Spaces-2'), definition({ id: 'r-b', name: 'B' }));
    stop();
    await saveReport(owner('Spaces-1'), definition({ id: 'r-c', name: 'C' }));
    expect(seen).toEqual([['A']]);
  });
});
