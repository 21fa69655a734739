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
