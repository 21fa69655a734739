import { h, replace } from './dom.js';
import { chevron, logoMark } from './icons.js';
import { href, navigate } from './router.js';
import { session, signOut, spaces } from './session.js';
import { cls } from './styles.js';
import { currentTheme, setTheme } from './theme.js';

/**
 * The persistent chrome: top bar with the main navigation, the space switcher and the user menu.
 * It survives navigation within a space (as the portal's layout does); only the area returned by
 * `mountShell` is torn down on every route.
 */

let shell; // { key, frame, main, topLinks }

const TOP_LINKS = [
  ['Dashboard', '', (rest) => rest === ''],
  ['Projects', '/projects', (rest) => rest.startsWith('/projects')],
  ['Infrastructure', '/infrastructure/environments', (rest) => rest.startsWith('/infrastructure')],
  ['Tenants', '/tenants', (rest) => rest.startsWith('/tenants')],
  ['Library', '/library', (rest) => rest.startsWith('/library')],
  ['Tasks', '/tasks', (rest) => rest.startsWith('/tasks')],
  ['Insights', '/insights/reports', (rest) => rest.startsWith('/insights')],
];

/** Returns the element the current page renders into, (re)building the chrome when needed. */
export function mountShell(root, spaceId, path) {
  const key = `${session.me?.Id}|${spaceId}`;
  if (!shell || shell.key !== key || !root.contains(shell.frame)) {
    shell = buildShell(spaceId, key);
    replace(root, shell.frame);
  }
  const activeClass = cls('topnav-link-active');
  // Before Spaces the space is '' and the route has no space segment.
  const rest = spaceId ? path.slice(spaceId.length + 1) : spaceId === '' && path !== '/' ? path : '';
  for (const { anchor, isActive } of shell.topLinks) {
    const active = spaceId !== undefined ? isActive(rest) : false;
    anchor.classList.toggle(activeClass, active);
    if (active) anchor.setAttribute('aria-current', 'page');
    else anchor.removeAttribute('aria-current');
  }
  shell.config.classList.toggle(activeClass, path.startsWith('/configuration'));
  return shell.main;
}

export function unmountShell() {
  shell = undefined;
}

function buildShell(spaceId, key) {
  const space = spaceId ?? 'Spaces-1';
  const topLinks = TOP_LINKS.map(([label, sub, isActive]) => ({
    anchor: h('a', { href: href(`/${space}${sub}`), class: 'topnav-link' }, label),
    isActive,
  }));
  const config = h('a', { href: '#/configuration', class: 'topnav-link' }, 'Configuration');

  const main = h('main', { class: 'main' });
  const frame = h(
    'div',
    { class: 'app' },
    h(
      'header',
      { class: 'topbar' },
      h('a', { href: href(`/${space}`), class: 'brand', 'aria-label': 'Octopus Deploy' }, logoMark(), h('span', { class: 'brand-text' }, 'Octopus Deploy')),
      space ? spaceSwitcher(space) : null,
      h('nav', { class: 'topnav', 'aria-label': 'Main' }, topLinks.map((l) => l.anchor), config),
      h('div', { class: 'topbar-spacer' }),
      userMenu(),
    ),
    main,
  );
  return { key, frame, main, topLinks, config };
}

/** A button that opens a popup menu; closes on outside click, Escape, or choosing an item. */
function dropdown(buttonContent, label, fillMenu, align = 'left') {
  const menu = h('div', { class: ['menu', `menu-${align}`], role: 'menu', hidden: true });
  const button = h('button', { type: 'button', class: 'menu-button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': label }, buttonContent);
  const wrapper = h('div', { class: 'menu-wrapper' }, button, menu);

  const close = () => {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('click', onOutside, true);
    document.removeEventListener('keydown', onKey);
  };
  const onOutside = (event) => {
    if (!wrapper.contains(event.target)) close();
  };
  const onKey = (event) => {
    if (event.key === 'Escape') {
      close();
      button.focus();
    }
  };
  button.addEventListener('click', () => {
    if (!menu.hidden) return close();
    fillMenu(menu, close);
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    document.addEventListener('click', onOutside, true);
    document.addEventListener('keydown', onKey);
  });
  return wrapper;
}

function spaceSwitcher(spaceId) {
  const name = h('span', { class: 'space-name' }, spaceId);
  spaces()
    .then((list) => {
      const space = list.find((s) => s.Id === spaceId);
      if (space) name.textContent = space.Name;
    })
    .catch(() => {});
  return dropdown([h('span', { class: 'space-avatar' }), name, chevron()], 'Switch space', (menu, close) => {
    replace(menu, h('div', { class: 'menu-heading' }, 'Spaces'), h('div', { class: 'menu-note' }, 'Loading…'));
    spaces()
      .then((list) =>
        replace(
          menu,
          h('div', { class: 'menu-heading' }, 'Spaces'),
          list.map((space) =>
            h(
              'a',
              { href: `#/${space.Id}`, class: ['menu-item', space.Id === spaceId && 'menu-item-selected'], role: 'menuitem', onClick: close },
              h('span', { class: 'space-avatar' }),
              h('span', null, space.Name),
              space.IsDefault ? h('span', { class: 'menu-hint' }, 'Default') : null,
            ),
          ),
        ),
      )
      .catch((error) => replace(menu, h('div', { class: 'menu-note' }, error.message)));
  });
}

function userMenu() {
  const me = session.me ?? {};
  const initials = (me.DisplayName || me.Username || '?')
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const avatar = () => h('span', { class: 'avatar' }, initials);
  return dropdown([avatar(), h('span', { class: 'user-name' }, me.DisplayName || me.Username || ''), chevron()], 'User menu', (menu, close) => {
    const dark = currentTheme() === 'dark';
    const themeItem = h(
      'button',
      { type: 'button', class: 'menu-item', role: 'menuitemcheckbox', 'aria-checked': String(dark) },
      h('span', null, 'Dark theme'),
      h('span', { class: ['switch', dark && 'switch-on'] }, h('span', { class: 'switch-knob' })),
    );
    themeItem.addEventListener('click', () => {
      setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
      close();
    });
    const signOutItem = h('button', { type: 'button', class: 'menu-item', role: 'menuitem' }, 'Sign out');
    signOutItem.addEventListener('click', async () => {
      close();
      try {
        await signOut();
      } catch (error) {
        console.error('Sign out failed', error);
      }
      navigate('/users/sign-in');
    });
    replace(
      menu,
      h('div', { class: 'menu-user' }, avatar(), h('div', null, h('div', { class: 'menu-user-name' }, me.DisplayName || ''), h('div', { class: 'menu-note' }, me.EmailAddress || me.Username || ''))),
      h('div', { class: 'menu-separator', role: 'separator' }),
      themeItem,
      h('div', { class: 'menu-separator', role: 'separator' }),
      signOutItem,
    );
  }, 'right');
}
