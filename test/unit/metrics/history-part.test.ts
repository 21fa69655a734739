import { describe, expect, it } from 'vitest';
import { computeInsights } from '@/lib/metrics/compute-insights';
import { deploymentRowAt, deploymentRowColumns } from '@/lib/metrics/deployment-rows';
import { type PreparedHistory, prepare } from '@/lib/metrics/prepare';
import { historyPart, partFor, projectHistory } from '@/lib/metrics/history-part';
import type { History } from '@/lib/metrics/facts';
import type { DeploymentFilter, Insights, InsightsQuery } from '@/lib/metrics/types';
import { at, historyFrom } from '../../factories';
import { randomRows } from '../../support/random-history';

/** The insights' in-progress list and beyond-Octopus figures, with deployment and release indices as ids. */
function byId(insights: Insights, history: History) {
  const deployment = (i: number) => history.deployments.id[i];
  const release = (i: number) => history.releases.id[i];
  const b = insights.beyondOctopus;
  return {
    inProgress: { ...insights.inProgress, deployments: insights.inProgress.deployments.map(deployment) },
    tiers: b.tiers,
    rankings: b.rankings,
    significance: b.significance,
    unrecovered: { ...b.unrecovered, runs: b.unrecovered.runs.map((r) => ({ ...r, firstFailure: deployment(r.firstFailure) })) },
    flagged: Object.fromEntries(Object.entries(b.flagged).map(([flag, f]) => [flag, { count: f.count, deployments: f.deployments.map(deployment) }])),
    mostFailures: b.releases.mostFailures.map((r) => ({ ...r, release: release(r.release) })),
    longestRecovery: b.releases.longestRecovery.map((r) => ({ ...r, release: release(r.release), firstFailure: deployment(r.firstFailure), recoveredBy: deployment(r.recoveredBy) })),
  };
}

/** Three weeks in daily buckets, in a zone with summer time, over `filter`. */
const dayQuery = (filter: DeploymentFilter): InsightsQuery => ({
  now: at('2024-02-10T00:00:00Z'),
  range: { from: at('2024-01-01T00:00:00Z'), to: at('2024-01-20T00:00:00Z') },
  granularity: 'day',
  timeZone: 'Europe/London',
  weekStart: 'monday',
  filter,
});

/** Every figure of `query` from the part equals the whole history's (lists compared by Octopus id, rows but their index). */
function expectSameFigures(whole: PreparedHistory, part: PreparedHistory, query: InsightsQuery): void {
  const a = computeInsights(whole, query);
  const b = computeInsights(part, query);
  expect(b.summary).toEqual(a.summary);
  expect(b.series).toEqual(a.series);
  expect(b.trend28).toEqual(a.trend28);
  expect(b.previous).toEqual(a.previous);
  // Lists of deployments and releases hold indices into each history: compared by Octopus id.
  expect(byId(b, part.history)).toEqual(byId(a, whole.history));
  const rowsA = deploymentRowColumns(whole, query);
  const rowsB = deploymentRowColumns(part, query);
  expect(rowsB.length).toBe(rowsA.length);
  // Every field but the row's index into its own history.
  const row = (rows: typeof rowsA, k: number) => ({ ...deploymentRowAt(rows, k), index: undefined });
  for (let k = 0; k < rowsA.length; k++) expect(row(rowsB, k)).toEqual(row(rowsA, k));
}

describe('projectHistory (what a project panel prepares)', () => {
  for (const seed of [3, 17, 42]) {
    it(`gives every figure of the project the whole history gives (seed ${seed})`, () => {
      const history = historyFrom(randomRows(seed, 1500));
      const whole = prepare(history);
      for (let project = 0; project < history.dims.projects.length; project++) {
        const part = prepare(projectHistory(history, project));
        expect(part.history.deployments.length).toBe([...history.deployments.project].filter((p) => p === project).length);
        for (const environment of [0, 1]) {
          for (const blockedIsFailure of [true, false]) {
            const query = dayQuery({ projects: [project], environments: [environment] });
            expectSameFigures(
              blockedIsFailure ? whole : prepare(history, { blockedIsFailure }),
              blockedIsFailure ? part : prepare(projectHistory(history, project), { blockedIsFailure }),
              query,
            );
          }
        }
      }
    });
  }
});

describe('historyPart (what a view restricted to environments prepares)', () => {
  for (const seed of [5, 23]) {
    it(`gives every figure of a view over some environments the whole history gives (seed ${seed})`, () => {
      const history = historyFrom(randomRows(seed, 1500));
      const whole = prepare(history);
      const filters = [{ environments: [1] }, { environments: [0, 1] }, { environmentGroups: [{ name: 'Production', environments: [1] }] }, { projects: [0], environments: [1] }, { environments: [] as number[] }];
      for (const filter of filters) {
        const part = prepare(historyPart(history, partFor(filter)));
        const query = dayQuery(filter);
        expectSameFigures(whole, part, query);
      }
    });
  }

  it('keeps only the selected environments and projects, and every release of the channels their releases belong to', () => {
    const history = historyFrom(randomRows(9, 400));
    const part = historyPart(history, { projects: [1], environments: [0] });
    const d = history.deployments;
    const r = history.releases;
    let expected = 0;
    const channels = new Set<number>();
    for (let i = 0; i < d.length; i++) {
      if (d.project[i] !== 1 || d.environment[i] !== 0) continue;
      expected++;
      channels.add(r.channel[d.release[i]]);
    }
    expect(part.deployments.length).toBe(expected);
    // Deployed here or not: a lead time can start at any release of the channel.
    const reachable = [...r.id].filter((_, i) => r.project[i] === 1 && channels.has(r.channel[i]));
    expect([...part.releases.id]).toEqual(reachable);
    expect(historyPart(history, {}).deployments.length).toBe(d.length);
    expect(partFor({ environments: [2], environmentGroups: [{ name: 'g', environments: [0] }] })).toEqual({ projects: undefined, environments: [2, 0] });
  });

  it("keeps a channel's releases nothing here deploys, and leaves out the channels nothing here deploys", () => {
    const history = historyFrom({
      environments: ['Staging', 'Production'],
      releases: [
        { version: '1.0', assembled: '2024-01-01T00:00:00Z', channel: 'Default' },
        { version: '1.1', assembled: '2024-01-02T00:00:00Z', channel: 'Default' },
        { version: '1.2', assembled: '2024-01-03T00:00:00Z', channel: 'Default' },
        { version: '2.0-hotfix', assembled: '2024-01-02T12:00:00Z', channel: 'Hotfix' },
      ],
      deployments: [
        { environment: 'Production', release: '1.0', channel: 'Default', completed: '2024-01-01T10:00:00Z' },
        { environment: 'Staging', release: '1.1', channel: 'Default', completed: '2024-01-02T10:00:00Z' },
        { environment: 'Production', release: '1.2', channel: 'Default', completed: '2024-01-04T00:00:00Z' },
        { environment: 'Staging', release: '2.0-hotfix', channel: 'Hotfix', completed: '2024-01-03T00:00:00Z' },
      ],
    });
    const production = history.dims.environments.findIndex((e) => e.name === 'Production');
    const part = historyPart(history, { environments: [production] });
    expect([...part.releases.version]).toEqual(['1.0', '1.1', '1.2']);
    // 1.2's lead time starts at 1.1, which production never received.
    const rows = deploymentRowColumns(prepare(part), { now: at('2024-02-01T00:00:00Z'), range: { from: at('2024-01-01T00:00:00Z'), to: at('2024-02-01T00:00:00Z') } });
    expect(deploymentRowAt(rows, 1)).toMatchObject({ release: '1.2', leadTimeCalculatedFrom: '1.1', leadTimeMs: at('2024-01-04T00:00:00Z') - at('2024-01-02T00:00:00Z') });
  });

  it('keeps a deployment with a reference outside the dimensions unless that dimension is selected', () => {
    const history = historyFrom(randomRows(11, 200));
    const d = history.deployments;
    // A damaged cache: no environment, a project past the dimensions, a release past the releases.
    d.environment[0] = -1;
    d.project[1] = history.dims.projects.length + 5;
    d.release[2] = history.releases.length + 3;
    const project0 = d.project[0];
    const env2 = d.environment[2];
    const ids = (h: History) => [...h.deployments.id];
    expect(ids(historyPart(history, {}))).toEqual([...d.id]);
    expect(ids(historyPart(history, { projects: [project0] }))).toContain(d.id[0]);
    expect(ids(historyPart(history, { environments: [env2] }))).not.toContain(d.id[0]);
    expect(ids(historyPart(history, { environments: [d.environment[1]] }))).toContain(d.id[1]);
    expect(ids(historyPart(history, { projects: [...history.dims.projects.keys()] }))).not.toContain(d.id[1]);
    const part = historyPart(history, { environments: [env2] });
    expect(part.deployments.release[[...part.deployments.id].indexOf(d.id[2])]).toBe(-1);
  });
});

