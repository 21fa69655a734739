/**
 * The request guard of the worker's Octopus client: before every request (retries included) the browser is
 * asked whether DORA Lens still holds the host permission for the URL's origin. A grant revoked in Options
 * or in the browser's own extension settings stops the very next request of a running sync.
 */
import browser from 'webextension-polyfill';
import { originPattern } from '@/lib/servers/grants';
import { Refused } from './refused';

export async function requirePermission(url: string): Promise<void> {
  const origin = new URL(url).origin;
  if (!(await browser.permissions.contains({ origins: [originPattern(origin)] }))) {
    throw new Refused('not-enabled', `no host permission for ${origin} (request to ${new URL(url).pathname})`);
  }
}
