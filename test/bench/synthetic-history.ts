/**
 * A small synthetic history generator, the metrics benchmark's before it took its histories from the
 * emulator's generator (./emulator-history.ts). Kept only because test/bench/report.ts still builds its
 * history with it; move that bench to `emulatorHistory` and this file can go.
 */
import { type History, TaskState } from '../../lib/metrics';
import { deploymentColumns, releaseColumns } from '../../lib/metrics/facts-columns';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Mulberry32: a small seeded PRNG so every run benchmarks the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Column {
  data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

/**
 * A realistic-looking history: ~1 project per 500 deployments in groups of 10, 1-2 channels each, five
 * environments (Dev → Test → Staging → Production, plus a DR environment for some), 30 % of projects
 * tenanted with 3-20 tenants in Production; releases every few days over two years, promoted with
 * decreasing probability; ~5 % failed, ~2 % guided failure, ~1 % canceled, 0.2 % timed out, failures often
 * redeployed; 1 % of releases blocked; the newest deployments still running.
 */
export function syntheticHistory(target: number, now: number, seed = 42, pace = 1): History {
  const rnd = random(seed);
  const projectCount = Math.max(5, Math.round(target / 500));
  const tenantCount = Math.max(10, Math.round(target / 2000));
  const environments = ['Development', 'Test', 'Staging', 'Production', 'Production DR'];
  const span = 730 * DAY;
  const start = now - span;
  const cols = {
    id: new Column(target),
    project: new Column(target),
    environment: new Column(target),
    channel: new Column(target),
    tenant: new Column(target),
    release: new Column(target),
    state: new Column(target),
    guidedFailure: new Column(target),
    created: new Column(target),
    queued: new Column(target),
    started: new Column(target),
    completed: new Column(target),
  };
  const rel = { id: [] as number[], project: [] as number[], channel: [] as number[], version: [] as string[], assembled: [] as number[], blocked: [] as number[] };
  const channels: { id: string; name: string; project: number; lifecycle: number; isDefault: boolean }[] = [];
  const projectChannels: number[][] = [];
  const projectTenants: number[][] = [];
  for (let p = 0; p < projectCount; p++) {
    const list = [channels.length];
    channels.push({ id: `Channels-${channels.length + 1}`, name: 'Default', project: p, lifecycle: -1, isDefault: true });
    if (rnd() < 0.3) {
      list.push(channels.length);
      channels.push({ id: `Channels-${channels.length + 1}`, name: 'Hotfix', project: p, lifecycle: -1, isDefault: false });
    }
    projectChannels.push(list);
    const tenants: number[] = [];
    if (rnd() < 0.3) {
      const k = 3 + Math.floor(rnd() * 18);
      for (let t = 0; t < k; t++) tenants.push(Math.floor(rnd() * tenantCount));
    }
    projectTenants.push([...new Set(tenants)]);
  }
  // Deployments per release ≈ 1 + 0.85 + 0.65 + 0.55 × (tenants or 1) + redeploys: pace releases to hit the target.
  const perRelease = (p: number) => 3.3 + 0.55 * Math.max(1, projectTenants[p].length) * 1.1;
  let expected = 0;
  for (let p = 0; p < projectCount; p++) expected += perRelease(p);
  const releasesPerProject = target / expected;
  const interval = (span / releasesPerProject) * pace;
  let deploymentId = 1;

  const deploy = (p: number, c: number, e: number, t: number, r: number, at: number) => {
    let when = at;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (cols.id.length >= target) return false;
      const queued = when;
      const started = queued + rnd() * 2 * MINUTE;
      const duration = (2 + rnd() * 20) * MINUTE * (rnd() < 0.01 ? 50 : 1);
      let completed = started + duration;
      const u = rnd();
      let state: number = TaskState.Success;
      let gf = 0;
      if (u < 0.05) state = TaskState.Failed;
      else if (u < 0.07) gf = 1;
      else if (u < 0.08) state = TaskState.Canceled;
      else if (u < 0.082) state = TaskState.TimedOut;
      let startedAt = started;
      if (completed > now) {
        state = started > now ? TaskState.Queued : TaskState.Executing;
        completed = Number.NaN;
        if (started > now) startedAt = Number.NaN;
      }
      cols.id.push(deploymentId++);
      cols.project.push(p);
      cols.environment.push(e);
      cols.channel.push(c);
      cols.tenant.push(t);
      cols.release.push(r);
      cols.state.push(state);
      cols.guidedFailure.push(gf);
      cols.created.push(queued);
      cols.queued.push(queued);
      cols.started.push(startedAt);
      cols.completed.push(completed);
      const ok = state === TaskState.Success && gf === 0;
      if (ok || Number.isNaN(completed) || rnd() < 0.3) return ok;
      when = completed + (10 + rnd() * 240) * MINUTE; // redeploy after a failure
    }
    return false;
  };

  // Releases in time order across projects.
  const next = new Float64Array(projectCount);
  for (let p = 0; p < projectCount; p++) next[p] = start + rnd() * interval;
  const minor = new Int32Array(projectCount);
  while (cols.id.length < target) {
    let p = 0;
    for (let q = 1; q < projectCount; q++) if (next[q] < next[p]) p = q;
    const assembled = next[p];
    if (assembled > now) break;
    next[p] += interval * (0.3 + rnd() * 1.4);
    const chans = projectChannels[p];
    const c = chans[rnd() < 0.85 ? 0 : chans.length - 1];
    const r = rel.id.length;
    rel.id.push(r + 1);
    rel.project.push(p);
    rel.channel.push(c);
    rel.version.push(`1.${Math.floor(minor[p] / 100)}.${minor[p]++ % 100}`);
    rel.assembled.push(assembled);
    rel.blocked.push(rnd() < 0.01 ? 1 : 0);
    let at = assembled + rnd() * 2 * 60 * MINUTE;
    const promote = [1, 0.85, 0.65, 0.55, 0.1];
    for (let e = 0; e < environments.length; e++) {
      if (rnd() > promote[e]) break;
      const tenants = e >= 3 && projectTenants[p].length > 0 ? projectTenants[p] : [-1];
      let anyOk = false;
      for (const t of tenants) anyOk = deploy(p, c, e, t, r, at + rnd() * 30 * MINUTE) || anyOk;
      if (!anyOk) break;
      at += (0.5 + rnd() * 3) * DAY;
    }
  }
  const n = cols.id.length;
  // The release pace is an estimate: when the two years ran out before the target, go again faster.
  if (n < target * 0.98 && pace > 0.05) return syntheticHistory(target, now, seed, (pace * n) / target);
  const take = (c: Column) => c.data.subarray(0, n);
  const groups = Math.max(1, Math.ceil(projectCount / 10));
  const deployments = deploymentColumns(n);
  for (const name of ['id', 'project', 'environment', 'channel', 'tenant', 'release', 'state', 'guidedFailure', 'created', 'queued', 'started', 'completed'] as const) {
    deployments[name].set(take(cols[name]));
  }
  const releases = releaseColumns(rel.id.length);
  releases.id.set(rel.id);
  releases.project.set(rel.project);
  releases.channel.set(rel.channel);
  releases.version = rel.version;
  releases.assembled.set(rel.assembled);
  releases.blocked.set(rel.blocked);
  return {
    deployments,
    releases,
    dims: {
      projectGroups: Array.from({ length: groups }, (_, g) => ({ id: `ProjectGroups-${g + 1}`, name: `Group ${g + 1}` })),
      projects: Array.from({ length: projectCount }, (_, p) => ({
        id: `Projects-${p + 1}`,
        name: `Project ${p + 1}`,
        slug: `project-${p + 1}`,
        group: Math.floor(p / 10),
        lifecycle: 0,
        tenantedMode: projectTenants[p].length > 0 ? ('TenantedOrUntenanted' as const) : ('Untenanted' as const),
      })),
      environments: environments.map((name, e) => ({ id: `Environments-${e + 1}`, name, sortOrder: e })),
      channels,
      tenants: Array.from({ length: tenantCount }, (_, t) => ({
        id: `Tenants-${t + 1}`,
        name: `Tenant ${t + 1}`,
        tags: [`Region/${['EU', 'US', 'APAC'][t % 3]}`, `Tier/${t % 4 === 0 ? 'Gold' : 'Standard'}`],
      })),
      lifecycles: [{ id: 'Lifecycles-1', name: 'Default', phases: [] }],
    },
  };
}
