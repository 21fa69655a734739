/** Shared by the emulator's tests: a started emulator and signed-in HTTP clients. */
import { type EmulatorOptions, type RunningEmulator, type SignedIn, startEmulator } from './server';

/** A Wednesday afternoon, so "now" falls in business hours. */
export const NOW = Date.UTC(2025, 5, 18, 14, 37);

/** Octopus JSON as tests read it: loosely, with the assertions doing the checking. */
// biome-ignore lint/suspicious/noExplicitAny: tests index into arbitrary Octopus JSON
export type Json = any;

export interface Response<T = unknown> {
  status: number;
  json: T;
  text: string;
  headers: Headers;
}

export class Client {
  constructor(
    readonly emu: RunningEmulator,
    readonly signedIn?: SignedIn,
  ) {}

  async request<T = Json>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const all: Record<string, string> = { ...headers };
    if (this.signedIn) all.Cookie = this.signedIn.cookie;
    if (method !== 'GET' && this.signedIn && !('X-Octopus-Csrf-Token' in headers)) {
      all['X-Octopus-Csrf-Token'] = this.signedIn.csrfToken;
    }
    if (body !== undefined) all['Content-Type'] = 'application/json';
    const response = await fetch(`${this.emu.url}${path}`, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await response.text();
    let json: Json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text, headers: response.headers };
  }

  get<T = Json>(path: string): Promise<Response<T>> {
    return this.request<T>('GET', path);
  }

  post<T = Json>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Response<T>> {
    return this.request<T>('POST', path, body, headers);
  }

  /** Every item of a collection, following skip/take. */
  async all<T = Json>(path: string, take = 500): Promise<T[]> {
    const items: T[] = [];
    for (let skip = 0; ; skip += take) {
      const sep = path.includes('?') ? '&' : '?';
      const page = await this.get<{ Items: T[]; TotalResults: number }>(`${path}${sep}skip=${skip}&take=${take}`);
      if (page.status !== 200) throw new Error(`${path}: ${page.status} ${page.text}`);
      items.push(...page.json.Items);
      if (skip + take >= page.json.TotalResults) return items;
    }
  }
}

export async function startTestEmulator(opts: EmulatorOptions = {}) {
  const emu = await startEmulator({ scale: 'tiny', seed: 1, now: NOW, port: 0, ...opts });
  const admin = new Client(emu, await emu.signIn('admin'));
  const restricted = new Client(emu, await emu.signIn('restricted'));
  const anonymous = new Client(emu);
  return { emu, admin, restricted, anonymous };
}
