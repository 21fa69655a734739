/**
 * Everything DORA Lens knows about Octopus's DOM. Octopus's portal source is private and its class names
 * are generated, so nothing here uses class names or ids: the project navigation is found by what
 * survives versions — the links whose `href` points at the project's own sub-routes — and their common
 * container (DESIGN.md decision 3).
 *
 * Each finder is paired with `<name>_FIXTURES`: committed HTML under `test/fixtures/octopus-ui/` and how
 * many matches it must give there (checked by `test/unit/host/selectors.test.ts`).
 */

/** Project sub-routes that every Octopus project menu links to (Overview, Variables, Settings…). */
export const PROJECT_NAV_SUBROUTES = [
  'deployments',
  'deployments/releases',
  'deployments/process',
  'variables',
  'settings',
  'operations/runbooks',
  'insights',
  'insights/overview',
];

/** At least this many distinct sub-routes must be linked before a container counts as the project menu. */
const MIN_DISTINCT_SUBROUTES = 2;

export interface ProjectNav {
  /** The element whose children are the menu items. */
  list: Element;
  /** The direct children of `list` that hold a single menu link, in document order. */
  items: { item: Element; link: HTMLAnchorElement; subroute: string }[];
}

/** The hash route an anchor points at (`#/Spaces-1/projects/x/variables` → `/Spaces-1/projects/x/variables`). */
function hashPath(anchor: HTMLAnchorElement): string | undefined {
  const href = anchor.getAttribute('href') ?? '';
  const at = href.indexOf('#');
  if (at < 0) return undefined;
  return href.slice(at + 1).split('?')[0].replace(/\/+$/, '');
}

/** Top-level space sections Octopus's main navigation links to. */
export const SPACE_NAV_SECTIONS = ['projects', 'infrastructure', 'tenants', 'library', 'tasks', 'insights'];

/**
 * Finds the project's navigation menu on a project page.
 * Returns `undefined` when fewer than two distinct project sub-routes are linked from one container —
 * then the caller shows the floating overlay instead.
 */
export const findProjectNav = (root: ParentNode, spaceId: string, projectSlug: string): ProjectNav | undefined =>
  // No space id: a server before Spaces, whose project routes are `#/projects/<slug>/…`.
  findLinkMenu(root, `${spaceId ? `/${spaceId}` : ''}/projects/${projectSlug}/`, (subroute) => PROJECT_NAV_SUBROUTES.includes(subroute));

/** Finds the space's main navigation (Projects, Infrastructure, Tenants, Library, Tasks, Insights…). */
export const findSpaceNav = (root: ParentNode, spaceId: string): ProjectNav | undefined =>
  findLinkMenu(root, `/${spaceId}/`, (subroute) => {
    const [section, ...rest] = subroute.split('/');
    // `projects/<slug>/…` links are a project's, not the main navigation's.
    return SPACE_NAV_SECTIONS.includes(section) && (section === 'projects' ? rest.length === 0 : rest.length <= 1);
  });

/** The container of the links under `prefix` whose remaining path `accept`s, and its leaf items. */
function findLinkMenu(root: ParentNode, prefix: string, accept: (subroute: string) => boolean): ProjectNav | undefined {
  const links: { link: HTMLAnchorElement; subroute: string }[] = [];
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href*="#"]')) {
    if (link.closest('[data-dora-lens]')) continue;
    const path = hashPath(link);
    if (!path?.startsWith(prefix)) continue;
    const subroute = path.slice(prefix.length);
    if (accept(subroute)) links.push({ link, subroute });
  }
  if (new Set(links.map((l) => l.subroute)).size < MIN_DISTINCT_SUBROUTES) return undefined;

  // A page can link to sub-routes from several places (breadcrumbs, cards). The menu is the container
  // holding the most distinct sub-routes; among equals, the innermost one.
  const list = commonContainer(links.map((l) => l.link));
  if (!list) return undefined;
  const items: ProjectNav['items'] = [];
  for (const { link, subroute } of links) {
    const item = childContaining(list, link);
    // A leaf item holds one link and nothing else interactive; a group (a toggle button and a sub-list)
    // is not a template for our entry even when it holds one link.
    if (item && (item === link || (item.querySelectorAll('a[href]').length === 1 && !item.querySelector('button, ul, ol')))) items.push({ item, link, subroute });
  }
  return items.length >= MIN_DISTINCT_SUBROUTES ? { list, items } : undefined;
}

function commonContainer(links: HTMLAnchorElement[]): Element | undefined {
  const counts = new Map<Element, Set<string>>();
  for (const link of links) {
    for (let node = link.parentElement; node; node = node.parentElement) {
      const seen = counts.get(node) ?? new Set<string>();
      counts.set(node, seen);
      seen.add(hashPath(link) ?? '');
    }
  }
  let best: Element | undefined;
  let bestCount = 0;
  for (const [node, seen] of counts) {
    // `counts` holds ancestors innermost-first for each link, so `>` keeps the innermost among equals.
    if (seen.size > bestCount || (seen.size === bestCount && best && best.contains(node))) {
      best = node;
      bestCount = seen.size;
    }
  }
  return best;
}

function childContaining(list: Element, node: Element): Element | undefined {
  let child: Element | null = node;
  while (child && child.parentElement !== list) child = child.parentElement;
  return child ?? undefined;
}

/** Fixture files (under test/fixtures/octopus-ui/) and the number of menu items `findProjectNav` must find. */
export const findProjectNav_FIXTURES: { file: string; spaceId: string; slug: string; items: number }[] = [
  // Tabs above the content plus a breadcrumb link to the overview: the tabs win.
  { file: 'project-tabs-layout.html', spaceId: 'Spaces-1', slug: 'acme-web', items: 5 },
  // Menu collapsed: nothing to attach to, so the floating button is used.
  { file: 'project-no-menu.html', spaceId: 'Spaces-1', slug: 'acme-web', items: 0 },
  // The emulator's mimic (side menu with collapsible groups; breadcrumbs and cards link to sub-routes
  // too): Overview, Variables, Insights, Settings are leaf items; the groups are not templates.
  { file: 'emulator-project-variables.html', spaceId: 'Spaces-1', slug: 'storefront', items: 4 },
];

/** Fixture files and the number of main-navigation items `findSpaceNav` must find. */
export const findSpaceNav_FIXTURES: { file: string; spaceId: string; items: number }[] = [
  // Projects, Infrastructure, Tenants, Library, Tasks, Insights.
  { file: 'emulator-project-variables.html', spaceId: 'Spaces-1', items: 6 },
  // Dashboard and Projects only: one section, not enough to call it the main navigation.
  { file: 'project-tabs-layout.html', spaceId: 'Spaces-1', items: 0 },
];

/** The host's colour scheme: Octopus sets a dark theme on the root element; fall back to the OS setting. */
export function hostPrefersDark(doc: Document = document): boolean {
  const root = doc.documentElement;
  const declared = `${root.getAttribute('data-theme') ?? ''} ${root.className}`.toLowerCase();
  if (/\bdark\b/.test(declared)) return true;
  if (/\blight\b/.test(declared)) return false;
  const scheme = doc.defaultView?.getComputedStyle(root).colorScheme ?? '';
  if (scheme.trim() === 'dark') return true;
  return doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}
