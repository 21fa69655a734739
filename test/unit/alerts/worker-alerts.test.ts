import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import browser from 'webextension-polyfill';
import { alertAfterRefresh, openAlert, updateBadge } from '@/lib/alerts/worker-alerts';
import { projectPanelUrl } from '@/lib/host/panel-link';
import { readAlerts, updateAlerts, type AlertRecord } from '@/lib/store/alerts-store';
import { updateSettings } from '@/lib/store/settings-store';

const OWNER = { server: 'https://tools.example/octopus', userId: 'Users-1' };
const record = (id: string, read = false): AlertRecord => ({
  id,
  at: 1,
  server: OWNER.server,
  space: 'Spaces-2',
  projectId: 'Projects-7',
  // Server text: never part of the address.
  projectName: 'Evil"/../#/x',
  title: 't',
  message: 'm',
  read,
});

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('an alert clicked', () => {
  it('opens the project’s panel at an address from the server’s base URL and the stored ids, and is read', async () => {
    await updateAlerts(OWNER, (a) => ({ ...a, log: [record('a1'), record('a2')] }));
    const create = vi.spyOn(browser.tabs, 'create');
    const url = await openAlert('a1');
    expect(url).toBe('https://tools.example/octopus/app#/Spaces-2/projects/Projects-7/deployments?doraLens=insights');
    expect(url).toBe(projectPanelUrl(OWNER.server, 'Spaces-2', 'Projects-7'));
    expect(create).toHaveBeenCalledWith({ url });
    expect((await readAlerts(OWNER)).log.map((a) => [a.id, a.read])).toEqual([
      ['a1', true],
      ['a2', false],
    ]);
  });

  it('opens nothing for a notification that is not a stored alert', async () => {
    const create = vi.spyOn(browser.tabs, 'create');
    expect(await openAlert('other')).toBeUndefined();
    expect(create).not.toHaveBeenCalled();
  });
});

describe('the toolbar badge', () => {
  it('counts the unread alerts of every server and user, and shows nothing when none is unread', async () => {
    await updateAlerts(OWNER, (a) => ({ ...a, log: [record('a1'), record('a2', true)] }));
    await updateAlerts({ server: 'https://o2.example', userId: 'Users-3' }, (a) => ({ ...a, log: [record('b1')] }));
    await updateBadge();
    expect(await browser.action.getBadgeText({})).toBe('2');
    await openAlert('a1');
    await openAlert('b1');
    await updateBadge();
    expect(await browser.action.getBadgeText({})).toBe('');
  });
});

describe('alerts after a refresh', () => {
  const refreshed = [{ server: OWNER.server, userId: OWNER.userId, space: 'Spaces-2' }];

  it('raise nothing, and read nothing, while alerts are off (the default) or notifications are not allowed', async () => {
    const read = vi.spyOn(browser.storage.sync, 'get');
    const contains = vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true);
    // Off by default: not even the permission is asked about.
    expect(await alertAfterRefresh(refreshed)).toBe(0);
    expect(contains).not.toHaveBeenCalled();
    // On, but the browser no longer allows notifications.
    await updateSettings({ alerts: true });
    contains.mockResolvedValue(false);
    expect(await alertAfterRefresh(refreshed)).toBe(0);
    expect(contains).toHaveBeenCalledWith({ permissions: ['notifications'] });
    expect(read).not.toHaveBeenCalled();
  });
});
