/**
 * The panel is an iframe of the extension's own insights page (DESIGN.md decision 3): that page reads the
 * cache directly, and the host page cannot read into it. The container covers the host's content area
 * (right of the project menu) so the host's React tree is never modified.
 */
import { MARK } from '@/lib/host/inject';

export function renderPanelFrame(
  container: HTMLElement,
  context: { spaceId: string; projectSlug: string; query: URLSearchParams },
  pageUrl: string,
): void {
  const shadow = container.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `
    :host { position: fixed; z-index: 2147482000; inset: var(--dora-top, 56px) 0 0 var(--dora-left, 240px); }
    iframe { width: 100%; height: 100%; border: 0; background: Canvas; color-scheme: light dark; }`;
  const frame = document.createElement('iframe');
  const params = new URLSearchParams(context.query);
  params.set('origin', location.origin);
  params.set('space', context.spaceId);
  params.set('project', context.projectSlug);
  frame.src = `${pageUrl}#${params}`;
  frame.title = 'DORA Lens insights';
  shadow.append(style, frame);
  placeBesideMenu(container);
}

/** Aligns the panel with the host's content area: to the right of our menu entry's column, below the top bar. */
function placeBesideMenu(container: HTMLElement): void {
  const entry = document.querySelector(`[${MARK}="nav-entry"]`);
  const menu = entry?.parentElement?.getBoundingClientRect();
  if (menu && menu.width > 0) {
    container.style.setProperty('--dora-left', `${Math.round(menu.right)}px`);
    container.style.setProperty('--dora-top', `${Math.max(0, Math.round(menu.top))}px`);
  } else {
    container.style.setProperty('--dora-left', '0px');
  }
}
