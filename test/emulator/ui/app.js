/**
 * Mimic of Octopus Deploy's web portal (a React SPA at /app with hash routes), served by the emulator
 * so the DORA Lens content script has a realistic host page: same routes, same cookie + CSRF auth,
 * generated class names, and navigation that remounts the project menu on every route change.
 *
 * Modules: router.js (hash routes, pushState), api.js (fetch, errors, paging), session.js (root, user,
 * spaces), shell.js (top bar, menus), pages/*.js (one file per area), ui.js + dom.js (building blocks),
 * styles.js (generated class names), theme.js (light/dark).
 */
import { onUnauthorized, serverUrl } from './api.js';
import { clearCache } from './data.js';
import { h, replace } from './dom.js';
import { projectPage } from './pages/project.js';
import { deploymentRedirect, notFoundPage, placeholderPage, releaseRedirect } from './pages/misc.js';
import { safeRedirect, signInPage } from './pages/signin.js';
import { dashboardPage, environmentsPage, insightsReportsPage, projectsPage, taskPage, tasksPage, tenantsPage } from './pages/space.js';
import { currentRoute, matchRoute, navigate, replaceRoute, setRenderer, startRouter } from './router.js';
import { defaultSpaceId, loadSession, session } from './session.js';
import { mountShell, unmountShell } from './shell.js';
import { mangleStylesheet } from './styles.js';
import { initTheme } from './theme.js';
import { errorPanel, loading } from './ui.js';

const CONSTRAINTS = { space: /^Spaces-\d+$/ };

const redirectTo = (target) => (ctx) => {
  queueMicrotask(() => replaceRoute(typeof target === 'function' ? target(ctx) : target));
  return loading();
};

const ROUTES = [
  { path: 'users/sign-in', public: true, page: signInRoute },
  { path: '', page: homeRedirect },
  { path: 'spaces/:space', page: redirectTo((ctx) => `/${ctx.params.space}`) },
  { path: 'configuration/*', page: placeholderPage('Configuration', 'Server configuration is not part of the emulator.') },
  { path: ':space', page: dashboardPage },
  { path: ':space/projects', page: projectsPage },
  { path: ':space/projects/:project/*', page: projectPage },
  { path: ':space/releases/:release', page: releaseRedirect },
  { path: ':space/deployments/:deployment', page: deploymentRedirect },
  { path: ':space/tasks', page: tasksPage },
  { path: ':space/tasks/:task', page: taskPage },
  { path: ':space/infrastructure', page: redirectTo((ctx) => `/${ctx.params.space}/infrastructure/environments`) },
  { path: ':space/infrastructure/environments', page: environmentsPage },
  { path: ':space/tenants', page: tenantsPage },
  { path: ':space/insights', page: redirectTo((ctx) => `/${ctx.params.space}/insights/reports`) },
  { path: ':space/insights/reports', page: insightsReportsPage },
  { path: ':space/library/*', page: placeholderPage('Library', 'Library sets, packages and step templates are not part of the emulator.') },
];

/**
 * Octopus 2018 and older have no Spaces: the same pages at `#/projects/<slug>/…`, `#/tasks`, … with the
 * space '' (paths built as `/${space}/…` lose the doubled slash, see router.js and api.js).
 */
const ROUTES_WITHOUT_SPACES = [
  ...ROUTES.filter((r) => !r.path.startsWith(':space') && !r.path.startsWith('spaces/') && r.path !== ''),
  { path: '', page: dashboardPage },
  ...ROUTES.filter((r) => r.path.startsWith(':space/')).map((r) => ({ ...r, path: r.path.slice(':space/'.length) })),
];

const hasSpaces = () => Boolean(session.root?.Links?.Spaces);

let controller;
let sessionReady;
let lastSpaceId;

async function render() {
  controller?.abort();
  const current = new AbortController();
  controller = current;
  const { signal } = current;
  const root = document.getElementById('root');
  const route = currentRoute();

  if (!sessionReady) {
    replace(root, h('div', { class: 'splash' }, loading('Loading Octopus…')));
    sessionReady = loadSession();
  }
  try {
    await sessionReady;
  } catch (error) {
    sessionReady = undefined;
    if (!signal.aborted) showBootError(root, error);
    return;
  }
  if (signal.aborted) return;

  const spaces = hasSpaces();
  const match = matchRoute(spaces ? ROUTES : ROUTES_WITHOUT_SPACES, route.path, CONSTRAINTS);
  const ctx = { params: { ...(spaces ? {} : { space: '' }), ...match?.params }, query: route.query, signal, path: route.path };
  if (match?.route.public) {
    unmountShell();
    replace(root, match.route.page(ctx));
    return;
  }
  if (!session.me) {
    toSignIn(route);
    return;
  }
  if (ctx.params.space) lastSpaceId = ctx.params.space;
  const main = mountShell(root, ctx.params.space ?? lastSpaceId, route.path);
  // Rebuilt from scratch on every route: the previous page's elements are discarded.
  replace(main, match ? match.route.page(ctx) : notFoundPage());
  window.scrollTo(0, 0);
}

function toSignIn(route) {
  const back = route.full && route.full !== '/' && !route.full.startsWith('/users/') ? `?redirectTo=${encodeURIComponent(route.full)}` : '';
  replaceRoute(`/users/sign-in${back}`);
}

function signInRoute(ctx) {
  if (session.me) return redirectTo(safeRedirect(ctx.query.get('redirectTo')) ?? '/')(ctx);
  return signInPage(ctx, (target) => {
    clearCache();
    navigate(target ?? '/');
  });
}

function homeRedirect(ctx) {
  defaultSpaceId(ctx.signal).then(
    (id) => {
      if (!ctx.signal.aborted) replaceRoute(`/${id}`);
    },
    () => {
      if (!ctx.signal.aborted) replaceRoute('/Spaces-1');
    },
  );
  return loading();
}

function showBootError(root, error) {
  const retry = h('button', { type: 'button', class: 'button button-primary' }, 'Try again');
  retry.addEventListener('click', render);
  replace(root, h('div', { class: 'splash' }, h('div', { class: 'signin-card' }, h('h1', { class: 'page-title' }, 'Octopus could not be reached'), errorPanel(error), retry)));
}

// A 401 after sign-in means the session expired or was revoked elsewhere.
onUnauthorized(() => {
  session.me = null;
  clearCache();
  const route = currentRoute();
  if (!route.path.startsWith('/users/sign-in')) toSignIn(route);
});

initTheme();
await mangleStylesheet(serverUrl('/app/assets/app.css'));
setRenderer(render);
startRouter();
