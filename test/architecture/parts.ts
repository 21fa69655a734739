/**
 * The parts of lib/ and what each may use: the layout's rules, checked by ./check.ts in `npm run lint`
 * (part of `npm test`). Every file of lib/ is in one of these folders; a new folder needs a line here with
 * its job, whether it is pure, and the parts it builds on.
 */

export interface Part {
  /** One sentence: the part's job. */
  job: string;
  /** Derived data only: no browser API, storage or UI runtime reachable from it (type imports aside). */
  pure: boolean;
  /** Other parts it may import (its own files always). */
  uses: readonly string[];
}

export const PARTS: Record<string, Part> = {
  octopus: {
    job: "Octopus's REST API through the user's session: the client, zod schemas, errors, paging, one module per resource family",
    pure: false,
    uses: [],
  },
  host: {
    job: "the Octopus web app DORA Lens runs beside: a server's addresses, the hash routes, the DOM (selectors), and what DORA Lens puts into it (menu entries, the panel frame)",
    pure: false,
    uses: ['panel'],
  },
  servers: {
    job: 'which servers DORA Lens may reach: their host-permission grants and the content scripts registered for them',
    pure: false,
    uses: [],
  },
  trust: {
    job: "the worker's trust boundary: who may ask it for what, for which server and space (DESIGN.md decision 9)",
    pure: false,
    uses: ['host', 'servers', 'messages'],
  },
  messages: {
    job: 'what pages and the content script ask the worker, and what it answers',
    pure: true,
    uses: [],
  },
  sync: {
    job: 'the worker side of syncing: first and incremental syncs, checkpoints, the lock, the status it publishes',
    pure: false,
    uses: ['octopus', 'store', 'metrics', 'messages', 'trust'],
  },
  store: {
    job: 'what DORA Lens keeps in the browser: the deployment cache (IndexedDB, per server and user), settings and saved reports (storage.local), goals and project settings (storage.sync), alert state',
    pure: false,
    uses: ['metrics', 'settings', 'report', 'goals'],
  },
  metrics: {
    job: 'pure metric functions over the normalised facts',
    pure: true,
    uses: [],
  },
  export: {
    job: 'the CSV of per-deployment rows, pure',
    pure: true,
    uses: ['metrics'],
  },
  settings: {
    job: "the user's settings as data (defaults, choices, reading what is stored) and time zones",
    pure: true,
    uses: ['metrics'],
  },
  goals: {
    job: "the user's delivery goals as data: targets per metric for a space and its projects, whether a view meets them (with 95 % confidence), when a followed project's slip is news",
    pure: true,
    uses: ['metrics'],
  },
  display: {
    job: 'how numbers, names and statuses read on screen: formats, metric names and definitions, card, goal and status view-models',
    pure: true,
    uses: ['metrics', 'goals'],
  },
  chart: {
    job: 'uPlot data and option builders',
    pure: true,
    uses: ['metrics', 'display', 'goals'],
  },
  panel: {
    job: "the project panel's model: its view parameters and address, a project's query, its filters and tables, its goals",
    pure: true,
    uses: ['metrics', 'display', 'goals'],
  },
  report: {
    job: "the space report's model: definitions, splits, statistics and view-models, its projects' goals",
    pure: true,
    uses: ['metrics', 'export', 'chart', 'display', 'panel', 'settings', 'goals'],
  },
  summary: {
    job: "the popup's space summary and its view-model",
    pure: true,
    uses: ['metrics', 'display', 'panel', 'goals'],
  },
  alerts: {
    job: "the worker's alerts: after a background refresh, followed projects judged against their goals, one notification per project per day, the toolbar badge, a click opening the project's panel",
    pure: false,
    uses: ['store', 'goals', 'panel', 'metrics', 'display', 'host', 'settings'],
  },
  share: {
    job: 'what people take out of DORA Lens to share: the Markdown summary of a view, names escaped',
    pure: true,
    uses: ['metrics', 'display'],
  },
  ui: {
    job: "the pages' hooks and browser glue: the session via the worker, the cache read directly, sync status, settings, downloads",
    pure: false,
    uses: ['messages', 'sync', 'store', 'metrics', 'export', 'settings', 'display', 'chart', 'panel', 'report', 'summary', 'share', 'host', 'servers', 'goals', 'alerts'],
  },
};

/** What components may import from lib/: the pure parts, and the server's addresses (lib/host/server-url.ts, pure). */
export const COMPONENTS_USE = [...Object.keys(PARTS).filter((p) => PARTS[p].pure), 'host/server-url'];

/** Packages that are a browser API, storage or WXT's runtime: none may be reachable from a pure part or a component. */
export const BROWSER_PACKAGES = ['webextension-polyfill', 'idb', '#imports', 'wxt'];
/** UI runtimes: a pure part renders nothing. */
export const UI_PACKAGES = ['preact', 'uplot'];
