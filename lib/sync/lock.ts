/**
 * One sync per (server, user, space) at a time, across tabs, extension pages and the service worker: they
 * share the extension origin, so a Web Lock taken in one is seen by all.
 */
export type LockResult<T> = { ran: true; value: T } | { ran: false };

export async function withSyncLock<T>(name: string, run: () => Promise<T>): Promise<LockResult<T>> {
  const locks = globalThis.navigator?.locks;
  if (!locks) {
    // No Web Locks (unit tests in Node): fall back to a lock within this context.
    if (heldHere.has(name)) return { ran: false };
    heldHere.add(name);
    try {
      return { ran: true, value: await run() };
    } finally {
      heldHere.delete(name);
    }
  }
  let result: LockResult<T> = { ran: false };
  await locks.request(name, { ifAvailable: true }, async (lock) => {
    if (!lock) return;
    result = { ran: true, value: await run() };
  });
  return result;
}

const heldHere = new Set<string>();
