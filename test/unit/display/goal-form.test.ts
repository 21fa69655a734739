import { describe, expect, it } from 'vitest';
import { goalFormRows, readGoalForm } from '@/lib/display/goal-form';
import { alertText, goalBadge, goalStatusText, goalTargetText } from '@/lib/display/goal-text';
import type { GoalStatus } from '@/lib/goals/evaluate-goals';

describe('the goals form', () => {
  it('shows targets in the units people set them in', () => {
    const rows = goalFormRows({ frequency: 1, leadTime: 86_400_000, failureRate: 0.1, recovery: 3_600_000, reworkRate: 0.05 }, { failureRate: 0.2, leadTime: null });
    expect(rows.map((r) => [r.metric, r.comparator, r.space, r.project, r.projectNone, r.unit])).toEqual([
      ['frequency', '≥', '1', '', false, 'deployments / day'],
      ['leadTime', '≤', '24', '', true, 'hours (median)'],
      ['failureRate', '≤', '10', '20', false, '%'],
      ['recovery', '≤', '1', '', false, 'hours (median)'],
      ['reworkRate', '≤', '5', '', false, '%'],
    ]);
  });

  it('reads back what it showed', () => {
    const space = { frequency: 0.5, leadTime: 2.5 * 3_600_000, failureRate: 0.15 };
    const project = { reworkRate: 0.05, recovery: null };
    const read = readGoalForm(goalFormRows(space, project));
    expect(read).toEqual({ ok: true, space, project });
  });

  it('says which field is wrong, and keeps nothing', () => {
    const rows = goalFormRows({}).map((r) => (r.metric === 'failureRate' ? { ...r, space: '120' } : r.metric === 'leadTime' ? { ...r, project: 'soon' } : r));
    const read = readGoalForm(rows);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(Object.keys(read.errors).sort()).toEqual(['failureRate', 'leadTime']);
      expect(read.errors.failureRate).toBe('Deployment failure rate: enter a percentage from 0 to 100, or leave it empty.');
    }
  });

  it('takes a decimal comma', () => {
    const rows = goalFormRows({}).map((r) => (r.metric === 'reworkRate' ? { ...r, space: '2,5' } : r));
    expect(readGoalForm(rows)).toMatchObject({ ok: true, space: { reworkRate: 0.025 } });
  });
});

describe('goal text', () => {
  const status = (patch: Partial<GoalStatus>): GoalStatus => ({ metric: 'failureRate', target: 0.1, state: 'missed', confident: true, value: 0.18, interval: { lower: 0.112, upper: 0.27 }, sample: 40, ...patch });

  it('targets and statuses', () => {
    expect(goalTargetText('frequency', 1)).toBe('≥ 1.0 / day');
    expect(goalTargetText('recovery', 3_600_000)).toBe('≤ 1h');
    expect(goalStatusText(status({}))).toBe('Missed · 95% sure');
    expect(goalStatusText(status({ state: 'met', confident: false }))).toBe('Met · not yet sure');
    expect(goalStatusText(status({ state: 'no-data', confident: false }))).toBe('No data');
  });

  it('a badge explains itself in one line', () => {
    expect(goalBadge(status({})).title).toBe('Deployment failure rate 18.0% against a goal of ≤ 10.0%: missed, and the 95% interval (11.2%–27.0%) is above the goal too');
    expect(goalBadge(status({ metric: 'frequency', target: 1, value: 0.2, interval: { lower: 0.1, upper: 0.5 } })).title).toContain('is below the goal too');
    expect(goalBadge(status({ state: 'met', confident: false, value: 0.05, interval: null })).title).toContain('too few values for a 95% interval');
  });

  it('an alert names the project, what it missed and since when it failed', () => {
    expect(alertText('Payments', 'Production', [status({})], null, null)).toEqual({
      title: 'Payments missed a goal',
      message: 'Last 28 days in Production — deployment failure rate 18.0% (goal ≤ 10.0%, 95% sure).',
    });
    expect(alertText('Payments', undefined, [], 5 * 3_600_000, 3_600_000)).toEqual({
      title: 'Payments: a failure is not recovered',
      message: 'Last 28 days — a failure has been open 5h (recovery goal ≤ 1h).',
    });
  });
});
