import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, parseSettings, type Settings } from '@/lib/settings/settings';
import { getSettings, SETTINGS_KEY, updateSettings, watchSettings } from '@/lib/store/settings-store';

const stored = async () => (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
const store = (value: unknown) => fakeBrowser.storage.local.set({ [SETTINGS_KEY]: value });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('defaults', () => {
  it('are Octopus-like and follow the browser time zone when nothing is stored', async () => {
    expect(await getSettings()).toEqual({
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      weekStart: 'sunday',
      tierYear: 2024,
      blockedIsFailure: true,
      refreshMinutes: 30,
      // Alerts ask for a permission: never on until the user turns them on.
      alerts: false,
    });
  });

  it('read the time zone at read time, so a browser moving zones is followed', () => {
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({ timeZone: 'Asia/Tokyo' } as Intl.ResolvedDateTimeFormatOptions);
    try {
      expect(defaultSettings().timeZone).toBe('Asia/Tokyo');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('reading stored values', () => {
  it('keeps valid fields and falls back field by field for missing, old or invalid ones', async () => {
    await store({ timeZone: 'Mars/Olympus_Mons', weekStart: 'monday', tierYear: 2022, blockedIsFailure: 'yes', refreshMinutes: 60, theme: 'old-field' });
    const defaults = defaultSettings();
    expect(await getSettings()).toEqual({ ...defaults, weekStart: 'monday', refreshMinutes: 60 });
  });

  it.each([
    ['a string', 'monday'],
    ['null', null],
    ['an array', ['monday']],
    ['a number', 42],
  ])('never throws on %s stored under the key', async (_, value) => {
    await store(value);
    expect(await getSettings()).toEqual(defaultSettings());
  });

  it('rejects refresh intervals that are fractional or out of range', () => {
    const defaults = defaultSettings();
    for (const refreshMinutes of [0, 2.5, -30, 100_000, Number.NaN]) {
      expect(parseSettings({ refreshMinutes }).refreshMinutes, String(refreshMinutes)).toBe(defaults.refreshMinutes);
    }
    expect(parseSettings({ refreshMinutes: 45 }).refreshMinutes).toBe(45);
  });

  it('accepts any IANA zone the engine knows, including UTC', () => {
    expect(parseSettings({ timeZone: 'UTC' }).timeZone).toBe('UTC');
    expect(parseSettings({ timeZone: 'America/Argentina/Buenos_Aires' }).timeZone).toBe('America/Argentina/Buenos_Aires');
    expect(parseSettings({ timeZone: '' }).timeZone).toBe(defaultSettings().timeZone);
  });

  it('falls back to defaults when storage itself fails', async () => {
    const spy = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage is gone'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(await getSettings()).toEqual(defaultSettings());
    } finally {
      spy.mockRestore();
      warn.mockRestore();
    }
  });
});

describe('updateSettings', () => {
  it('stores only what the user chose and returns the full result', async () => {
    const result = await updateSettings({ weekStart: 'monday' });
    expect(result).toEqual({ ...defaultSettings(), weekStart: 'monday' });
    expect(await stored()).toEqual({ weekStart: 'monday' });
  });

  it('merges with earlier choices and drops invalid leftovers from storage', async () => {
    await store({ tierYear: 2021, weekStart: 'someday', legacy: true });
    await updateSettings({ blockedIsFailure: false });
    expect(await stored()).toEqual({ tierYear: 2021, blockedIsFailure: false });
    expect(await getSettings()).toMatchObject({ tierYear: 2021, blockedIsFailure: false, weekStart: 'sunday' });
  });

  it('keeps both of two quick successive changes', async () => {
    await Promise.all([updateSettings({ weekStart: 'monday' }), updateSettings({ refreshMinutes: 120 }), updateSettings({ tierYear: 2023 })]);
    expect(await stored()).toEqual({ weekStart: 'monday', refreshMinutes: 120, tierYear: 2023 });
  });

  it('refuses an invalid patch whole and stores nothing', async () => {
    await expect(updateSettings({ weekStart: 'friday' } as unknown as Partial<Settings>)).rejects.toThrow(/Invalid settings/);
    await expect(updateSettings({ tierYear: 2022 } as unknown as Partial<Settings>)).rejects.toThrow(/tierYear/);
    await expect(updateSettings({ timeZone: 'Nowhere/Land' })).rejects.toThrow();
    await expect(updateSettings({ colour: 'red' } as unknown as Partial<Settings>)).rejects.toThrow();
    expect(await stored()).toBeUndefined();
    // A refused write does not jam the queue for the next one.
    await updateSettings({ weekStart: 'monday' });
    expect(await stored()).toEqual({ weekStart: 'monday' });
  });
});

describe('watchSettings', () => {
  it('reports the parsed settings on every change and stops after unsubscribing', async () => {
    const seen: Settings[] = [];
    const stop = watchSettings((settings) => seen.push(settings));
    await updateSettings({ weekStart: 'monday' });
    await store({ tierYear: 'bogus' });
    stop();
    await updateSettings({ tierYear: 2023 });
    expect(seen).toEqual([
      { ...defaultSettings(), weekStart: 'monday' },
      defaultSettings(),
    ]);
  });

  it('ignores other keys and other storage areas', async () => {
    const onChange = vi.fn();
    watchSettings(onChange);
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    await fakeBrowser.storage.session.set({ [SETTINGS_KEY]: { weekStart: 'monday' } });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('reports defaults when the settings are removed', async () => {
    await updateSettings({ weekStart: 'monday' });
    const onChange = vi.fn();
    watchSettings(onChange);
    await fakeBrowser.storage.local.remove(SETTINGS_KEY);
    expect(onChange).toHaveBeenCalledWith(defaultSettings());
  });
});
