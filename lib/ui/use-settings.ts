/** Preact hooks shared by the extension pages (panel, report, popup): they own browser and cache access, so components stay presentational. */
/** The user's defaults (options page), live: a change there re-renders open panels. */
import { useEffect, useState } from 'preact/hooks';
import { defaultSettings, getSettings, type Settings, watchSettings } from '@/lib/settings';

export function useSettings(): Settings {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  useEffect(() => {
    void getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  return settings;
}
