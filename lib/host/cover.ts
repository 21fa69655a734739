/**
 * While the panel is open it covers the host's content, so that content leaves the tab order and the
 * accessibility tree (`inert`): a keyboard user tabs from the menu straight into the panel instead of through
 * links hidden under it. Found by geometry — what lies within the panel's rectangle — never by class names
 * (Octopus's are generated). Each element we make inert is marked, so closing the panel restores exactly
 * those and leaves any `inert` the host set itself.
 */
import { MARK } from './inject';

const INERT = 'data-dora-lens-inert';
/** Where a host link's `aria-current` waits while DORA Lens's entry is the current one. */
const CURRENT = 'data-dora-lens-current';

/** Makes the host elements the panel covers inert: wholly inside its area, or else looked into. */
export function coverHost(doc: Document, panel: Element): void {
  const area = panel.getBoundingClientRect();
  if (area.width === 0 || area.height === 0) return;
  const visit = (parent: Element) => {
    for (const child of parent.children) {
      if (child.hasAttribute(MARK) || child.hasAttribute('inert')) continue;
      const r = child.getBoundingClientRect();
      // Content taller than the window is covered below the fold too: only the left and top edges decide.
      const covered = r.width + r.height > 0 && r.left >= area.left - 1 && r.top >= area.top - 1;
      if (covered) {
        child.setAttribute('inert', '');
        child.setAttribute(INERT, '');
      } else if (r.width + r.height === 0 || (r.right > area.left && r.bottom > area.top)) {
        // Straddling the edge (a layout holding both the menu and the content), or a box-less wrapper.
        visit(child);
      }
    }
  };
  visit(doc.body);
}

/** Gives back what `coverHost` took. */
export function uncoverHost(doc: Document): void {
  for (const el of doc.querySelectorAll(`[${INERT}]`)) {
    el.removeAttribute('inert');
    el.removeAttribute(INERT);
  }
}

/**
 * While the panel is open, DORA Lens's entry is the current page: the host's own current item (Overview)
 * gives up its `aria-current` meanwhile, and gets it back after.
 */
export function yieldCurrent(links: readonly Element[], open: boolean): void {
  for (const link of links) {
    if (open && link.hasAttribute('aria-current')) {
      link.setAttribute(CURRENT, link.getAttribute('aria-current') ?? 'page');
      link.removeAttribute('aria-current');
    } else if (!open && link.hasAttribute(CURRENT)) {
      link.setAttribute('aria-current', link.getAttribute(CURRENT) ?? 'page');
      link.removeAttribute(CURRENT);
    }
  }
}
