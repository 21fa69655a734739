import { describe, expect, it } from 'vitest';
import { classifyDeployments } from '../../../lib/metrics/classify-deployments';
import { Exclusion, FailureKind, Outcome } from '../../../lib/metrics/constants';
import { historyFrom } from '../../factories';

const releases = [
  { version: '1.0', assembled: '2024-01-01T09:00:00Z' },
  { version: '1.1', assembled: '2024-01-02T09:00:00Z', blocked: true },
];

function classify(rows: Parameters<typeof historyFrom>[0]['deployments'], blockedIsFailure?: boolean) {
  const h = historyFrom({ releases, deployments: rows });
  return classifyDeployments(h.deployments, h.releases, blockedIsFailure);
}

describe('classifyDeployments', () => {
  it('success = task Success with no guided failure', () => {
    const c = classify([{ environment: 'Prod', release: '1.0', completed: '2024-01-01T10:00:00Z' }]);
    expect(c.outcome[0]).toBe(Outcome.Success);
    expect(c.failureKind[0]).toBe(FailureKind.None);
  });

  it('failure = task Failed (whatever the guided-failure flag), or Success with a guided failure', () => {
    const c = classify([
      { environment: 'Prod', release: '1.0', completed: '2024-01-01T10:00:00Z', state: 'Failed' },
      { environment: 'Prod', release: '1.0', completed: '2024-01-01T11:00:00Z', state: 'Success', guidedFailure: true },
      { environment: 'Prod', release: '1.0', completed: '2024-01-01T12:00:00Z', state: 'Failed', guidedFailure: true },
    ]);
    expect([...c.outcome]).toEqual([Outcome.Failure, Outcome.Failure, Outcome.Failure]);
    expect([...c.failureKind]).toEqual([FailureKind.TaskFailed, FailureKind.GuidedFailure, FailureKind.TaskFailed]);
  });

  it('a successful deployment of a blocked release keeps its outcome; it is a failure in the failure rate by default only', () => {
    const rows = [{ environment: 'Prod', release: '1.1', completed: '2024-01-02T10:00:00Z' }];
    const on = classify(rows);
    expect(on.outcome[0]).toBe(Outcome.Success);
    expect(on.failureKind[0]).toBe(FailureKind.Blocked);
    const off = classify(rows, false);
    expect(off.outcome[0]).toBe(Outcome.Success);
    expect(off.failureKind[0]).toBe(FailureKind.None);
  });

  it('a failed deployment of a blocked release is a task failure with the option on or off', () => {
    const rows = [{ environment: 'Prod', release: '1.1', completed: '2024-01-02T10:00:00Z', state: 'Failed' as const }];
    for (const option of [true, false]) {
      const c = classify(rows, option);
      expect([c.outcome[0], c.failureKind[0]]).toEqual([Outcome.Failure, FailureKind.TaskFailed]);
    }
  });

  it('a guided failure on a blocked release counts as guided failure (first reason that applies)', () => {
    const c = classify([{ environment: 'Prod', release: '1.1', completed: '2024-01-02T10:00:00Z', guidedFailure: true }]);
    expect(c.failureKind[0]).toBe(FailureKind.GuidedFailure);
  });

  it('Canceled, TimedOut and unfinished deployments are excluded, with the reason', () => {
    const c = classify([
      { environment: 'Prod', release: '1.0', completed: '2024-01-01T10:00:00Z', state: 'Canceled' },
      { environment: 'Prod', release: '1.0', completed: '2024-01-01T11:00:00Z', state: 'TimedOut' },
      { environment: 'Prod', release: '1.0', completed: null, state: 'Executing' },
      { environment: 'Prod', release: '1.0', completed: null, state: 'Queued', started: null },
      { environment: 'Prod', release: '1.0', completed: null, state: 'Cancelling' },
    ]);
    expect([...c.outcome]).toEqual([0, 0, 0, 0, 0].map(() => Outcome.Excluded));
    expect([...c.exclusion]).toEqual([
      Exclusion.Canceled,
      Exclusion.TimedOut,
      Exclusion.Unfinished,
      Exclusion.Unfinished,
      Exclusion.Unfinished,
    ]);
  });
});
