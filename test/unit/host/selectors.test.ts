// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENTRY_LABEL, ensureNavEntry, ensureOverlayButton, removeInjected } from '@/lib/host/inject';
import { findProjectNav, findProjectNav_FIXTURES, findSpaceNav, findSpaceNav_FIXTURES } from '@/lib/host/selectors';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/octopus-ui');
const load = (file: string) => {
  document.documentElement.innerHTML = readFileSync(path.join(FIXTURES, file), 'utf8').replace(/^<!doctype html>/i, '');
};
const target = { href: '#/Spaces-1/projects/acme-web/deployments?doraLens=insights', selected: false, onOpen: () => {} };

describe('findProjectNav against committed host fixtures', () => {
  for (const fixture of findProjectNav_FIXTURES) {
    it(`${fixture.file}: ${fixture.items} menu items`, () => {
      load(fixture.file);
      const nav = findProjectNav(document, fixture.spaceId, fixture.slug);
      expect(nav?.items.length ?? 0).toBe(fixture.items);
    });
  }

  for (const fixture of findSpaceNav_FIXTURES) {
    it(`${fixture.file}: ${fixture.items} main navigation items`, () => {
      load(fixture.file);
      expect(findSpaceNav(document, fixture.spaceId)?.items.length ?? 0).toBe(fixture.items);
    });
  }

  it('adds the space entry next to Insights in the main navigation, as a link like its neighbours', () => {
    load('emulator-project-variables.html');
    const nav = findSpaceNav(document, 'Spaces-1')!;
    const entry = ensureNavEntry(nav, { ...target, href: 'chrome-extension://x/insights.html#view=report' }, 'space-entry');
    ensureNavEntry(findSpaceNav(document, 'Spaces-1')!, target, 'space-entry');
    expect(document.querySelectorAll('[data-dora-lens="space-entry"]')).toHaveLength(1);
    expect(entry.previousElementSibling?.getAttribute('href')).toBe('#/Spaces-1/insights/reports');
    expect(entry.tagName).toBe('A');
    expect(entry.className).toBe(nav.items.find((i) => i.subroute === 'tasks')!.item.className);
  });

  it('ignores links to another project', () => {
    load('project-tabs-layout.html');
    expect(findProjectNav(document, 'Spaces-1', 'other-project')).toBeUndefined();
    expect(findProjectNav(document, 'Spaces-2', 'acme-web')).toBeUndefined();
  });
});

describe('menu entry injection', () => {
  beforeEach(() => load('project-tabs-layout.html'));

  it('adds one entry styled like its siblings, before Settings, and stays single when re-run', () => {
    const nav = findProjectNav(document, 'Spaces-1', 'acme-web')!;
    ensureNavEntry(nav, target);
    ensureNavEntry(findProjectNav(document, 'Spaces-1', 'acme-web')!, target);
    const entries = document.querySelectorAll('[data-dora-lens="nav-entry"]');
    expect(entries).toHaveLength(1);
    const entry = entries[0];
    expect(entry.className).toBe(nav.items[0].item.className);
    expect(entry.textContent).toBe(ENTRY_LABEL);
    expect(entry.nextElementSibling?.textContent).toBe('Settings');
    expect(entry.querySelector('a')!.getAttribute('href')).toBe(target.href);
  });

  it('is not mistaken for a host menu link on the next search', () => {
    const nav = findProjectNav(document, 'Spaces-1', 'acme-web')!;
    ensureNavEntry(nav, target);
    expect(findProjectNav(document, 'Spaces-1', 'acme-web')!.items).toHaveLength(5);
  });

  it('updates the link when the target changes and marks it current when open', () => {
    const nav = findProjectNav(document, 'Spaces-1', 'acme-web')!;
    ensureNavEntry(nav, target);
    const entry = ensureNavEntry(nav, { ...target, href: '#/x', selected: true });
    expect(entry.querySelector('a')!.getAttribute('href')).toBe('#/x');
    expect(entry.querySelector('a')!.getAttribute('aria-current')).toBe('page');
  });

  it('calls onOpen on a plain click but leaves ctrl-click to the browser', () => {
    let opened = 0;
    const entry = ensureNavEntry(findProjectNav(document, 'Spaces-1', 'acme-web')!, { ...target, onOpen: () => opened++ });
    const link = entry.querySelector('a')!;
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ctrlKey: true }));
    expect(opened).toBe(1);
  });

  it('opens nothing without a route on a click the host page’s script made (an untrusted event)', () => {
    let opened = 0;
    const { href: _, ...withoutRoute } = target;
    const entry = ensureNavEntry(findProjectNav(document, 'Spaces-1', 'acme-web')!, { ...withoutRoute, onOpen: () => opened++ }, 'space-entry');
    const link = entry.querySelector('a')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link.dispatchEvent(click);
    link.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect(click.defaultPrevented).toBe(true);
    expect(opened).toBe(0);
  });

  it('removeInjected leaves the host DOM as it was', () => {
    const before = document.body.innerHTML;
    ensureNavEntry(findProjectNav(document, 'Spaces-1', 'acme-web')!, target);
    ensureOverlayButton(document, target);
    removeInjected(document);
    expect(document.body.innerHTML).toBe(before);
  });
});

describe('overlay button', () => {
  it('is added once, with the label as text', () => {
    load('project-no-menu.html');
    ensureOverlayButton(document, target);
    const host = ensureOverlayButton(document, target);
    expect(document.querySelectorAll('[data-dora-lens="overlay"]')).toHaveLength(1);
    expect(host.shadowRoot!.querySelector('a')!.textContent).toBe(ENTRY_LABEL);
  });
});
