import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { deleteReport, readReports, reportsKey, saveReport, saveReports, watchReports } from '../../../lib/report/report-storage';
import { definition } from './fixture';

const ORIGIN = 'https://octopus.example.com';
const stored = async (space = 'Spaces-1') => (await fakeBrowser.storage.local.get(reportsKey(ORIGIN, space)))[reportsKey(ORIGIN, space)];

beforeEach(() => {
  fakeBrowser.reset();
});

describe('saved reports', () => {
  it('are kept per server and space', async () => {
    await saveReport(ORIGIN, 'Spaces-1', definition({ id: 'r-a', name: 'A' }));
    await saveReport(ORIGIN, 'Spaces-2', definition({ id: 'r-b', name: 'B' }));
    await saveReport('https://other.example.com', 'Spaces-1', definition({ id: 'r-c', name: 'C' }));
    expect((await readReports(ORIGIN, 'Spaces-1')).reports.map((r) => r.name)).toEqual(['A']);
    expect((await readReports(ORIGIN, 'Spaces-2')).reports.map((r) => r.name)).toEqual(['B']);
    expect(await stored()).toEqual({ version: 1, reports: [definition({ id: 'r-a', name: 'A' })] });
  });

  it('are replaced by id on save and removed on delete', async () => {
    await saveReport(ORIGIN, 'Spaces-1', definition({ id: 'r-a', name: 'A' }));
    await saveReport(ORIGIN, 'Spaces-1', definition({ id: 'r-b', name: 'B' }));
    await saveReport(ORIGIN, 'Spaces-1', definition({ id: 'r-a', name: 'A2' }));
    expect((await readReports(ORIGIN, 'Spaces-1')).reports.map((r) => r.name)).toEqual(['A2', 'B']);
    await deleteReport(ORIGIN, 'Spaces-1', 'r-a');
    expect((await readReports(ORIGIN, 'Spaces-1')).reports.map((r) => r.name)).toEqual(['B']);
  });

  it('survive quick successive saves (writes are queued)', async () => {
    await Promise.all(['a', 'b', 'c', 'd'].map((x) => saveReport(ORIGIN, 'Spaces-1', definition({ id: `r-${x}`, name: x }))));
    expect((await readReports(ORIGIN, 'Spaces-1')).reports.map((r) => r.id)).toEqual(['r-a', 'r-b', 'r-c', 'r-d']);
  });

  it('refuse an invalid report instead of storing it', async () => {
    await expect(saveReport(ORIGIN, 'Spaces-1', definition({ name: '' }))).rejects.toThrow('The report needs a name');
    await expect(saveReports(ORIGIN, 'Spaces-1', [definition({ id: 'r-ok' }), definition({ id: 'r-bad', timeZone: 'Nope' })])).rejects.toThrow('Nope');
    expect(await stored()).toBeUndefined();
  });

  it('skip and report bad entries, keeping the good ones', async () => {
    await fakeBrowser.storage.local.set({
      [reportsKey(ORIGIN, 'Spaces-1')]: {
        version: 1,
        reports: [definition({ id: 'r-good', name: 'Good' }), { ...definition({ id: 'r-bad', name: 'Bad' }), environmentGroups: 'Production' }, 'junk', definition({ id: 'r-good', name: 'Copy' })],
      },
    });
    const { reports, problems } = await readReports(ORIGIN, 'Spaces-1');
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
    await fakeBrowser.storage.local.set({ [reportsKey(ORIGIN, 'Spaces-1')]: value });
    const result = await readReports(ORIGIN, 'Spaces-1');
    expect(result.reports).toEqual([]);
    expect(result.problems).toHaveLength(1);
  });

  it('tell every open page about changes to their space only', async () => {
    const seen: string[][] = [];
    const stop = watchReports(ORIGIN, 'Spaces-1', (s) => seen.push(s.reports.map((r) => r.name)));
    await saveReport(ORIGIN, 'Spaces-1', definition({ id: 'r-a', name: 'A' }));
    await saveReport(ORIGIN, 'Spaces-2', definition({ id: 'r-b', name: 'B' }));
    stop();
    await saveReport(ORIGIN, 'Spaces-1', definition({ id: 'r-c', name: 'C' }));
    expect(seen).toEqual([['A']]);
  });
});
