/** The user's settings (lib/settings/settings.ts), live: a change in any page re-renders every open one. */
import { useEffect, useState } from 'preact/hooks';
import { errorText, type StatusNote } from '@/lib/display/status-note';
import { defaultSettings, type Settings } from '@/lib/settings/settings';
import { getSettings, updateSettings, watchSettings } from '@/lib/store/settings-store';

/** The settings to compute with: the defaults until the stored ones are read. */
export function useSettings(): Settings {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  useEffect(() => {
    void getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  return settings;
}

/**
 * The settings as the options page edits them: `undefined` until read (the page shows no default as if it
 * were the user's), each change saved at once and reported in `status`.
 */
export function useSettingsEditor() {
  const [settings, setSettings] = useState<Settings>();
  const [status, setStatus] = useState<StatusNote>();
  useEffect(() => {
    void getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);

  /** `what` names the setting in the message. */
  const change = (patch: Partial<Settings>, what: string) => {
    setSettings((current) => current && { ...current, ...patch });
    updateSettings(patch).then(
      (saved) => {
        setSettings(saved);
        setStatus({ tone: 'success', text: `${what} saved.` });
      },
      (error: unknown) => {
        setStatus({ tone: 'error', text: `${what} was not saved: ${errorText(error)}` });
        void getSettings().then(setSettings); // show what is really stored
      },
    );
  };
  return { settings, status, change };
}
