import { describe, expect, it } from 'vitest';
import { type AlertDeps, localDate, raiseAlerts } from '@/lib/alerts/raise-alerts';
import type { GoalTargets } from '@/lib/goals/goal-targets';
import { prepare } from '@/lib/metrics/prepare';
import { parseAlerts, type AlertsDocument } from '@/lib/store/alerts-store';
import type { ProjectSettings } from '@/lib/store/goals-store';
import { type DeploymentRow, DAY, HOUR, historyFrom } from '../../factories';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const SERVER = 'https://octopus.example';
const OWNER = { server: SERVER, userId: 'Users-1', space: 'Spaces-1' };
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Web: ten deployments of ten releases to Production in the last 28 days, one a day; `failed` of them failed
 * (the first ones), each recovered by the next. Failure rate = failed / 10.
 */
function history(failed: number, openFailure = false) {
  const releases = Array.from({ length: 11 }, (_, k) => ({ version: `1.${k}`, assembled: iso(NOW - (20 - k) * DAY - HOUR) }));
  const deployments: DeploymentRow[] = releases.slice(0, 10).map((r, k) => ({
    environment: 'Production',
    release: r.version,
    completed: iso(NOW - (20 - k) * DAY),
    state: k < failed ? 'Failed' : 'Success',
  }));
  // An open failure run: the newest deployment failed two days ago and nothing has succeeded since.
  if (openFailure) deployments.push({ environment: 'Production', release: '1.10', completed: iso(NOW - 2 * DAY), state: 'Failed' });
  return historyFrom({ releases, deployments, environments: ['Production'] });
}

function deps(options: { failed: number; openFailure?: boolean; targets: GoalTargets; follow?: boolean; now?: number }) {
  let alerts: AlertsDocument = parseAlerts(undefined);
  const notified: { id: string; title: string; message: string }[] = [];
  const now = options.now ?? NOW;
  const settings: ProjectSettings = { name: 'Web', follow: options.follow ?? true };
  const d: AlertDeps = {
    now,
    today: localDate(now, 'UTC'),
    settings: { timeZone: 'UTC', weekStart: 'sunday', tierYear: 2024, blockedIsFailure: true },
    followed: async () => (settings.follow ? [{ ...OWNER, projectId: 'Projects-1', name: 'Web' }] : []),
    spaceGoals: async () => options.targets,
    projectSettings: async () => settings,
    prepared: async (_owner, _project, blockedIsFailure) => prepare(history(options.failed, options.openFailure), { blockedIsFailure }),
    updateAlerts: async (_owner, change) => {
      alerts = change(alerts);
      return alerts;
    },
    notify: async (id, text) => void notified.push({ id, ...text }),
  };
  return { d, notified, alerts: () => alerts, setAlerts: (a: AlertsDocument) => {
      alerts = a;
    },
  };
}

describe('alerts after a background refresh', () => {
  it('notifies once when a followed project misses a goal, and not again the same day', async () => {
    // 3 failed of 10 counted: 30 % against a 10 % goal.
    const t = deps({ failed: 3, targets: { failureRate: 0.1 } });
    const raised = await raiseAlerts([OWNER], t.d);
    expect(raised).toHaveLength(1);
    expect(t.notified).toHaveLength(1);
    expect(t.notified[0].title).toBe('Web missed a goal');
    expect(t.notified[0].message).toContain('30.0%');
    expect(t.alerts().log.map((a) => [a.projectId, a.read])).toEqual([['Projects-1', false]]);
    expect(t.alerts().projects['Spaces-1/Projects-1']).toEqual({ known: ['failureRate'], knownOpenRun: false, notifiedOn: '2026-12-03', checkedAt: NOW });

    expect(await raiseAlerts([OWNER], t.d)).toHaveLength(0);
    expect(t.notified).toHaveLength(1);
  });

  it('stays quiet for a goal met, a project not followed, a space the refresh did not sync, and no goals', async () => {
    // 1 failed of 10: 10 %, the target itself, meets a "≤ 10 %" goal.
    expect(await raiseAlerts([OWNER], deps({ failed: 1, targets: { failureRate: 0.1 } }).d)).toHaveLength(0);
    expect(await raiseAlerts([OWNER], deps({ failed: 3, targets: { failureRate: 0.1 }, follow: false }).d)).toHaveLength(0);
    expect(await raiseAlerts([{ ...OWNER, space: 'Spaces-2' }], deps({ failed: 3, targets: { failureRate: 0.1 } }).d)).toHaveLength(0);
    expect(await raiseAlerts([{ ...OWNER, userId: 'Users-2' }], deps({ failed: 3, targets: { failureRate: 0.1 } }).d)).toHaveLength(0);
    expect(await raiseAlerts([OWNER], deps({ failed: 3, targets: {} }).d)).toHaveLength(0);
  });

  it('notifies of a failure run open longer than the recovery goal', async () => {
    // Open for 2 days against a 1-hour recovery goal; the recovered ones took a day each (missed as well).
    const t = deps({ failed: 0, openFailure: true, targets: { recovery: HOUR } });
    expect(await raiseAlerts([OWNER], t.d)).toHaveLength(1);
    expect(t.notified[0].title).toBe('Web: a failure is not recovered');
    expect(t.notified[0].message).toContain('a failure has been open 2d');
  });

  it('tells a slip found on a day already notified the next day', async () => {
    const t = deps({ failed: 3, targets: { failureRate: 0.1, frequency: 1 } });
    // Notified earlier today of frequency only: the failure rate is news, but waits for tomorrow.
    t.setAlerts({ ...parseAlerts(undefined), projects: { 'Spaces-1/Projects-1': { known: ['frequency'], knownOpenRun: false, notifiedOn: '2026-12-03' } } });
    expect(await raiseAlerts([OWNER], t.d)).toHaveLength(0);
    const tomorrow = deps({ failed: 3, targets: { failureRate: 0.1, frequency: 1 }, now: NOW + DAY });
    tomorrow.setAlerts(t.alerts());
    const raised = await raiseAlerts([OWNER], tomorrow.d);
    expect(raised.map((a) => a.title)).toEqual(['Web missed a goal']);
    expect(raised[0].message).toContain('failure rate');
    expect(raised[0].message).not.toContain('frequency');
  });
});

describe('localDate', () => {
  it('is the user’s local calendar date', () => {
    expect(localDate(Date.UTC(2026, 11, 3, 23, 30), 'Asia/Tokyo')).toBe('2026-12-04');
    expect(localDate(Date.UTC(2026, 11, 3, 23, 30), 'UTC')).toBe('2026-12-03');
  });
});
