import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALERT_LOG_LIMIT, type AlertRecord, alertsKey, markAlertsRead, readAlerts, unreadAlerts, updateAlerts } from '../../../lib/store/alerts-store';

const A = { server: 'https://a.example', userId: 'Users-1' };
const B = { server: 'https://b.example', userId: 'Users-3' };
const record = (id: string, read = false): AlertRecord => ({
  id,
  at: 1,
  server: A.server,
  space: 'Spaces-1',
  projectId: 'Projects-1',
  projectName: 'Web',
  title: 'Web slipped',
  message: '…',
  read,
});

beforeEach(() => fakeBrowser.reset());

describe('alerts in storage.local', () => {
  it('keep per server and user the projects’ state and the newest alerts, cut to the limit', async () => {
    await updateAlerts(A, (doc) => ({ ...doc, projects: { 'Spaces-1/Projects-1': { known: ['failureRate'], knownOpenRun: false, notifiedOn: '2026-11-03' } } }));
    await updateAlerts(A, (doc) => ({ ...doc, log: [...Array.from({ length: ALERT_LOG_LIMIT + 5 }, (_, i) => record(`n${i}`)), ...doc.log] }));
    const read = await readAlerts(A);
    expect(read.projects['Spaces-1/Projects-1'].known).toEqual(['failureRate']);
    expect(read.log).toHaveLength(ALERT_LOG_LIMIT);
    expect((await readAlerts(B)).log).toEqual([]);
  });

  it('count the unread ones over every server and user (the badge), and mark them read', async () => {
    await updateAlerts(A, (doc) => ({ ...doc, log: [record('a1'), record('a2', true)] }));
    await updateAlerts(B, (doc) => ({ ...doc, log: [record('b1')] }));
    expect(await unreadAlerts()).toBe(2);
    await markAlertsRead((a) => a.id === 'b1');
    expect(await unreadAlerts()).toBe(1);
    await markAlertsRead();
    expect(await unreadAlerts()).toBe(0);
  });

  it('drop a stored value that does not fit', async () => {
    await fakeBrowser.storage.local.set({ [alertsKey(A)]: { version: 1, projects: {}, log: [{ ...record('x'), projectId: 'javascript:alert(1)' }] } });
    expect((await readAlerts(A)).log).toEqual([]);
  });
});
