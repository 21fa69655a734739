/**
 * The emulator's own endpoints under `/__emulator/…` (no auth, never faulted, not counted): clock and
 * activity, faults, counters, sessions, the ground-truth history.
 */
import { badRequest } from '../errors';
import { writeHistory } from '../history-write';
import { octopusDateStrict } from '../octopus-time';
import type { Ctx, Router } from '../router';
import { EMULATOR_USERS } from '../users';

function status(ctx: Ctx) {
  const { store, sessions } = ctx.core;
  return {
    installationId: store.installationId,
    now: store.now,
    nowText: octopusDateStrict(store.now),
    generator: store.generator,
    version: store.version,
    sessions: sessions.size,
    counts: {
      spaces: store.spaces.length,
      projects: store.projects.length,
      releases: store.releases.length,
      deployments: store.deployments.length,
      tasks: store.tasks.length,
      interruptions: store.interruptions.length,
      events: store.events.length,
      defects: store.defects.length,
      taskStateEdits: store.edits.length,
    },
  };
}

function number(value: unknown, name: string): number {
  if (value === undefined || value === null) return 0;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw badRequest([`${name} must be a number >= 0`]);
  return n;
}

export function registerControl(router: Router): void {
  const open = { auth: false };
  router.get(
    '/__emulator',
    () => ({
      body: {
        endpoints: [
          'GET  /__emulator/status',
          'POST /__emulator/activity {"advanceMinutes": 60, "deployments": 100}',
          'GET  /__emulator/faults',
          'POST /__emulator/faults {"spec": "503:rate=0.1,latency=50ms"} (or the spec as text/plain; "" clears)',
          'GET  /__emulator/counters',
          'POST /__emulator/counters/reset',
          'POST /__emulator/sessions/expire',
          'GET  /__emulator/history',
          'GET  /__emulator/users',
        ],
      },
    }),
    open,
  );
  router.get('/__emulator/status', (ctx) => ({ body: status(ctx) }), open);

  router.post(
    '/__emulator/activity',
    (ctx) => {
      const body = (ctx.body ?? {}) as Record<string, unknown>;
      const result = ctx.core.advance({
        minutes: number(body.advanceMinutes, 'advanceMinutes'),
        deployments: number(body.deployments, 'deployments'),
      });
      return { body: { ...result, status: status(ctx) } };
    },
    open,
  );

  router.get('/__emulator/faults', (ctx) => ({ body: { rules: ctx.core.faults.describe() } }), open);
  router.post(
    '/__emulator/faults',
    (ctx) => {
      const body = ctx.body;
      const spec = typeof body === 'string' ? body : ((body as { spec?: unknown } | undefined)?.spec ?? '');
      if (typeof spec !== 'string') throw badRequest(['spec must be a string']);
      try {
        ctx.core.faults.set(spec);
      } catch (e) {
        throw badRequest([(e as Error).message], 'The fault spec is not valid.');
      }
      return { body: { rules: ctx.core.faults.describe() } };
    },
    open,
  );
  router.add('DELETE', '/__emulator/faults', (ctx) => {
    ctx.core.faults.set('');
    return { body: { rules: [] } };
  }, open);

  router.get('/__emulator/counters', (ctx) => ({ body: ctx.core.counters.snapshot() }), open);
  router.post(
    '/__emulator/counters/reset',
    (ctx) => {
      ctx.core.counters.reset();
      return { body: ctx.core.counters.snapshot() };
    },
    open,
  );

  router.post('/__emulator/sessions/expire', (ctx) => ({ body: { expired: ctx.core.sessions.expireAll() } }), open);

  router.get(
    '/__emulator/history',
    (ctx) => ({
      contentType: 'application/json; charset=utf-8',
      stream: (res) => writeHistory(ctx.core.store, res),
    }),
    open,
  );

  router.get(
    '/__emulator/users',
    (ctx) => ({
      body: Object.fromEntries(
        Object.entries(EMULATOR_USERS).map(([key, u]) => [
          key,
          { ...u, permissions: ctx.core.store.users[ctx.core.store.userIndex.get(u.id) ?? -1]?.Permissions ?? null },
        ]),
      ),
    }),
    open,
  );
}
