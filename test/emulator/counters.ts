/** Request counters per route template, status and bytes, for tests and benchmarks (`/__emulator/counters`). */

export interface RouteCount {
  requests: number;
  bytes: number;
  statuses: Record<string, number>;
}

export interface CountersSnapshot {
  since: string;
  requests: number;
  bytes: number;
  statuses: Record<string, number>;
  routes: Record<string, RouteCount>;
  faults: Record<string, number>;
}

export class Counters {
  private since = Date.now();
  private requests = 0;
  private bytes = 0;
  private statuses: Record<string, number> = {};
  private routes = new Map<string, RouteCount>();
  private faults: Record<string, number> = {};

  /** `route` is a template such as `GET /api/{spaceId}/deployments`. */
  record(route: string, status: number, bytes: number): void {
    this.requests++;
    this.bytes += bytes;
    const s = String(status);
    this.statuses[s] = (this.statuses[s] ?? 0) + 1;
    let r = this.routes.get(route);
    if (!r) {
      r = { requests: 0, bytes: 0, statuses: {} };
      this.routes.set(route, r);
    }
    r.requests++;
    r.bytes += bytes;
    r.statuses[s] = (r.statuses[s] ?? 0) + 1;
  }

  fault(kind: string): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  snapshot(): CountersSnapshot {
    return {
      since: new Date(this.since).toISOString(),
      requests: this.requests,
      bytes: this.bytes,
      statuses: { ...this.statuses },
      routes: Object.fromEntries([...this.routes].map(([k, v]) => [k, { ...v, statuses: { ...v.statuses } }])),
      faults: { ...this.faults },
    };
  }

  reset(): void {
    this.since = Date.now();
    this.requests = 0;
    this.bytes = 0;
    this.statuses = {};
    this.routes.clear();
    this.faults = {};
  }
}
