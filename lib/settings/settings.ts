/**
 * The user's settings — the defaults every view starts from — as data: what they are, their defaults and
 * choices, and how a stored value (anything at all) is read back. Pure: lib/store/settings-store.ts keeps
 * them in `browser.storage.local`; the options page shows them.
 *
 * Only the user's explicit choices are stored, never a default: defaults are filled in at read time. That
 * way the time zone keeps following the browser's until the user picks one, and a default changed in a
 * later version reaches everyone who never touched it. Reads never throw: a stored value that is missing,
 * of an old shape or invalid falls back to its default, field by field.
 */
import { z } from 'zod';
import type { TierYear, WeekStart } from '@/lib/metrics/types';
import { browserTimeZone, isIanaTimeZone } from './time-zones';

export interface Settings {
  /** IANA zone used to bucket days, weeks and months. */
  timeZone: string;
  weekStart: WeekStart;
  /** Which State of DevOps report's performance clusters the tiers come from. */
  tierYear: TierYear;
  /** A release blocked by "prevent progression" counts as a failed deployment (DESIGN.md decision 4). */
  blockedIsFailure: boolean;
  /** How often the worker refreshes cached spaces in the background. */
  refreshMinutes: number;
  /**
   * Notify when a followed project slips after a background refresh (off by default; turning it on asks the
   * browser for the `notifications` permission).
   */
  alerts: boolean;
}

export const TIER_YEARS: readonly TierYear[] = [2024, 2023, 2021];
/** The choices offered; any whole number of minutes in range is accepted from storage. */
export const REFRESH_CHOICES: readonly number[] = [15, 30, 60, 120, 240, 720, 1440];
const REFRESH_MIN = 5;
const REFRESH_MAX = 1440;

export const defaultSettings = (): Settings => ({
  timeZone: browserTimeZone(),
  weekStart: 'sunday', // as Octopus's own insights
  tierYear: 2024,
  blockedIsFailure: true,
  refreshMinutes: 30,
  alerts: false,
});

const fields = {
  timeZone: z.string().refine(isIanaTimeZone),
  weekStart: z.enum(['sunday', 'monday']),
  tierYear: z.union([z.literal(2024), z.literal(2023), z.literal(2021)]),
  blockedIsFailure: z.boolean(),
  refreshMinutes: z.number().int().min(REFRESH_MIN).max(REFRESH_MAX),
  alerts: z.boolean(),
};

/** For writes: a patch with any invalid field is a caller's bug and is refused whole. */
const patchSchema = z.object(fields).partial().strict();

/**
 * Resolves whatever is stored (anything at all) into complete settings.
 *
 * @example
 * parseSettings({ weekStart: 'monday', tierYear: 1999 }) //=> { ...defaultSettings(), weekStart: 'monday' }
 */
export function parseSettings(stored: unknown): Settings {
  const defaults = defaultSettings();
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const pick = <K extends keyof Settings>(key: K): Settings[K] => {
    const parsed = fields[key].safeParse(record[key]);
    return parsed.success ? (parsed.data as Settings[K]) : defaults[key];
  };
  return {
    timeZone: pick('timeZone'),
    weekStart: pick('weekStart'),
    tierYear: pick('tierYear'),
    blockedIsFailure: pick('blockedIsFailure'),
    refreshMinutes: pick('refreshMinutes'),
    alerts: pick('alerts'),
  };
}

/** The user's explicit choices only, valid ones kept, so a write never persists a default or junk. */
export function storedChoices(stored: unknown): Partial<Settings> {
  if (typeof stored !== 'object' || stored === null) return {};
  const choices: Partial<Settings> = {};
  for (const key of Object.keys(fields) as (keyof Settings)[]) {
    const parsed = fields[key].safeParse((stored as Record<string, unknown>)[key]);
    if (parsed.success) Object.assign(choices, { [key]: parsed.data });
  }
  return choices;
}

/** A patch checked for writing: every field valid, or the whole patch refused with what was wrong. */
export function checkPatch(patch: Partial<Settings>): { ok: true; patch: Partial<Settings> } | { ok: false; error: string } {
  const checked = patchSchema.safeParse(patch);
  return checked.success ? { ok: true, patch: checked.data } : { ok: false, error: `Invalid settings: ${z.prettifyError(checked.error)}` };
}
