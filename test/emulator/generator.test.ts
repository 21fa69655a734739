/** The seeded generator: determinism and the realism the metrics and sync tests rely on. */
import { describe, expect, it } from 'vitest';
import { generateStore } from './generator/index';
import type { HistoryFile } from './history-file';
import { buildHistory } from './history-write';
import { NOW } from './test-helpers';

const generate = (seed: number, scale: 'tiny' | 'demo' = 'tiny', now = NOW) => buildHistory(generateStore({ scale, seed, now }));
const n = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));

describe('determinism', () => {
  it('the same seed and now give the same history; another seed does not', () => {
    const a = generate(7);
    const b = generate(7);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = generate(8);
    expect(JSON.stringify(c.Spaces[0].Deployments)).not.toBe(JSON.stringify(a.Spaces[0].Deployments));
    expect(c.InstallationId).not.toBe(a.InstallationId);
  });

  it('history ends at now', () => {
    const h = generate(3);
    expect(h.Now).toBe(new Date(NOW).toISOString().replace('Z', '+00:00'));
    for (const s of h.Spaces) {
      for (const d of s.Deployments) expect(Date.parse(d.Created)).toBeLessThanOrEqual(NOW);
      for (const r of s.Releases) expect(Date.parse(r.Assembled)).toBeLessThanOrEqual(NOW);
      for (const t of s.Tasks) if (t.CompletedTime) expect(Date.parse(t.CompletedTime)).toBeLessThanOrEqual(NOW);
    }
  });
});

describe('a demo history', () => {
  const h: HistoryFile = generate(1, 'demo');
  const all = <K extends keyof HistoryFile['Spaces'][number]>(key: K) => h.Spaces.flatMap((s) => s[key] as unknown[]) as never[];
  const deployments = all('Deployments') as HistoryFile['Spaces'][0]['Deployments'];
  const tasks = all('Tasks') as HistoryFile['Spaces'][0]['Tasks'];
  const releases = all('Releases') as HistoryFile['Spaces'][0]['Releases'];
  const interruptions = all('Interruptions') as HistoryFile['Spaces'][0]['Interruptions'];
  const taskOf = new Map(tasks.map((t) => [t.Id, t]));

  it('has 5k-8k deployments over several spaces, with ids sequential across the installation', () => {
    expect(deployments.length).toBeGreaterThan(5000);
    expect(deployments.length).toBeLessThan(8500);
    expect(h.Spaces.map((s) => s.Space.Name)).toEqual(['Default', 'Platform', 'Data & Analytics', 'Sandbox']);
    expect(h.Spaces[0].Deployments.length).toBeGreaterThan(deployments.length / 2);
    const sorted = deployments.map((d) => n(d.Id)).sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: sorted.length }, (_, i) => i + 1));
    const byId = [...deployments].sort((a, b) => n(a.Id) - n(b.Id));
    for (let i = 1; i < byId.length; i++) expect(Date.parse(byId[i].Created)).toBeGreaterThanOrEqual(Date.parse(byId[i - 1].Created));
    // Health checks interleave with deployment tasks.
    expect(tasks.length).toBeGreaterThan(deployments.length);
  });

  it('Spaces-1 has 50+ projects in several groups: a few deploy to Production daily, most about weekly, a few rarely', () => {
    const space = h.Spaces[0];
    expect(space.Projects.length).toBeGreaterThanOrEqual(50);
    const groups = new Set(space.Projects.map((p) => p.ProjectGroupId));
    expect(groups.size).toBeGreaterThanOrEqual(6);
    for (const g of groups) expect(space.Projects.filter((p) => p.ProjectGroupId === g).length).toBeGreaterThan(2);
    for (const other of h.Spaces.slice(1)) expect(other.Projects.length).toBeLessThan(space.Projects.length / 4);
    // Successful Production deployments per day over the last 90 days, per project (DORA's bands).
    const production = space.Environments.find((e) => e.Name === 'Production')!.Id;
    const since = NOW - 90 * 86_400_000;
    const perDay = new Map(space.Projects.map((p) => [p.Id, 0]));
    for (const d of space.Deployments) {
      if (d.EnvironmentId !== production || Date.parse(d.Created) < since || taskOf.get(d.TaskId)!.State !== 'Success') continue;
      perDay.set(d.ProjectId, perDay.get(d.ProjectId)! + 1 / 90);
    }
    const rates = [...perDay.values()];
    const daily = rates.filter((r) => r >= 1).length;
    expect(daily).toBeGreaterThanOrEqual(3);
    expect(daily).toBeLessThanOrEqual(6);
    expect(rates.filter((r) => r >= 1 / 30 && r < 1).length).toBeGreaterThan(space.Projects.length * 0.6);
    expect(rates.filter((r) => r < 1 / 30).length).toBeGreaterThanOrEqual(2);
    // The last 90 days are dense: most of the six months' deployments, every weekday busy.
    const recent = space.Deployments.filter((d) => Date.parse(d.Created) >= since);
    expect(recent.length).toBeGreaterThan(space.Deployments.length * 0.55);
    expect(recent.length / 90).toBeGreaterThan(35);
  });

  it('follows a weekday rhythm', () => {
    let weekend = 0;
    let office = 0;
    for (const d of h.Spaces[0].Deployments) {
      const t = new Date(Date.parse(d.Created) + 3600_000); // Spaces-1 works in UTC+1
      if (t.getUTCDay() === 0 || t.getUTCDay() === 6) weekend++;
      else if (t.getUTCHours() >= 8 && t.getUTCHours() < 19) office++;
    }
    const total = h.Spaces[0].Deployments.length;
    expect(weekend / total).toBeLessThan(0.08);
    expect(office / total).toBeGreaterThan(0.7);
  });

  it('contains every situation the metrics must handle', () => {
    const states = new Set(deployments.map((d) => taskOf.get(d.TaskId)!.State));
    expect([...states].sort()).toEqual(['Canceled', 'Executing', 'Failed', 'Queued', 'Success', 'TimedOut']);
    // Guided failures, including tasks that still succeeded.
    const guided = interruptions.filter((i) => i.Type === 'GuidedFailure');
    expect(guided.every((i) => i.Title.endsWith(' requires failure guidance'))).toBe(true);
    expect(guided.some((i) => taskOf.get(i.TaskId)!.State === 'Success')).toBe(true);
    expect(guided.some((i) => taskOf.get(i.TaskId)!.State === 'Failed')).toBe(true);
    expect(guided.some((i) => i.IsPending)).toBe(true);
    expect(interruptions.some((i) => i.Type === 'ManualIntervention')).toBe(true);
    // Scheduled in the future.
    expect(deployments.some((d) => d.QueueTime && Date.parse(d.QueueTime) > NOW)).toBe(true);
    // Defects: unresolved and resolved.
    const defects = h.Spaces.flatMap((s) => s.Defects);
    expect(defects.some((d) => d.Status === 'Unresolved')).toBe(true);
    expect(defects.some((d) => d.Status === 'Resolved')).toBe(true);
    // Task states edited after the fact.
    const edits = h.Spaces.flatMap((s) => s.TaskStateEdits);
    expect(edits.length).toBeGreaterThan(0);
    for (const e of edits) expect(taskOf.get(e.TaskId)!.CompletedTime! < e.Occurred).toBe(true);
    // Tenanted and untenanted; hotfix channel; releases never deployed.
    expect(deployments.some((d) => d.TenantId !== null)).toBe(true);
    expect(deployments.some((d) => d.TenantId === null)).toBe(true);
    const hotfixChannels = new Set(h.Spaces.flatMap((s) => s.Channels).filter((c) => c.Name === 'Hotfix').map((c) => c.Id));
    expect(deployments.some((d) => hotfixChannels.has(d.ChannelId))).toBe(true);
    const deployed = new Set(deployments.map((d) => d.ReleaseId));
    expect(releases.some((r) => !deployed.has(r.Id))).toBe(true);
  });

  it('has failures followed by redeploys and rollbacks to older releases', () => {
    const streams = new Map<string, typeof deployments>();
    for (const d of [...deployments].sort((a, b) => n(a.Id) - n(b.Id))) {
      const key = `${d.ProjectId}/${d.ChannelId}/${d.EnvironmentId}/${d.TenantId}`;
      streams.set(key, [...(streams.get(key) ?? []), d]);
    }
    const releaseNumber = new Map(releases.map((r) => [r.Id, n(r.Id)]));
    let redeploys = 0;
    let rollbacks = 0;
    for (const list of streams.values()) {
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        if (taskOf.get(prev.TaskId)!.State === 'Failed' && list[i].ReleaseId === prev.ReleaseId) redeploys++;
        if (releaseNumber.get(list[i].ReleaseId)! < releaseNumber.get(prev.ReleaseId)!) rollbacks++;
      }
    }
    expect(redeploys).toBeGreaterThan(10);
    expect(rollbacks).toBeGreaterThan(0);
  });

  it('promotes through the lifecycle with delays, skipping some releases on the way', () => {
    const p = h.Spaces[0].Projects[0];
    const envs = h.Spaces[0].Environments;
    const dev = new Set(h.Spaces[0].Deployments.filter((d) => d.ProjectId === p.Id && d.EnvironmentId === envs[0].Id).map((d) => d.ReleaseId));
    const prod = new Set(h.Spaces[0].Deployments.filter((d) => d.ProjectId === p.Id && d.EnvironmentId === envs[3].Id).map((d) => d.ReleaseId));
    expect(prod.size).toBeGreaterThan(0);
    expect(prod.size).toBeLessThan(dev.size);
    for (const r of prod) {
      const firstDev = h.Spaces[0].Deployments.find((d) => d.ReleaseId === r && d.EnvironmentId === envs[0].Id);
      const firstProd = h.Spaces[0].Deployments.find((d) => d.ReleaseId === r && d.EnvironmentId === envs[3].Id)!;
      if (firstDev) expect(Date.parse(firstProd.Created)).toBeGreaterThan(Date.parse(firstDev.Created));
    }
  });
});

describe('tiny', () => {
  it('is a few hundred deployments', () => {
    const h = generate(1);
    const count = h.Spaces.reduce((a, s) => a + s.Deployments.length, 0);
    expect(count).toBeGreaterThan(150);
    expect(count).toBeLessThan(500);
  });
});
