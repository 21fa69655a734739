import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type DateMark, deleteMark, deleteServerMarks, parseMarksKey, MARKS_VERSION, type MarksOwner, marksKey, parseStoredMarks, readMarks, saveMark, watchMarks } from '../../../lib/store/marks-store';

const owner = (project = 'Projects-1', userId = 'Users-1', server = 'https://octopus.example.com'): MarksOwner => ({ server, userId, project });
const mark = (id: string, at: number, label = 'Canary deployments'): DateMark => ({ id, at, label, source: { kind: 'date' } });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('date marks', () => {
  it('are kept per server, Octopus user and project, oldest first', async () => {
    await saveMark(owner(), mark('b', 2000));
    await saveMark(owner(), mark('a', 1000));
    await saveMark(owner('Projects-2'), mark('c', 3000));
    await saveMark(owner('Projects-1', 'Users-2'), mark('d', 4000));
    await saveMark(owner('Projects-1', 'Users-1', 'https://other.example.com'), mark('e', 5000));
    expect((await readMarks(owner())).marks.map((m) => m.id)).toEqual(['a', 'b']);
    expect((await readMarks(owner('Projects-2'))).marks.map((m) => m.id)).toEqual(['c']);
    expect((await readMarks(owner('Projects-1', 'Users-2'))).marks.map((m) => m.id)).toEqual(['d']);
    expect((await readMarks(owner('Projects-1', 'Users-1', 'https://other.example.com'))).marks.map((m) => m.id)).toEqual(['e']);
    expect(marksKey(owner())).toBe('marks:https://octopus.example.com:Users-1:Projects-1');
  });

  it('replace a mark with the same id and delete by id', async () => {
    await saveMark(owner(), mark('a', 1000, 'first'));
    await saveMark(owner(), mark('a', 1000, 'renamed'));
    expect((await readMarks(owner())).marks).toEqual([mark('a', 1000, 'renamed')]);
    await deleteMark(owner(), 'a');
    expect((await readMarks(owner())).marks).toEqual([]);
  });

  it('refuse an invalid mark', async () => {
    await expect(saveMark(owner(), { ...mark('a', 1000), at: Number.NaN })).rejects.toThrow(/Invalid date mark/);
    await expect(saveMark(owner(), { ...mark('', 1000) })).rejects.toThrow(/Invalid date mark/);
  });

  it('skip what fails validation on read, saying what', () => {
    const read = parseStoredMarks({ version: MARKS_VERSION, marks: [mark('a', 1000), { id: 'x', at: 'yesterday', label: 'x', source: { kind: 'date' } }, { ...mark('b', 500), label: 7 }] });
    expect(read.marks.map((m) => m.id)).toEqual(['a']);
    expect(read.problems).toHaveLength(2);
    expect(read.problems[0]).toMatch(/mark 2 was skipped: at:/);
    expect(parseStoredMarks({ version: 2, marks: [] })).toEqual({ marks: [], problems: [expect.stringMatching(/could not be read/)] });
    expect(parseStoredMarks('junk').problems).toHaveLength(1);
    expect(parseStoredMarks(undefined)).toEqual({ marks: [], problems: [] });
  });

  it('are heard by every page when they change', async () => {
    const heard: string[][] = [];
    const stop = watchMarks(owner(), (s) => heard.push(s.marks.map((m) => m.id)));
    await saveMark(owner(), mark('a', 1000));
    await saveMark(owner('Projects-2'), mark('z', 1000));
    stop();
    await saveMark(owner(), mark('b', 2000));
    expect(heard).toEqual([['a']]);
  });
});

describe('a server’s marks', () => {
  it('are found by key (a server with a port too) and deleted with the server, leaving others', async () => {
    const withPort = owner('Projects-3', 'Users-1', 'https://octopus.example.com:8443/octo');
    expect(parseMarksKey(marksKey(withPort))).toEqual(withPort);
    expect(parseMarksKey('reports:https://x:Users-1:Spaces-1')).toBeUndefined();
    await saveMark(owner(), mark('a', 1000));
    await saveMark(withPort, mark('b', 1000));
    await saveMark(owner('Projects-1', 'Users-1', 'https://other.example.com'), mark('c', 1000));
    await deleteServerMarks((server) => server.startsWith('https://octopus.example.com'));
    expect((await readMarks(owner())).marks).toEqual([]);
    expect((await readMarks(withPort)).marks).toEqual([]);
    expect((await readMarks(owner('Projects-1', 'Users-1', 'https://other.example.com'))).marks.map((m) => m.id)).toEqual(['c']);
  });
});
