import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  deleteServerGoals,
  type GoalsOwner,
  goalsKey,
  listFollowed,
  parseProjectKey,
  projectKey,
  readProjectSettings,
  readSpaceGoals,
  readSpaceProjects,
  saveSpaceGoals,
  updateProjectSettings,
  watchGoals,
} from '../../../lib/store/goals-store';

const SERVER = 'https://octopus.example.com:8443/octopus';
const owner = (space = 'Spaces-1', userId = 'Users-1', server = SERVER): GoalsOwner => ({ server, userId, space });

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('goals and project settings in storage.sync', () => {
  it('are kept per server, user and space, in storage.sync', async () => {
    expect(await saveSpaceGoals(owner(), { failureRate: 0.1, frequency: 1 })).toBe('sync');
    expect((await fakeBrowser.storage.sync.get(goalsKey(owner())))[goalsKey(owner())]).toEqual({ version: 1, targets: { failureRate: 0.1, frequency: 1 } });
    expect((await readSpaceGoals(owner())).value).toEqual({ failureRate: 0.1, frequency: 1 });
    // Another user of the browser, another space, another server under the same host: none of it.
    expect((await readSpaceGoals(owner('Spaces-1', 'Users-2'))).value).toEqual({});
    expect((await readSpaceGoals(owner('Spaces-2'))).value).toEqual({});
    expect((await readSpaceGoals(owner('Spaces-1', 'Users-1', 'https://octopus.example.com:8443'))).value).toEqual({});
  });

  it('a project’s settings change field by field; emptied, the item goes', async () => {
    await updateProjectSettings(owner(), 'Projects-7', { name: 'Payments', follow: true });
    await updateProjectSettings(owner(), 'Projects-7', { hotfixChannels: ['Channels-3'], goals: { leadTime: null } });
    expect((await readProjectSettings(owner(), 'Projects-7')).value).toEqual({ name: 'Payments', follow: true, hotfixChannels: ['Channels-3'], goals: { leadTime: null } });
    await updateProjectSettings(owner(), 'Projects-7', { follow: false, hotfixChannels: [], goals: {} });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('falls back to storage.local when storage.sync refuses a write, and a read finds it there', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    expect(await saveSpaceGoals(owner(), { reworkRate: 0.05 })).toBe('local');
    expect((await fakeBrowser.storage.local.get(goalsKey(owner())))[goalsKey(owner())]).toEqual({ version: 1, targets: { reworkRate: 0.05 } });
    expect((await readSpaceGoals(owner())).value).toEqual({ reworkRate: 0.05 });
    // The next write that sync takes moves the key back: one area holds it at a time.
    expect(await saveSpaceGoals(owner(), { reworkRate: 0.1 })).toBe('sync');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect((await readSpaceGoals(owner())).value).toEqual({ reworkRate: 0.1 });
  });

  it('an item over storage.sync’s 8 KB per item stays in this browser', async () => {
    const long = 'x'.repeat(400);
    const channels = Array.from({ length: 200 }, (_, i) => `Channels-${10n ** 30n + BigInt(i)}`);
    await updateProjectSettings(owner(), 'Projects-1', { name: long, hotfixChannels: channels, follow: true });
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toEqual([]);
    expect((await readProjectSettings(owner(), 'Projects-1')).value.hotfixChannels).toHaveLength(200);
  });

  it('validates on read: what does not fit is reported and left out', async () => {
    await fakeBrowser.storage.sync.set({ [goalsKey(owner())]: { version: 1, targets: { failureRate: 'ten percent' } } });
    const read = await readSpaceGoals(owner());
    expect(read.value).toEqual({});
    expect(read.problems).toHaveLength(1);
  });

  it('lists followed projects of every server and user, and a space’s projects', async () => {
    await updateProjectSettings(owner(), 'Projects-2', { name: 'Web', follow: true });
    await updateProjectSettings(owner(), 'Projects-3', { name: 'Search', hotfixChannels: ['Channels-9'] });
    await updateProjectSettings(owner('Spaces-2', 'Users-2'), 'Projects-4', { name: 'Mobile', follow: true });
    expect((await listFollowed()).map((f) => [f.userId, f.space, f.projectId, f.name])).toEqual([
      ['Users-2', 'Spaces-2', 'Projects-4', 'Mobile'],
      ['Users-1', 'Spaces-1', 'Projects-2', 'Web'],
    ]);
    const space = await readSpaceProjects(owner());
    expect([...space.projects.keys()].sort()).toEqual(['Projects-2', 'Projects-3']);
  });

  it('tells pages of the same space when its goals change, and deletes per server and user', async () => {
    const heard: number[] = [];
    const stop = watchGoals(owner(), () => heard.push(1));
    await saveSpaceGoals(owner(), { frequency: 2 });
    await updateProjectSettings(owner('Spaces-2'), 'Projects-1', { follow: true });
    stop();
    expect(heard).toHaveLength(1);
    await deleteServerGoals((server, user) => server === SERVER && user === 'Users-1');
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('keys name their owner; a server with a port and a path is read back whole', () => {
    expect(parseProjectKey(projectKey(owner(), 'Projects-12'))).toEqual({ ...owner(), projectId: 'Projects-12' });
    expect(parseProjectKey('project:https://x:Users-1:Spaces-1:javascript:alert(1)')).toBeUndefined();
  });
});
