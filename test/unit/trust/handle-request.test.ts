import { describe, expect, it, vi } from 'vitest';
import type { Caller } from '@/lib/trust/caller';
import { handleRequest, type WorkerDeps } from '@/lib/trust/handle-request';
import { memoryArea, openedPages } from '@/lib/trust/opened-pages';
import { Refused } from '@/lib/trust/refused';

const SERVER = 'http://127.0.0.1:8066';
const SESSION = { server: SERVER, userId: 'Users-1', username: 'admin', displayName: 'Admin' };

function setup(enabled = [SERVER]) {
  const pages = openedPages(memoryArea());
  const deps = {
    grants: { isEnabled: async (server: string) => enabled.includes(new URL(server).origin), openedPage: (tabId: number) => pages.openedPage(tabId) },
    pages,
    whoAmI: vi.fn(async (server: string) => ({ ...SESSION, server })),
    lastUser: vi.fn((_server: string): string | undefined => 'Users-1'),
    startSync: vi.fn(),
    openTab: vi.fn(async (_url: string) => {}),
    reportUrl: (server: string, space: string, ticket: string) => `ext://insights.html#${new URLSearchParams({ server, space, view: 'report', ticket })}`,
    serverSupport: vi.fn(async (_server: string) => ({ version: '2018.10.12', supported: false, reason: 'Octopus 2018.x and older is not supported' })),
    projectAccess: vi.fn(async (_server: string, _space: string, project: string) => (project === 'secret' ? ('forbidden' as const) : ('visible' as const))),
    projectChanges: vi.fn(async (_server: string, _space: string, _project: string, _lifecycle?: string) => [
      { id: 'Events-900001000', occurred: 0, kind: 'process' as const, message: 'Deployment process of project Web modified' },
    ]),
    keepProject: vi.fn(),
    refused: vi.fn(),
  } satisfies WorkerDeps;
  return deps;
}

const framedOn = (topUrl: string): Caller => ({ kind: 'framed', topUrl });
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => (error instanceof Refused ? error.reason : `not refused: ${String(error)}`));

describe('handleRequest (the worker’s guards)', () => {
  it('does nothing for a panel framed on another site: no session asked, no sync started', async () => {
    const deps = setup();
    const attacker = framedOn('http://127.0.0.2:9000/frame.html');
    expect(await refusal(handleRequest({ type: 'session', server: SERVER, space: 'Spaces-2' }, attacker, deps))).toBe('wrong-site');
    expect(await refusal(handleRequest({ type: 'sync', server: SERVER, space: 'Spaces-2' }, attacker, deps))).toBe('wrong-site');
    expect(deps.whoAmI).not.toHaveBeenCalled();
    expect(deps.startSync).not.toHaveBeenCalled();
    expect(deps.refused).toHaveBeenCalledTimes(2);
  });

  it('does nothing for a server that is not enabled, whoever asks', async () => {
    const deps = setup();
    for (const caller of [framedOn('http://attacker.example/track-abc123/app#/Spaces-1'), { kind: 'popup' } as Caller]) {
      expect(await refusal(handleRequest({ type: 'sync', server: 'http://attacker.example/track-abc123', space: 'Spaces-1' }, caller, deps))).toBe('not-enabled');
    }
    expect(deps.whoAmI).not.toHaveBeenCalled();
  });

  it('refuses ids that are not Octopus’s and requests it does not know', async () => {
    const deps = setup();
    const panel = framedOn(`${SERVER}/app#/Spaces-1/projects/web`);
    expect(await refusal(handleRequest({ type: 'sync', server: SERVER, space: '..' }, panel, deps))).toBe('bad-space');
    expect(await refusal(handleRequest({ type: 'sync', server: SERVER }, panel, deps))).toBe('bad-space');
    expect(await refusal(handleRequest({ type: 'delete-everything', server: SERVER }, panel, deps))).toBe('unknown-caller');
    expect(await refusal(handleRequest(null, panel, deps))).toBe('unknown-caller');
    expect(deps.whoAmI).not.toHaveBeenCalled();
  });

  it('reads a project’s changes only for a panel on its own server, and only for ids shaped like Octopus’s', async () => {
    const deps = setup();
    const panel = framedOn(`${SERVER}/app#/Spaces-1/projects/web/deployments?doraLens=insights`);
    const ask = { type: 'project-changes', server: SERVER, space: 'Spaces-1', project: 'Projects-1', lifecycle: 'Lifecycles-2' };
    expect(await handleRequest(ask, panel, deps)).toHaveLength(1);
    expect(deps.projectChanges).toHaveBeenCalledWith(SERVER, 'Spaces-1', 'Projects-1', 'Lifecycles-2');
    // A lifecycle that is not an id is left out; a project that is not one is refused.
    await handleRequest({ ...ask, lifecycle: '../../users' }, panel, deps);
    expect(deps.projectChanges).toHaveBeenLastCalledWith(SERVER, 'Spaces-1', 'Projects-1', undefined);
    expect(await refusal(handleRequest({ ...ask, project: 'Projects-1&take=100000' }, panel, deps))).toBe('bad-space');
    expect(await refusal(handleRequest({ ...ask, space: undefined }, panel, deps))).toBe('bad-space');
    expect(await refusal(handleRequest(ask, framedOn('http://127.0.0.2:9000/frame.html'), deps))).toBe('wrong-site');
    expect(await refusal(handleRequest({ ...ask, server: 'http://attacker.example' }, { kind: 'popup' }, deps))).toBe('not-enabled');
    expect(deps.projectChanges).toHaveBeenCalledTimes(2);
  });

  it('serves the panel on a page of its own server', async () => {
    const deps = setup();
    const panel = framedOn(`${SERVER}/app#/Spaces-1/projects/web/deployments?doraLens=insights`);
    expect(await handleRequest({ type: 'session', server: SERVER, space: 'Spaces-1' }, panel, deps)).toEqual(SESSION);
    expect(await handleRequest({ type: 'sync', server: SERVER, space: 'Spaces-1' }, panel, deps)).toEqual({ started: true, userId: 'Users-1' });
    expect(deps.startSync).toHaveBeenCalledExactlyOnceWith(SERVER, 'Spaces-1', SESSION, undefined);
    // The panel's project is read first; a value that is not a slug or id is ignored.
    await handleRequest({ type: 'sync', server: SERVER, space: 'Spaces-1', project: 'acme-web' }, panel, deps);
    await handleRequest({ type: 'sync', server: SERVER, space: 'Spaces-1', project: '../x?y' }, panel, deps);
    expect(deps.startSync.mock.calls.slice(1).map((call) => call[3])).toEqual(['acme-web', undefined]);
  });

  it('opens the report for the content script’s own server, and serves that tab (reloads too) but no other', async () => {
    const deps = setup();
    const content: Caller = { kind: 'content', pageUrl: `${SERVER}/app#/Spaces-1`, tabId: 1 };
    // The content script's message cannot choose the server.
    await handleRequest({ type: 'open-report', server: 'http://127.0.0.2:9000', space: 'Spaces-1' }, content, deps);
    const url = new URL(deps.openTab.mock.calls[0][0]);
    const hash = new URLSearchParams(url.hash.slice(1));
    expect(hash.get('server')).toBe(SERVER);
    const ticket = hash.get('ticket')!;

    const tab: Caller = { kind: 'page', tabId: 42 };
    expect(await handleRequest({ type: 'session', server: SERVER, space: 'Spaces-1', ticket }, tab, deps)).toEqual(SESSION);
    expect(await handleRequest({ type: 'session', server: SERVER, space: 'Spaces-1' }, tab, deps)).toEqual(SESSION);
    // Another tab (say, opened by a web page) with the same hash and the used ticket: not served.
    expect(await refusal(handleRequest({ type: 'session', server: SERVER, space: 'Spaces-1', ticket }, { kind: 'page', tabId: 43 }, deps))).toBe('not-opened');
    // Nor the same tab for another space.
    expect(await refusal(handleRequest({ type: 'sync', server: SERVER, space: 'Spaces-2' }, tab, deps))).toBe('not-opened');
  });

  it('opens reports only for the content script and the popup', async () => {
    const deps = setup();
    expect(await refusal(handleRequest({ type: 'open-report', server: SERVER, space: 'Spaces-1' }, framedOn(`${SERVER}/app#/Spaces-1`), deps))).toBe('unknown-caller');
    expect(await refusal(handleRequest({ type: 'open-report', server: SERVER, space: 'Spaces-1' }, { kind: 'page', tabId: 1 }, deps))).toBe('unknown-caller');
    await handleRequest({ type: 'open-report', server: SERVER, space: 'Spaces-1' }, { kind: 'popup' }, deps);
    expect(deps.openTab).toHaveBeenCalledTimes(1);
  });

  it('serves a tab the user confirmed from inside it, for an enabled server only', async () => {
    const deps = setup();
    const tab: Caller = { kind: 'page', tabId: 7 };
    expect(await refusal(handleRequest({ type: 'session', server: SERVER, space: 'Spaces-2' }, tab, deps))).toBe('not-opened');
    expect(await refusal(handleRequest({ type: 'continue-here', server: 'http://127.0.0.2:9000', space: 'Spaces-2' }, tab, deps))).toBe('not-enabled');
    expect(await refusal(handleRequest({ type: 'continue-here', server: SERVER, space: 'Spaces-2' }, framedOn('http://127.0.0.2/'), deps))).toBe('unknown-caller');
    expect(await handleRequest({ type: 'continue-here', server: SERVER, space: 'Spaces-2' }, tab, deps)).toEqual({ ok: true });
    expect(await handleRequest({ type: 'session', server: SERVER, space: 'Spaces-2' }, tab, deps)).toEqual(SESSION);
  });

  it('tells a page on the server (a pre-Spaces one too) which version it is, and no one else', async () => {
    const deps = setup();
    expect(await handleRequest({ type: 'server-info', server: SERVER }, framedOn(`${SERVER}/app#/projects/web`), deps)).toMatchObject({ supported: false });
    expect(await refusal(handleRequest({ type: 'server-info', server: SERVER }, framedOn('http://127.0.0.2/app#/projects/web'), deps))).toBe('wrong-site');
    expect(await refusal(handleRequest({ type: 'server-info', server: 'http://127.0.0.2:9000' }, { kind: 'popup' }, deps))).toBe('not-enabled');
    expect(deps.serverSupport).toHaveBeenCalledTimes(1);
  });

  it('authorizes without asking Octopus, naming the user last signed in, on the same terms as a session', async () => {
    const deps = setup();
    const panel = framedOn(`${SERVER}/app#/Spaces-1/projects/web`);
    expect(await handleRequest({ type: 'authorize', server: SERVER, space: 'Spaces-1' }, panel, deps)).toEqual({ lastUserId: 'Users-1' });
    expect(deps.whoAmI).not.toHaveBeenCalled();
    expect(await refusal(handleRequest({ type: 'authorize', server: SERVER, space: 'Spaces-1' }, framedOn('http://127.0.0.2/app#/Spaces-1'), deps))).toBe('wrong-site');
    expect(await refusal(handleRequest({ type: 'authorize', server: SERVER, space: 'Spaces-1' }, { kind: 'page', tabId: 9 }, deps))).toBe('not-opened');
    // A ticket is honoured by authorize too (the first request a tab the worker opened makes).
    await handleRequest({ type: 'open-report', space: 'Spaces-1' }, { kind: 'content', pageUrl: `${SERVER}/app#/Spaces-1`, tabId: 1 }, deps);
    const ticket = new URLSearchParams(new URL(deps.openTab.mock.calls[0][0]).hash.slice(1)).get('ticket');
    expect(await handleRequest({ type: 'authorize', server: SERVER, space: 'Spaces-1', ticket }, { kind: 'page', tabId: 9 }, deps)).toEqual({ lastUserId: 'Users-1' });
  });
});

describe('handleRequest: project access', () => {
  it('asks Octopus about a project for the content script’s own server and a panel framed on it, and for no one else', async () => {
    const deps = setup();
    const content: Caller = { kind: 'content', pageUrl: `${SERVER}/app#/Spaces-1/projects/secret/deployments`, tabId: 3 };
    // The content script's server is its page's, whatever the message names.
    expect(await handleRequest({ type: 'project-access', server: 'http://attacker.example', space: 'Spaces-1', project: 'secret' }, content, deps)).toEqual({ access: 'forbidden' });
    expect(deps.projectAccess).toHaveBeenLastCalledWith(SERVER, 'Spaces-1', 'secret');
    const panel = framedOn(`${SERVER}/app#/Spaces-1/projects/web/deployments`);
    expect(await handleRequest({ type: 'project-access', server: SERVER, space: 'Spaces-1', project: 'web' }, panel, deps)).toEqual({ access: 'visible' });

    const calls = deps.projectAccess.mock.calls.length;
    expect(await refusal(handleRequest({ type: 'project-access', server: SERVER, space: 'Spaces-1', project: 'web' }, framedOn('https://evil.example/'), deps))).toBe('wrong-site');
    expect(await refusal(handleRequest({ type: 'project-access', server: SERVER, space: 'Spaces-1', project: '../users/me' }, panel, deps))).toBe('unknown-caller');
    // `projects/..` would be the space's root: a path segment of dots is no slug.
    for (const dots of ['..', '.', '.hidden']) {
      expect(await refusal(handleRequest({ type: 'project-access', server: SERVER, space: 'Spaces-1', project: dots }, panel, deps))).toBe('unknown-caller');
    }
    expect(await refusal(handleRequest({ type: 'project-access', server: SERVER, project: 'web' }, panel, deps))).toBe('bad-space');
    expect(deps.projectAccess).toHaveBeenCalledTimes(calls);
  });
});

describe('handleRequest: a project’s rows prepared ahead', () => {
  it('acts only for the content script, for the server of its own page, and asks Octopus nothing', async () => {
    const deps = setup();
    const content: Caller = { kind: 'content', pageUrl: `${SERVER}/app#/Spaces-1/projects/web/deployments`, tabId: 3 };
    expect(await handleRequest({ type: 'keep-project', server: 'http://attacker.example', space: 'Spaces-1', project: 'web' }, content, deps)).toEqual({ queued: true });
    expect(deps.keepProject).toHaveBeenCalledWith(SERVER, 'Spaces-1', 'web');

    // Not a page of ours (framed on the server or not), not the popup; not a server that is not enabled; not odd ids.
    for (const caller of [framedOn(`${SERVER}/app#/Spaces-1/projects/web`), framedOn('https://evil.example/'), { kind: 'popup' } as Caller, { kind: 'page', tabId: 9 } as Caller]) {
      expect(await refusal(handleRequest({ type: 'keep-project', server: SERVER, space: 'Spaces-1', project: 'web' }, caller, deps))).toBe('unknown-caller');
    }
    const elsewhere: Caller = { kind: 'content', pageUrl: 'http://attacker.example/app#/Spaces-1/projects/web', tabId: 4 };
    expect(await refusal(handleRequest({ type: 'keep-project', server: SERVER, space: 'Spaces-1', project: 'web' }, elsewhere, deps))).toBe('not-enabled');
    expect(await refusal(handleRequest({ type: 'keep-project', space: 'Spaces-1', project: '../../x' }, content, deps))).toBe('unknown-caller');
    expect(await refusal(handleRequest({ type: 'keep-project', space: 'Spaces-1;', project: 'web' }, content, deps))).toBe('bad-space');
    expect(deps.keepProject).toHaveBeenCalledTimes(1);
    expect(deps.whoAmI).not.toHaveBeenCalled();
  });
});
