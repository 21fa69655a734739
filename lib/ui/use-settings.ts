/** The user's defaults (options page), live: a change there re-renders open panels. */
import { useEffect, useState } from 'preact/hooks';
import { defaultSettings, type Settings } from '@/lib/settings/settings';
import { getSettings, watchSettings } from '@/lib/store/settings-store';

export function useSettings(): Settings {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  useEffect(() => {
    void getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  return settings;
}
