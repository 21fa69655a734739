/**
 * The user's settings (lib/settings/settings.ts) in `browser.storage.local`, shared by every context: the
 * worker reads the refresh interval, pages follow changes made in the options page as they happen.
 */
import browser from 'webextension-polyfill';
import { checkPatch, parseSettings, type Settings, storedChoices } from '@/lib/settings/settings';

export const SETTINGS_KEY = 'settings';

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
  const checked = checkPatch(patch);
  if (!checked.ok) return Promise.reject(new Error(checked.error));
  const write = writes.then(async () => {
    const next = { ...storedChoices(await readStored()), ...checked.patch };
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
