/**
 * Fault injection for `/api` requests, from a small readable spec (README.md, "Faults"):
 *
 *   SPEC    := RULE ("," RULE)*
 *   RULE    := KIND (":" OPTION)*
 *   KIND    := 500 | 503 | 429 | any 4xx/5xx | latency=DURATION | drop | truncate | malformed | expire-session | redirect=PORT
 *   OPTION  := rate=P | every=N | count=N | after=N | route=GLOB | method=GET | retryAfter=SECONDS
 *   DURATION:= 50ms | 2s | 20-80ms
 *
 * e.g. `503:rate=0.1,429:every=20:retryAfter=1,latency=50ms,drop:count=3,expire-session:after=200`.
 * Each rule counts the requests it matches (route and method); `after` skips the first N, `every` fires
 * on every Nth, `rate` fires at random (seeded), `count` caps how often it fires in total. A rule without
 * trigger options fires on every match, except `expire-session`, which fires once.
 */
import { Random } from './random';

export type FaultKind = 'status' | 'latency' | 'drop' | 'truncate' | 'malformed' | 'expire-session' | 'redirect';

export interface FaultRule {
  spec: string;
  kind: FaultKind;
  status?: number;
  latencyMs?: [number, number];
  rate?: number;
  every?: number;
  count?: number;
  after?: number;
  route?: string;
  method?: string;
  retryAfter?: number;
  /** `redirect`: the port of the same host the 302 points to (the same path and query). */
  redirectPort?: number;
  /** Requests matched so far. */
  seen: number;
  /** Times fired so far. */
  fired: number;
}

const routePattern = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let re = routePattern.get(glob);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*?/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 'i');
    routePattern.set(glob, re);
  }
  return re;
}

function parseDuration(text: string, rule: string): [number, number] {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(ms|s)?$/.exec(text.trim());
  if (!m) throw new Error(`fault "${rule}": latency must look like 50ms, 2s or 20-80ms`);
  const unit = m[3] === 's' ? 1000 : 1;
  const lo = Number(m[1]) * unit;
  const hi = m[2] ? Number(m[2]) * unit : lo;
  if (hi < lo) throw new Error(`fault "${rule}": latency range ${text} runs backwards`);
  return [lo, hi];
}

function positiveInt(value: string, name: string, rule: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`fault "${rule}": ${name} must be a whole number >= 1`);
  return Number(value);
}

export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const text of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [head, ...options] = text.split(':');
    const rule: FaultRule = { spec: text, kind: 'status', seen: 0, fired: 0 };
    if (/^\d{3}$/.test(head)) {
      const status = Number(head);
      if (status < 400 || status > 599) throw new Error(`fault "${text}": status must be 4xx or 5xx`);
      rule.status = status;
    } else if (head.startsWith('latency=')) {
      rule.kind = 'latency';
      rule.latencyMs = parseDuration(head.slice('latency='.length), text);
    } else if (head.startsWith('redirect=')) {
      rule.kind = 'redirect';
      const port = head.slice('redirect='.length);
      if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new Error(`fault "${text}": redirect needs a port, e.g. redirect=8081`);
      rule.redirectPort = Number(port);
    } else if (head === 'drop' || head === 'truncate' || head === 'malformed' || head === 'expire-session') {
      rule.kind = head;
    } else {
      throw new Error(
        `fault "${text}": unknown kind "${head}" (expected a 4xx/5xx status, latency=…, drop, truncate, malformed, expire-session or redirect=PORT)`,
      );
    }
    for (const option of options) {
      const eq = option.indexOf('=');
      if (eq < 0) throw new Error(`fault "${text}": option "${option}" needs a value (name=value)`);
      const name = option.slice(0, eq).trim();
      const value = option.slice(eq + 1).trim();
      switch (name) {
        case 'rate': {
          const p = Number(value);
          if (!(p >= 0 && p <= 1) || value === '') throw new Error(`fault "${text}": rate must be between 0 and 1`);
          rule.rate = p;
          break;
        }
        case 'every':
          rule.every = positiveInt(value, 'every', text);
          break;
        case 'count':
          rule.count = positiveInt(value, 'count', text);
          break;
        case 'after':
          if (!/^\d+$/.test(value)) throw new Error(`fault "${text}": after must be a whole number`);
          rule.after = Number(value);
          break;
        case 'route':
          if (!value.startsWith('/')) throw new Error(`fault "${text}": route must be a path pattern starting with /`);
          rule.route = value;
          break;
        case 'method':
          rule.method = value.toUpperCase();
          break;
        case 'retryAfter': {
          const s = Number(value);
          if (!(s >= 0) || value === '') throw new Error(`fault "${text}": retryAfter must be a number of seconds`);
          rule.retryAfter = s;
          break;
        }
        default:
          throw new Error(
            `fault "${text}": unknown option "${name}" (expected rate, every, count, after, route, method or retryAfter)`,
          );
      }
    }
    if (rule.kind === 'expire-session' && rule.every === undefined && rule.rate === undefined && rule.count === undefined) {
      rule.count = 1;
    }
    if (rule.status === 429 && rule.retryAfter === undefined) rule.retryAfter = 1;
    rules.push(rule);
  }
  return rules;
}

export interface FaultDecision {
  latencyMs: number;
  expireSessions: boolean;
  /** The rule that replaces or corrupts the response, if any. */
  response?: FaultRule;
}

export class Faults {
  rules: FaultRule[] = [];
  private rng: Random;

  constructor(spec = '', seed = 1) {
    this.rng = new Random(seed, 0xfa17);
    this.set(spec);
  }

  set(spec: string): FaultRule[] {
    this.rules = parseFaultSpec(spec);
    return this.rules;
  }

  private fires(rule: FaultRule, method: string, path: string): boolean {
    if (rule.method && rule.method !== method) return false;
    if (rule.route && !globToRegExp(rule.route).test(path)) return false;
    rule.seen++;
    if (rule.count !== undefined && rule.fired >= rule.count) return false;
    const n = rule.seen - (rule.after ?? 0);
    if (n <= 0) return false;
    if (rule.every !== undefined && n % rule.every !== 0) return false;
    if (rule.rate !== undefined && !(this.rng.next() < rule.rate)) return false;
    rule.fired++;
    return true;
  }

  /** Which faults apply to this request; every rule sees every `/api` request once. */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, expireSessions: false };
    for (const rule of this.rules) {
      if (rule.kind === 'latency') {
        if (this.fires(rule, method, path)) {
          const [lo, hi] = rule.latencyMs!;
          decision.latencyMs += lo + this.rng.next() * (hi - lo);
        }
      } else if (rule.kind === 'expire-session') {
        if (this.fires(rule, method, path)) decision.expireSessions = true;
      } else if (!decision.response) {
        if (this.fires(rule, method, path)) decision.response = rule;
      } else if ((rule.method === undefined || rule.method === method) && (!rule.route || globToRegExp(rule.route).test(path))) {
        // Counted as seen even when an earlier rule already answers, so `every` stays predictable.
        rule.seen++;
      }
    }
    return decision;
  }

  describe() {
    return this.rules.map(({ spec, kind, seen, fired }) => ({ spec, kind, seen, fired }));
  }
}
