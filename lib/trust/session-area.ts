import browser from 'webextension-polyfill';
import { memoryArea, type SessionArea } from './opened-pages';

/**
 * `storage.session` where the worker has it (Chromium, Firefox 115+): cleared when the browser closes,
 * kept while the worker or background script is stopped and restarted. A Map otherwise.
 */
export function sessionArea(): SessionArea {
  const session = (browser.storage as { session?: browser.Storage.StorageArea }).session;
  if (!session) return memoryArea();
  return {
    get: async (key) => (await session.get(key))[key],
    set: (key, value) => session.set({ [key]: value }),
    remove: (key) => session.remove(key),
    keys: async () => Object.keys(await session.get(null)),
  };
}
