/**
 * The panel's view state as URL parameters, so a view can be shared: the content script puts them in the
 * Octopus route (`…/deployments?doraLens=insights&range=lastYear&granularity=month`) and hands them to the
 * panel page; the panel reports changes back. Ids are Octopus's (`Channels-3`), not cache indices, so a
 * link works for a colleague with another cache.
 */
import type { Granularity, RangePreset } from '@/lib/metrics/types';

export interface PanelParams {
  range: RangePreset | 'custom';
  /** `YYYY-MM-DD` in the viewer's time zone, inclusive; only for a custom range. */
  from?: string;
  /** `YYYY-MM-DD`, inclusive (the window ends at the end of that day). */
  to?: string;
  granularity: Granularity;
  channel?: string;
  environment?: string;
  /** `all` (untenanted and every tenant, Octopus's default), `untenanted`, or a tenant id. */
  tenant: string;
  /**
   * The IANA zone the view's days are counted in, when not the viewer's own setting: a space report's
   * drill-down passes the report's, so its range is the same days (DESIGN.md decision 5).
   */
  zone?: string;
}

export const RANGE_PRESETS: readonly RangePreset[] = ['last7Days', 'lastMonth', 'lastQuarter', 'lastYear'];
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];
export const DEFAULT_PARAMS: PanelParams = { range: 'lastQuarter', granularity: 'week', tenant: 'all' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An IANA zone name the platform knows (`Europe/London`, `UTC`); nothing else is taken from a link. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
const OCTOPUS_ID = /^[A-Za-z]+-\d+$/;

/** Reads the parameters, dropping any that are malformed (a hand-edited link must not break the panel). */
export function readPanelParams(search: URLSearchParams): PanelParams {
  const params: PanelParams = { ...DEFAULT_PARAMS };
  const range = search.get('range');
  if (range && (RANGE_PRESETS as string[]).includes(range)) params.range = range as RangePreset;
  const from = search.get('from');
  const to = search.get('to');
  if (range === 'custom' && from && to && DATE.test(from) && DATE.test(to) && from <= to) {
    params.range = 'custom';
    params.from = from;
    params.to = to;
  }
  const granularity = search.get('granularity');
  if (granularity && (GRANULARITIES as string[]).includes(granularity)) params.granularity = granularity as Granularity;
  const channel = search.get('channel');
  if (channel && OCTOPUS_ID.test(channel)) params.channel = channel;
  const environment = search.get('environment');
  if (environment && OCTOPUS_ID.test(environment)) params.environment = environment;
  const tenant = search.get('tenant');
  if (tenant && (tenant === 'all' || tenant === 'untenanted' || OCTOPUS_ID.test(tenant))) params.tenant = tenant;
  const zone = search.get('zone');
  if (zone && isTimeZone(zone)) params.zone = zone;
  return params;
}

/** Writes only what differs from the defaults, keeping shared links short. */
export function writePanelParams(params: PanelParams, into = new URLSearchParams()): URLSearchParams {
  const set = (key: string, value: string | undefined, fallback?: string) => {
    if (value === undefined || value === fallback) into.delete(key);
    else into.set(key, value);
  };
  set('range', params.range, DEFAULT_PARAMS.range);
  set('from', params.range === 'custom' ? params.from : undefined);
  set('to', params.range === 'custom' ? params.to : undefined);
  set('granularity', params.granularity, DEFAULT_PARAMS.granularity);
  set('channel', params.channel);
  set('environment', params.environment);
  set('tenant', params.tenant, DEFAULT_PARAMS.tenant);
  set('zone', params.zone);
  return into;
}

export const PANEL_PARAM_KEYS = ['range', 'from', 'to', 'granularity', 'channel', 'environment', 'tenant', 'zone'];

const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Where a switch to a custom range starts, before the user adjusts it: the last 30 days (UTC dates).
 *
 * @example
 * customRangeStart(Date.UTC(2026, 10, 25, 12)) //=> { from: '2026-10-26', to: '2026-11-25' }
 */
export function customRangeStart(now: number): { from: string; to: string } {
  return { from: isoDay(now - 30 * DAY_MS), to: isoDay(now) };
}

/**
 * The panel's view after a filter change: a custom range gets dates when it has none, and a new channel
 * takes its lifecycle's default environment unless the change names one (`environment: ''`).
 *
 * @example
 * nextPanelParams(DEFAULT_PARAMS, { range: 'custom' }, Date.UTC(2026, 10, 25))
 * //=> { ...DEFAULT_PARAMS, range: 'custom', from: '2026-10-26', to: '2026-11-25' }
 */
export function nextPanelParams(params: PanelParams, patch: Partial<PanelParams>, now: number): PanelParams {
  const next: PanelParams = { ...params, ...patch };
  if (patch.range === 'custom' && (!next.from || !next.to)) Object.assign(next, customRangeStart(now));
  if (patch.channel !== undefined && patch.environment === '') next.environment = undefined;
  return next;
}
