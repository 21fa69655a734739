import { get } from '../api.js';
import { h } from '../dom.js';
import { replaceRoute, seg } from '../router.js';
import { card, emptyState, loadInto, pageHeader } from '../ui.js';

export function notFoundContent() {
  return h(
    'div',
    { class: 'not-found' },
    h('div', { class: 'not-found-code' }, '404'),
    h('h1', { class: 'page-title' }, 'Page not found'),
    h('p', { class: 'muted' }, "Sorry, the page you are looking for could not be found."),
    h('a', { href: '#/', class: 'button' }, 'Go to the dashboard'),
  );
}

export const notFoundPage = () => h('div', { class: 'page' }, notFoundContent());

export function placeholderPage(title, text) {
  return () => h('div', { class: 'page' }, pageHeader(title), card(null, emptyState(title, text)));
}

/**
 * The API's `Web` links name resources by id (`#/Spaces-1/releases/Releases-44`,
 * `#/Spaces-1/deployments/Deployments-1`); the portal looks them up and moves to the slug route.
 */
function resolving(ctx, resolve) {
  const holder = h('div', { class: 'page' });
  loadInto(
    holder,
    ctx.signal,
    async (signal) => {
      const target = await resolve(signal);
      if (!signal.aborted) replaceRoute(target);
      return target;
    },
    () => h('div'),
  );
  return holder;
}

export function releaseRedirect(ctx) {
  const { space, release } = ctx.params;
  return resolving(ctx, async (signal) => {
    const found = await get(`/api/${space}/releases/${encodeURIComponent(release)}`, { signal });
    const project = await get(`/api/${space}/projects/${found.ProjectId}`, { signal });
    return `/${space}/projects/${seg(project.Slug)}/deployments/releases/${seg(found.Version)}`;
  });
}

export function deploymentRedirect(ctx) {
  const { space, deployment } = ctx.params;
  return resolving(ctx, async (signal) => {
    const found = await get(`/api/${space}/deployments/${encodeURIComponent(deployment)}`, { signal });
    const [release, project] = await Promise.all([
      get(`/api/${space}/releases/${found.ReleaseId}`, { signal }),
      get(`/api/${space}/projects/${found.ProjectId}`, { signal }),
    ]);
    return `/${space}/projects/${seg(project.Slug)}/deployments/releases/${seg(release.Version)}/deployments/${found.Id}`;
  });
}
