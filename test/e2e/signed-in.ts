/**
 * The usual start of a browser-test file: a fresh emulator, the built extension in a browser, optionally
 * the extension's settings, and a page signed in to Octopus; both closed after the file's tests. Its fields
 * are set once the file's `beforeAll` has run (read them inside tests and hooks, not at module level).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { type ExtensionBrowser, launchWithExtension, signIn } from './browser';

export interface SignedIn {
  emulator: RunningEmulator;
  ext: ExtensionBrowser;
  page: Page;
}

export function signedInBrowser(emulatorOptions: EmulatorOptions, options: { user?: { username: string; password: string }; settings?: Record<string, unknown> } = {}): SignedIn {
  const session = {} as SignedIn;
  beforeAll(async () => {
    session.emulator = await startEmulator({ port: 0, ...emulatorOptions });
    session.ext = await launchWithExtension();
    if (options.settings) await session.ext.evaluateInExtension(`chrome.storage.local.set({ settings: ${JSON.stringify(options.settings)} })`);
    session.page = await session.ext.browser.newPage();
    await signIn(session.page, session.emulator.url, options.user ?? EMULATOR_USERS.admin);
  });
  afterAll(async () => {
    await session.ext?.close();
    await session.emulator?.close();
  });
  return session;
}
