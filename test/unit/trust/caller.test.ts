import { describe, expect, it } from 'vitest';
import { callerOf } from '@/lib/trust/caller';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT = `chrome-extension://${ID}`;

describe('callerOf (who sent a message, from what the browser reports)', () => {
  it('tells the popup, the options page, our content script and the insights page apart', () => {
    expect(callerOf({ id: ID, url: `${EXT}/popup.html` }, ID)).toEqual({ kind: 'popup' });
    expect(callerOf({ id: ID, url: `${EXT}/options.html`, tab: { id: 4, url: `${EXT}/options.html` }, frameId: 0 }, ID)).toEqual({ kind: 'options' });
    expect(callerOf({ id: ID, url: 'https://octopus.example.com/app#/Spaces-1', tab: { id: 3, url: 'https://octopus.example.com/app#/Spaces-1' }, frameId: 0 }, ID)).toEqual({
      kind: 'content',
      pageUrl: 'https://octopus.example.com/app#/Spaces-1',
      tabId: 3,
    });
    expect(callerOf({ id: ID, url: `${EXT}/insights.html#server=x`, tab: { id: 9, url: `${EXT}/insights.html#server=x` }, frameId: 0 }, ID)).toEqual({ kind: 'page', tabId: 9 });
  });

  it('treats an insights page inside any frame as framed, with the tab’s own address (not the hash)', () => {
    const framed = { id: ID, url: `${EXT}/insights.html#server=https%3A%2F%2Foctopus.example.com`, tab: { id: 2, url: 'https://evil.example/page' }, frameId: 7 };
    expect(callerOf(framed, ID)).toEqual({ kind: 'framed', topUrl: 'https://evil.example/page' });
    // A tab whose address the extension may not read (no host permission) has no url: still framed, no top.
    expect(callerOf({ ...framed, tab: { id: 2 } }, ID)).toEqual({ kind: 'framed', topUrl: undefined });
  });

  it('accepts Chromium’s per-session dynamic host and Firefox’s moz-extension pages', () => {
    expect(callerOf({ id: ID, url: 'chrome-extension://6fda970c-69ab-4dbb-9210-8195bed95163/insights.html', tab: { id: 1, url: 'https://o.example/app' }, frameId: 3 }, ID)).toMatchObject({
      kind: 'framed',
    });
    const gecko = 'dora-lens@dora-lens.dev';
    expect(callerOf({ id: gecko, url: 'moz-extension://1b2c/popup.html' }, gecko)).toEqual({ kind: 'popup' });
  });

  it('refuses other extensions, senders without a URL and unexpected pages', () => {
    expect(callerOf({ id: 'someone-else', url: `${EXT}/popup.html` }, ID).kind).toBe('unknown');
    expect(callerOf({ id: ID }, ID).kind).toBe('unknown');
    expect(callerOf({ id: ID, url: `${EXT}/background.html` }, ID).kind).toBe('unknown');
    expect(callerOf({ id: ID, url: `${EXT}/insights.html` }, ID).kind).toBe('unknown');
  });
});
