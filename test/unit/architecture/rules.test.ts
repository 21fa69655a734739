import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Module, readImports, readModules } from '../../architecture/graph';
import { checkArchitecture, type RuleId } from '../../architecture/rules';

/** A small tree of modules from source text, imports resolved against the tree itself. */
function tree(files: Record<string, string>): Module[] {
  const exists = (path: string) => path in files;
  return Object.entries(files).map(([path, text]) => ({ path, text, imports: readImports(path, text, exists) }));
}

/** The rules a file breaks when added to a tree that breaks none. */
function broken(files: Record<string, string>): RuleId[] {
  return [...new Set(checkArchitecture(tree({ ...BASE, ...files })).violations.map((v) => v.rule))].sort();
}

const BASE: Record<string, string> = {
  'lib/metrics/facts.ts': 'export const TaskState = { Success: 3 };',
  'lib/export/csv.ts': "import { TaskState } from '@/lib/metrics/facts';\nexport const csv = () => String(TaskState.Success);",
  'lib/octopus/client.ts': "import { signInUrl } from '@/lib/host/server-url';\nexport const client = () => signInUrl('x');",
  'lib/host/server-url.ts': "export const signInUrl = (server: string) => server + '/app#/users/sign-in';",
  'lib/host/mount.ts': "export const mount = () => document.body;",
  'lib/store/cache.ts': "import { openDB } from 'idb';\nexport const open = () => openDB('x');",
  'lib/sync/engine.ts': "import { client } from '@/lib/octopus/client';\nimport { open } from '@/lib/store/cache';\nexport const sync = () => [client, open];",
  'lib/sync/status.ts': "export const statusKey = (s: string) => 'sync:' + s;",
  'lib/display/format.ts': "export const formatCount = (n: number) => String(n);",
  'lib/ui/use-thing.ts': "import { useState } from 'preact/hooks';\nimport browser from 'webextension-polyfill';\nexport function useThing() { return useState(browser); }",
  'components/Card.tsx': "import { formatCount } from '@/lib/display/format';\nexport const Card = () => <p>{formatCount(1)}</p>;",
  'entrypoints/popup/App.tsx': "import { Card } from '@/components/Card';\nimport { useThing } from '@/lib/ui/use-thing';\nexport const App = () => { useThing(); return <Card />; };",
};

describe('the layout’s rules', () => {
  it('hold on a tree that follows them', () => {
    expect(checkArchitecture(tree(BASE)).violations).toEqual([]);
  });

  it('hold on this repository', () => {
    const report = checkArchitecture(readModules(fileURLToPath(new URL('../../..', import.meta.url))));
    expect(report.violations).toEqual([]);
  });

  it('put every file of lib/ in a declared part', () => {
    expect(broken({ 'lib/loose.ts': 'export const x = 1;' })).toEqual(['lib-parts']);
    expect(broken({ 'lib/misc/thing.ts': 'export const x = 1;' })).toEqual(['lib-parts']);
  });

  it('keep dependencies one way: entrypoints → components → lib', () => {
    expect(broken({ 'lib/display/uses-card.ts': "import { Card } from '@/components/Card';\nexport const c = Card;" })).toContain('one-way');
    expect(broken({ 'components/Page.tsx': "import { App } from '@/entrypoints/popup/App';\nexport const P = App;" })).toContain('one-way');
    expect(broken({ 'entrypoints/options/App.tsx': "import { App } from '../popup/App';\nexport const O = App;" })).toEqual(['one-way']);
  });

  it('keep components presentational, even through another module', () => {
    expect(broken({ 'components/Status.tsx': "import { statusKey } from '@/lib/sync/status';\nexport const S = () => <p>{statusKey('a')}</p>;" })).toEqual(['components-presentational']);
    expect(broken({ 'components/Stored.tsx': "import browser from 'webextension-polyfill';\nexport const S = () => <p>{String(browser)}</p>;" })).toEqual(['components-presentational']);
    expect(
      broken({
        'lib/display/leaky.ts': "import browser from 'webextension-polyfill';\nexport const leaky = browser;",
        'components/Leaky.tsx': "import { leaky } from '@/lib/display/leaky';\nexport const L = () => <p>{String(leaky)}</p>;",
      }),
    ).toEqual(['components-presentational', 'pure-parts']);
    // Types are not code: a component may name a type of a pure part that imports types elsewhere.
    expect(broken({ 'lib/display/typed.ts': "import type { Browser } from 'webextension-polyfill';\nexport type B = Browser;", 'components/Typed.tsx': "import type { B } from '@/lib/display/typed';\nexport const T = (_: { b?: B }) => <p />;" })).toEqual([]);
  });

  it('keep lib/metrics and lib/export pure and on their own', () => {
    expect(broken({ 'lib/metrics/stored.ts': "import { open } from '@/lib/store/cache';\nexport const s = open;" })).toContain('metrics-export-alone');
    expect(broken({ 'lib/metrics/valid.ts': "import { z } from 'zod';\nexport const v = z.string();" })).toEqual(['metrics-export-alone']);
    expect(broken({ 'lib/export/ui.ts': "import { h } from 'preact';\nexport const u = h;" })).toEqual(['pure-parts']);
    expect(broken({ 'lib/metrics/browser.ts': "import browser from 'webextension-polyfill';\nexport const b = browser;" })).toEqual(['pure-parts']);
  });

  it('keep lib/host off the cache and the sync, and lib/store off the sync', () => {
    expect(broken({ 'lib/host/cached.ts': "import { open } from '@/lib/store/cache';\nexport const c = open;" })).toContain('host-no-store-sync');
    expect(broken({ 'lib/store/driver.ts': "import { sync } from '@/lib/sync/engine';\nexport const d = sync;" })).toContain('store-no-sync');
  });

  it('keep Octopus’s API and addresses in lib/octopus and lib/host', () => {
    expect(broken({ 'lib/octopus/synced.ts': "import { statusKey } from '@/lib/sync/status';\nexport const s = statusKey;" })).toContain('octopus-alone');
    expect(broken({ 'lib/ui/use-direct.ts': "import { client } from '@/lib/octopus/client';\nexport const useDirect = () => client;" })).toContain('octopus-knowledge');
    expect(broken({ 'lib/display/link.ts': "export const link = (server: string) => server + '/app#/Spaces-1/projects';" })).toEqual(['octopus-knowledge']);
  });

  it('let pages reach Octopus only through the worker', () => {
    expect(broken({ 'lib/ui/use-sync.ts': "import { sync } from '@/lib/sync/engine';\nexport const useSync = () => sync;" })).toContain('pages-ask-the-worker');
    expect(broken({ 'entrypoints/insights/App.tsx': "import { sync } from '@/lib/sync/engine';\nexport const A = () => sync;" })).toEqual(['pages-ask-the-worker']);
  });

  it('keep each part to the parts it names, and no two parts in a circle', () => {
    expect(broken({ 'lib/display/sync-aware.ts': "import { statusKey } from '@/lib/sync/status';\nexport const k = statusKey;" })).toContain('part-uses');
    expect(
      broken({
        'lib/trust/a.ts': "import { b } from '@/lib/servers/b';\nexport const a = b;",
        'lib/servers/b.ts': "import { a } from '@/lib/trust/a';\nexport const b = () => a;",
      }),
    ).toEqual(['no-part-cycles', 'part-uses']);
  });

  it('leave the Octopus page to lib/host', () => {
    expect(broken({ 'entrypoints/octopus.content/index.ts': "export const place = () => document.querySelector('nav')?.getBoundingClientRect();" })).toEqual(['host-dom-in-lib-host']);
    expect(broken({ 'entrypoints/octopus.content/index.ts': "import { mount } from '@/lib/host/mount';\nexport const main = () => mount();" })).toEqual([]);
  });

  it('keep hooks in lib/ui', () => {
    expect(broken({ 'lib/display/use-format.ts': "import { useMemo } from 'preact/hooks';\nexport function useFormat() { return useMemo(() => 1, []); }" })).toEqual(['hooks-in-lib-ui', 'pure-parts']);
    expect(broken({ 'components/Hooked.tsx': 'export const useLocal = () => 1;\nexport const H = () => <p>{useLocal()}</p>;' })).toEqual(['hooks-in-lib-ui']);
  });

  it('keep files and functions short', () => {
    const long = Array.from({ length: 85 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    expect(broken({ 'lib/display/long.ts': `export function long() {\n${long}\n  return v0;\n}` })).toEqual(['function-size']);
    const wide = Array.from({ length: 301 }, (_, i) => `export const c${i} = ${i};`).join('\n');
    expect(broken({ 'components/Big.tsx': wide })).toEqual(['file-size']);
  });
});
