/**
 * The user's defaults, kept in `browser.storage.local` under one key so every extension context (options,
 * popup, panel, worker) reads the same values and hears the same changes.
 *
 * Only what the user chose is stored; defaults fill in the rest at read time. That way the time zone keeps
 * following the browser's until the user picks one, and a default changed in a later version reaches
 * everyone who never touched it. Reads never throw: a stored value that is missing, of an old shape or
 * invalid falls back to its default, field by field.
 */
import browser from 'webextension-polyfill';
import { z } from 'zod';
import type { TierYear } from '@/lib/metrics/types';

export const SETTINGS_KEY = 'settings';

export type WeekStart = 'sunday' | 'monday';

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
}

export const WEEK_STARTS: readonly WeekStart[] = ['sunday', 'monday'];
export const TIER_YEARS: readonly TierYear[] = [2024, 2023, 2021];
/** The choices offered; any whole number of minutes in range is accepted from storage. */
export const REFRESH_CHOICES: readonly number[] = [15, 30, 60, 120, 240, 720, 1440];
const REFRESH_MIN = 5;
const REFRESH_MAX = 1440;

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const defaultSettings = (): Settings => ({
  timeZone: browserTimeZone(),
  weekStart: 'sunday', // as Octopus's own insights
  tierYear: 2024,
  blockedIsFailure: true,
  refreshMinutes: 30,
});

const fields = {
  timeZone: z.string().refine(isValidTimeZone),
  weekStart: z.enum(['sunday', 'monday']),
  tierYear: z.union([z.literal(2024), z.literal(2023), z.literal(2021)]),
  blockedIsFailure: z.boolean(),
  refreshMinutes: z.number().int().min(REFRESH_MIN).max(REFRESH_MAX),
};

/** For writes: a patch with any invalid field is a caller's bug and is refused whole. */
const patchSchema = z.object(fields).partial().strict();

/** Resolves whatever is stored (anything at all) into complete settings. */
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
  };
}

/** The user's explicit choices only, valid ones kept, so a write never persists a default or junk. */
function storedChoices(stored: unknown): Partial<Settings> {
  if (typeof stored !== 'object' || stored === null) return {};
  const choices: Partial<Settings> = {};
  for (const key of Object.keys(fields) as (keyof Settings)[]) {
    const parsed = fields[key].safeParse((stored as Record<string, unknown>)[key]);
    if (parsed.success) Object.assign(choices, { [key]: parsed.data });
  }
  return choices;
}

async function readStored(): Promise<unknown> {
  try {
    return (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  } catch (error) {
    console.warn('DORA Lens: reading settings failed; using defaults', error);
    return undefined;
  }
}

export async function getSettings(): Promise<Settings> {
  return parseSettings(await readStored());
}

// Writes from one context go one after another, so two quick changes never overwrite each other.
let writes: Promise<unknown> = Promise.resolve();

/** Stores the given choices on top of the user's earlier ones and returns the resulting settings. */
export function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const checked = patchSchema.safeParse(patch);
  if (!checked.success) return Promise.reject(new Error(`Invalid settings: ${z.prettifyError(checked.error)}`));
  const write = writes.then(async () => {
    const next = { ...storedChoices(await readStored()), ...checked.data };
    await browser.storage.local.set({ [SETTINGS_KEY]: next });
    return parseSettings(next);
  });
  writes = write.catch(() => undefined);
  return write;
}

/** Calls `onChange` with the new settings whenever any context changes them; returns the unsubscribe. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) onChange(parseSettings(changes[SETTINGS_KEY].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
