import { describe, expect, it } from 'vitest';
import { Delivery } from '../../../lib/metrics/constants';
import { prepare } from '../../../lib/metrics/prepare';
import { DAY, HOUR, historyFrom } from '../../factories';
import { leadTimeOf } from '@/lib/metrics/deployment-values';

/** Lead time (ms or null) and the version it is calculated from, per deployment id (= row position + 1). */
function leadTimes(rows: Parameters<typeof historyFrom>[0]) {
  const h = historyFrom(rows);
  const p = prepare(h);
  return (id: number) => {
    const i = id - 1;
    const ms = leadTimeOf(p, i);
    return {
      ms: Number.isNaN(ms) ? null : ms,
      from: p.leadTimeFrom[i] >= 0 ? h.releases.version[p.leadTimeFrom[i]] : null,
      delivery: p.delivery[i],
    };
  };
}

describe('lead time: Octopus examples (docs/octopus-api.md §1.3)', () => {
  it('example 0: a release deployed once runs from its creation to the deployment completion', () => {
    const lead = leadTimes({
      releases: [{ version: '1.0', assembled: '2024-01-01T09:00:00Z' }],
      deployments: [{ environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' }],
    });
    // 10:00 - 09:00 = 1 h
    expect(lead(1)).toEqual({ ms: 1 * HOUR, from: '1.0', delivery: Delivery.First });
  });

  it('example 1: 1.1 never deployed, 1.2 failed then redeployed: from 1.1 creation to the successful redeploy', () => {
    const lead = leadTimes({
      releases: [
        { version: '1.0', assembled: '2024-01-01T09:00:00Z' },
        { version: '1.1', assembled: '2024-01-02T09:00:00Z' },
        { version: '1.2', assembled: '2024-01-03T09:00:00Z' },
      ],
      deployments: [
        { environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Production', release: '1.2', completed: '2024-01-03T10:00:00Z', state: 'Failed' },
        { environment: 'Production', release: '1.2', completed: '2024-01-03T12:00:00Z' },
      ],
    });
    expect(lead(2).ms).toBeNull(); // a failed deployment has no lead time
    // Jan 2 09:00 → Jan 3 12:00 = 24 h + 3 h = 27 h
    expect(lead(3)).toEqual({ ms: 27 * HOUR, from: '1.1', delivery: Delivery.NewChanges });
  });

  it('example 2: 1.3 stopped in Test (state edited to failed): 1.4 lead times in Test and Production start at 1.3', () => {
    const lead = leadTimes({
      releases: [
        { version: '1.2', assembled: '2024-01-01T09:00:00Z' },
        { version: '1.3', assembled: '2024-01-02T09:00:00Z' },
        { version: '1.4', assembled: '2024-01-03T09:00:00Z' },
      ],
      deployments: [
        { environment: 'Test', release: '1.2', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Production', release: '1.2', completed: '2024-01-01T12:00:00Z' },
        { environment: 'Test', release: '1.3', completed: '2024-01-02T10:00:00Z', state: 'Failed' },
        { environment: 'Test', release: '1.4', completed: '2024-01-03T10:00:00Z' },
        { environment: 'Production', release: '1.4', completed: '2024-01-04T10:00:00Z' },
      ],
    });
    // Test: Jan 2 09:00 → Jan 3 10:00 = 25 h
    expect(lead(4)).toEqual({ ms: 25 * HOUR, from: '1.3', delivery: Delivery.NewChanges });
    // Production: Jan 2 09:00 → Jan 4 10:00 = 49 h
    expect(lead(5)).toEqual({ ms: 49 * HOUR, from: '1.3', delivery: Delivery.NewChanges });
  });

  it('a release that succeeded in Test but was never promoted still counts as undeployed in Production', () => {
    const lead = leadTimes({
      releases: [
        { version: '1.2', assembled: '2024-01-01T09:00:00Z' },
        { version: '1.3', assembled: '2024-01-02T09:00:00Z' },
        { version: '1.4', assembled: '2024-01-03T09:00:00Z' },
      ],
      deployments: [
        { environment: 'Production', release: '1.2', completed: '2024-01-01T12:00:00Z' },
        { environment: 'Test', release: '1.3', completed: '2024-01-02T10:00:00Z' },
        { environment: 'Test', release: '1.4', completed: '2024-01-03T10:00:00Z' },
        { environment: 'Production', release: '1.4', completed: '2024-01-04T10:00:00Z' },
      ],
    });
    // Test: first success 1.3 (own creation: Jan 2 09:00 → 10:00 = 1 h); then 1.4 from 1.4 (Jan 3 09:00 → 10:00 = 1 h)
    expect(lead(2)).toEqual({ ms: 1 * HOUR, from: '1.3', delivery: Delivery.First });
    expect(lead(3)).toEqual({ ms: 1 * HOUR, from: '1.4', delivery: Delivery.NewChanges });
    // Production: from 1.3 (Jan 2 09:00) → Jan 4 10:00 = 49 h
    expect(lead(4)).toEqual({ ms: 49 * HOUR, from: '1.3', delivery: Delivery.NewChanges });
  });
});

describe('lead time: cases Octopus leaves open', () => {
  const releases = [
    { version: '1.0', assembled: '2024-01-01T09:00:00Z' },
    { version: '1.1', assembled: '2024-01-02T09:00:00Z' },
    { version: '1.2', assembled: '2024-01-03T09:00:00Z' },
    { version: '2.0', assembled: '2024-03-01T09:00:00Z' },
  ];

  it('first deployment of a stream: from its own release, not from releases the stream never saw', () => {
    const lead = leadTimes({
      releases,
      deployments: [
        { environment: 'Production', tenant: 'A', release: '1.0', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Production', tenant: 'A', release: '2.0', completed: '2024-03-01T10:00:00Z' },
        { environment: 'Production', tenant: 'B', release: '2.0', completed: '2024-03-01T11:00:00Z' },
      ],
    });
    // Tenant B's first deployment: 2.0 created Mar 1 09:00 → 11:00 = 2 h (not from 1.0 in January)
    expect(lead(3)).toEqual({ ms: 2 * HOUR, from: '2.0', delivery: Delivery.First });
    // Tenant A's second deployment: next release after 1.0 is 1.1 (Jan 2 09:00) → Mar 1 10:00
    // = Jan 2 → Feb 2 (31 d) → Mar 2 (29 d, 2024 is a leap year) = 60 d, back to Mar 1 = 59 d, 09:00 → 10:00 = +1 h
    expect(lead(2)).toEqual({ ms: 59 * DAY + 1 * HOUR, from: '1.1', delivery: Delivery.NewChanges });
  });

  it('first success of a stream after failed attempts: from the earliest attempted release', () => {
    const lead = leadTimes({
      releases,
      deployments: [
        { environment: 'Production', tenant: 'C', release: '1.0', completed: '2024-01-05T10:00:00Z', state: 'Failed' },
        { environment: 'Production', tenant: 'C', release: '2.0', completed: '2024-03-02T09:00:00Z' },
      ],
    });
    // 1.0 created Jan 1 09:00 → Mar 2 09:00 = 31 (Jan) + 29 (Feb 2024) + 1 = 61 days
    expect(lead(2)).toEqual({ ms: 61 * DAY, from: '1.0', delivery: Delivery.First });
  });

  it('redeploying the newest delivered release delivers no new changes: no lead time', () => {
    const lead = leadTimes({
      releases,
      deployments: [
        { environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Production', release: '1.0', completed: '2024-01-02T10:00:00Z' },
      ],
    });
    expect(lead(2)).toEqual({ ms: null, from: null, delivery: Delivery.Redeploy });
  });

  it('rolling back to an older release has no lead time, and rolling forward only counts newer releases', () => {
    const lead = leadTimes({
      releases,
      deployments: [
        { environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Production', release: '1.1', completed: '2024-01-02T10:00:00Z' },
        { environment: 'Production', release: '1.0', completed: '2024-01-02T11:00:00Z' }, // rollback
        { environment: 'Production', release: '1.1', completed: '2024-01-02T15:00:00Z' }, // forward again
        { environment: 'Production', release: '1.2', completed: '2024-01-03T12:00:00Z' },
      ],
    });
    expect(lead(3)).toEqual({ ms: null, from: null, delivery: Delivery.Rollback });
    // 1.1 is still the high-water mark: redeploy, no lead time
    expect(lead(4)).toEqual({ ms: null, from: null, delivery: Delivery.Redeploy });
    // 1.2: Jan 3 09:00 → 12:00 = 3 h
    expect(lead(5)).toEqual({ ms: 3 * HOUR, from: '1.2', delivery: Delivery.NewChanges });
  });

  it('release order is by creation within project + channel: another channel has its own order', () => {
    const lead = leadTimes({
      releases: [
        { version: '1.0', assembled: '2024-01-01T09:00:00Z' },
        { version: '1.0-hotfix', assembled: '2024-01-01T12:00:00Z', channel: 'Hotfix' },
        { version: '1.1', assembled: '2024-01-02T09:00:00Z' },
      ],
      deployments: [
        { environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Production', release: '1.0-hotfix', channel: 'Hotfix', completed: '2024-01-01T13:00:00Z' },
        { environment: 'Production', release: '1.1', completed: '2024-01-02T11:00:00Z' },
      ],
    });
    // Default channel: after 1.0 comes 1.1 (the hotfix is another channel): Jan 2 09:00 → 11:00 = 2 h
    expect(lead(3)).toEqual({ ms: 2 * HOUR, from: '1.1', delivery: Delivery.NewChanges });
    // Hotfix channel is its own stream: first deployment, 12:00 → 13:00 = 1 h
    expect(lead(2)).toEqual({ ms: 1 * HOUR, from: '1.0-hotfix', delivery: Delivery.First });
  });

  it('ties in creation time are ordered by release id', () => {
    const lead = leadTimes({
      releases: [
        { version: '1.0', assembled: '2024-01-01T09:00:00Z', id: 10 },
        { version: '1.2', assembled: '2024-01-02T09:00:00Z', id: 12 },
        { version: '1.1', assembled: '2024-01-02T09:00:00Z', id: 11 },
      ],
      deployments: [
        { environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Production', release: '1.2', completed: '2024-01-02T10:00:00Z' },
      ],
    });
    // Order: 1.0 (id 10), 1.1 (id 11), 1.2 (id 12): the earliest undeployed is 1.1; Jan 2 09:00 → 10:00 = 1 h
    expect(lead(2)).toEqual({ ms: 1 * HOUR, from: '1.1', delivery: Delivery.NewChanges });
  });

  it('a blocked release delivers like any success (it counts as failed in the failure rate only)', () => {
    const rows = {
      releases: [
        { version: '1.0', assembled: '2024-01-01T09:00:00Z' },
        { version: '1.1', assembled: '2024-01-02T09:00:00Z', blocked: true },
        { version: '1.2', assembled: '2024-01-03T09:00:00Z' },
      ],
      deployments: [
        { environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Production', release: '1.1', completed: '2024-01-02T10:00:00Z' },
        { environment: 'Production', release: '1.2', completed: '2024-01-03T10:00:00Z' },
      ],
    };
    // Option on (the default): 1.1 delivered on Jan 2: its own lead time 1 h; 1.2 from 1.2: 1 h
    expect(leadTimes(rows)(2)).toEqual({ ms: 1 * HOUR, from: '1.1', delivery: Delivery.NewChanges });
    expect(leadTimes(rows)(3)).toEqual({ ms: 1 * HOUR, from: '1.2', delivery: Delivery.NewChanges });
    // Option off (exactly Octopus's metrics page): the same
    const h = historyFrom(rows);
    const p = prepare(h, { blockedIsFailure: false });
    expect([leadTimeOf(p, 1), leadTimeOf(p, 2)]).toEqual([1 * HOUR, 1 * HOUR]);
  });

  it('canceled and unfinished deployments are invisible: they do not move the high-water mark', () => {
    const lead = leadTimes({
      releases,
      deployments: [
        { environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Production', release: '1.1', completed: '2024-01-02T10:00:00Z', state: 'Canceled' },
        { environment: 'Production', release: '1.1', completed: null },
        { environment: 'Production', release: '1.2', completed: '2024-01-03T10:00:00Z' },
      ],
    });
    expect(lead(2).ms).toBeNull();
    expect(lead(3).ms).toBeNull();
    // from 1.1: Jan 2 09:00 → Jan 3 10:00 = 25 h
    expect(lead(4)).toEqual({ ms: 25 * HOUR, from: '1.1', delivery: Delivery.NewChanges });
  });

  it('a release created after its deployment completed gives a negative lead time, flagged not hidden', () => {
    const h = historyFrom({
      releases: [{ version: '1.0', assembled: '2024-01-02T09:00:00Z' }],
      deployments: [{ environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' }],
    });
    const p = prepare(h);
    // Jan 1 10:00 - Jan 2 09:00 = -23 h
    expect(leadTimeOf(p, 0)).toBe(-23 * HOUR);
    expect(p.flags[0] & 1).toBe(1); // Flag.LeadTimeNegative
  });
});

describe('previous successful deployment', () => {
  it('is the latest success before, in the same stream, for successes and failures alike', () => {
    const h = historyFrom({
      releases: [
        { version: '1.0', assembled: '2024-01-01T09:00:00Z' },
        { version: '1.1', assembled: '2024-01-02T09:00:00Z' },
      ],
      deployments: [
        { environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Test', release: '1.1', completed: '2024-01-02T10:00:00Z' },
        { environment: 'Production', release: '1.1', completed: '2024-01-02T12:00:00Z', state: 'Failed' },
        { environment: 'Production', release: '1.1', completed: '2024-01-02T13:00:00Z' },
      ],
    });
    const p = prepare(h);
    expect([...p.previousSuccess]).toEqual([-1, -1, 0, 0]);
  });

  it('ties in completion time are ordered by deployment id', () => {
    const h = historyFrom({
      releases: [{ version: '1.0', assembled: '2024-01-01T09:00:00Z' }],
      deployments: [
        { id: 7, environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
        { id: 5, environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' },
      ],
    });
    const p = prepare(h);
    // Deployments-5 (row 1) comes first, so Deployments-7 (row 0) has it as previous success.
    expect([...p.previousSuccess]).toEqual([1, -1]);
  });
});
