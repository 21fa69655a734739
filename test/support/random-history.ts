/**
 * Random histories for checks of the engine against references and against itself: ties in creation and
 * completion, tenants, two channels, every task state, rollbacks, negative lead times and blocked releases.
 */
import type { TaskStateName } from '../../lib/metrics/facts';
import { at, HOUR, type HistoryRows, MINUTE } from '../factories';

export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomRows(seed: number, count: number): HistoryRows {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const start = at('2024-01-01T00:00:00Z');
  const releases: HistoryRows['releases'] = [];
  for (const project of ['P1', 'P2']) {
    for (const channel of ['Default', 'Beta']) {
      for (let k = 0; k < 100; k++) {
        // Coarse times make ties in creation (ordered by id) likely.
        const assembled = start + Math.floor(rnd() * 300) * HOUR;
        releases.push({ project, channel, version: `${channel}-${k}`, assembled: new Date(assembled).toISOString(), blocked: rnd() < 0.05 });
      }
    }
  }
  const states: TaskStateName[] = ['Success', 'Success', 'Success', 'Success', 'Failed', 'Canceled', 'TimedOut'];
  const deployments: HistoryRows['deployments'] = [];
  for (let k = 0; k < count; k++) {
    const completed = start + Math.floor(rnd() * 600) * 30 * MINUTE; // coarse: ties in completion too
    // Mostly one of the newest releases created before the deployment (new changes), sometimes an older
    // one (rollback) or one created later (negative lead time).
    const project = pick(['P1', 'P2']);
    const channel = rnd() < 0.8 ? 'Default' : 'Beta';
    const ofChannel = releases
      .filter((r) => r.project === project && r.channel === channel)
      .sort((a, b) => Date.parse(a.assembled) - Date.parse(b.assembled));
    const before = ofChannel.filter((r) => Date.parse(r.assembled) <= completed);
    const after = ofChannel.filter((r) => Date.parse(r.assembled) > completed);
    let r = after[0];
    if (before.length > 0 && (after.length === 0 || rnd() > 0.01)) {
      const back = Math.min(before.length - 1, Math.floor(-Math.log(1 - rnd()) * 1.5));
      r = before[before.length - 1 - back];
    }
    const unfinished = rnd() < 0.02;
    deployments.push({
      id: 1 + Math.floor(rnd() * 1_000_000),
      project,
      channel,
      release: r.version,
      environment: pick(['Test', 'Production']),
      tenant: pick([undefined, 'A', 'B']),
      state: unfinished ? 'Executing' : pick(states),
      guidedFailure: rnd() < 0.05,
      completed: unfinished ? null : new Date(completed).toISOString(),
      started: unfinished ? new Date(completed).toISOString() : new Date(completed - Math.floor(rnd() * 90) * MINUTE).toISOString(),
    });
  }
  return { releases, deployments };
}

