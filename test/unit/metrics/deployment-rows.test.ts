import { describe, expect, it } from 'vitest';
import { deploymentRows, rowColumns } from '../../../lib/metrics/deployment-rows';
import { prepare } from '../../../lib/metrics/prepare';
import { at, HOUR, historyFrom, indexOf } from '../../factories';
import { randomRows } from '../../support/random-history';

// Octopus's example 1, with a tenant and a canceled and a running deployment around it.
const h = historyFrom({
  releases: [
    { version: '1.0', assembled: '2024-01-01T09:00:00Z' },
    { version: '1.1', assembled: '2024-01-02T09:00:00Z' },
    { version: '1.2', assembled: '2024-01-03T09:00:00Z' },
  ],
  deployments: [
    { environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
    { environment: 'Production', release: '1.2', completed: '2024-01-03T10:00:00Z', state: 'Failed' },
    { environment: 'Production', release: '1.2', completed: '2024-01-03T12:00:00Z' },
    { environment: 'Production', release: '1.2', tenant: 'Acme', completed: '2024-01-03T13:00:00Z', state: 'Canceled' },
    { environment: 'Production', release: '1.2', completed: null, started: '2024-01-04T09:00:00Z' },
  ],
});
const p = prepare(h);
const now = at('2024-01-05T00:00:00Z');

describe('deploymentRows', () => {
  const rows = deploymentRows(p, { now, range: { preset: 'last7Days' } });

  it('one row per completed deployment in the window, in completion order (running ones have no row)', () => {
    expect(rows.map((r) => r.deployment)).toEqual(['Deployments-1', 'Deployments-2', 'Deployments-3', 'Deployments-4']);
  });

  it("Octopus's CSV fields for the recovering redeploy of example 1", () => {
    expect(rows[2]).toEqual({
      index: 2,
      deployment: 'Deployments-3',
      project: 'Web',
      release: '1.2',
      channel: 'Default',
      completed: at('2024-01-03T12:00:00Z'),
      environment: 'Production',
      tenant: null,
      state: 'Success',
      hadGuidedFailure: false,
      leadTimeMs: 27 * HOUR, // 1.1 created Jan 2 09:00 → Jan 3 12:00
      leadTimeCalculatedFrom: '1.1',
      sincePreviousSuccessfulMs: 50 * HOUR, // Jan 1 10:00 → Jan 3 12:00
      previousSuccessful: 'Deployments-1',
      timeToRecoveryMs: 2 * HOUR, // 10:00 → 12:00
      deploymentsUntilRecovery: 1,
      recoveryFrom: 'Deployments-2',
      recoveryFromVersion: '1.2',
      // It recovers the run 1.2's failure started: unplanned, so rework (DORA's fifth metric).
      beyondOctopus: { outcome: 'success', failureKind: null, delivery: 'newChanges', rework: ['failureRun'], flags: [] },
    });
  });

  it('failed and canceled rows', () => {
    expect(rows[1]).toMatchObject({
      state: 'Failed',
      leadTimeMs: null,
      previousSuccessful: 'Deployments-1',
      sincePreviousSuccessfulMs: 48 * HOUR,
      // The run's first failure is not rework: it was a planned deployment of a new release.
      beyondOctopus: { outcome: 'failure', failureKind: 'taskFailed', delivery: null, rework: [] },
    });
    expect(rows[3]).toMatchObject({
      state: 'Canceled',
      tenant: 'Acme',
      leadTimeMs: null,
      previousSuccessful: null,
      beyondOctopus: { outcome: 'excluded', rework: [] },
    });
  });

  it('respects the filter and the window', () => {
    const acme = deploymentRows(p, { now, range: { preset: 'last7Days' }, filter: { tenants: { untenanted: false } } });
    expect(acme.map((r) => r.deployment)).toEqual(['Deployments-4']);
    const one = deploymentRows(p, {
      now,
      range: { from: at('2024-01-03T10:00:00Z'), to: at('2024-01-03T12:00:00Z') },
      filter: { environments: [indexOf(h.dims.environments, 'Production')] },
    });
    expect(one.map((r) => r.deployment)).toEqual(['Deployments-2']);
  });
});

describe('rowColumns', () => {
  const history = historyFrom(randomRows(31, 600));
  const prepared = prepare(history);
  const completed = history.deployments.completed;
  const from = at('2024-01-05T00:00:00Z');
  const to = at('2024-01-15T00:00:00Z');
  // The expected rows, from the prepared completion order by a plain filter.
  const expected = (keep: (i: number) => boolean) => [...prepared.byCompleted].filter((i) => completed[i] >= from && completed[i] < to && keep(i));

  it('with no filter, the window of the completion order (shared, not copied)', () => {
    const rows = rowColumns(prepared, from, to, new Uint8Array(prepared.streams.count).fill(1));
    expect(rows.length).toBeGreaterThan(0);
    expect([...rows.index]).toEqual(expected(() => true));
    expect(rows.index.buffer).toBe(prepared.byCompleted.buffer);
  });

  it('with a filter, the window rows of the streams it keeps', () => {
    const mask = new Uint8Array(prepared.streams.count);
    for (let s = 0; s < mask.length; s += 2) mask[s] = 1;
    const rows = rowColumns(prepared, from, to, mask);
    const picked = expected((i) => mask[prepared.stream[i]] === 1);
    expect(picked.length).toBeGreaterThan(0);
    expect([...rows.index]).toEqual(picked);
  });
});
