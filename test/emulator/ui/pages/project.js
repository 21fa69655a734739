import { get, getAll, withQuery } from '../api.js';
import { deploymentRows, environments, peekProject, project as loadProject, projectGroups } from '../data.js';
import { h, replace } from '../dom.js';
import { href, matchRoute, replaceRoute, seg } from '../router.js';
import { chevron } from '../icons.js';
import { card, dateCell, emptyState, errorPanel, facts, formatDate, formatSpan, link, loadInto, loading, pageHeader, stateChip, table } from '../ui.js';
import { notFoundContent } from './misc.js';

/**
 * Project pages: a left side menu and a content area. Both are rebuilt from scratch on every route
 * change (as a React remount would), so anything injected into the menu disappears with it.
 */

const SUBPAGES = [
  { path: 'deployments', nav: 'overview', render: overview },
  { path: 'deployments/releases', nav: 'releases', render: releases },
  { path: 'deployments/releases/:version', nav: 'releases', render: release },
  { path: 'deployments/releases/:version/deployments/:deployment', nav: 'releases', render: deployment },
  { path: 'deployments/process', nav: 'process', render: processPage },
  { path: 'deployments/channels', nav: 'channels', render: channels },
  { path: 'deployments/triggers', nav: 'triggers', render: triggers },
  { path: 'operations/runbooks', nav: 'runbooks', render: runbooks },
  { path: 'variables', nav: 'variables', render: variables },
  { path: 'tenants', nav: 'tenants', render: tenants },
  { path: 'settings', nav: 'settings', render: settings },
  { path: 'insights/*', nav: 'insights', render: insights },
];

/** Sub-routes that only forward somewhere else, as the portal's index routes do. */
const FORWARDS = { '': 'deployments', operations: 'operations/runbooks', insights: 'insights/overview' };

/** Remembers which menu groups the user collapsed, across remounts (the portal keeps this in state). */
const collapsedGroups = new Set();

export function projectPage(ctx) {
  const { space, project: slugOrId } = ctx.params;
  const rest = ctx.params.rest ?? '';
  // The layout only exists once the project is known; until then the host shows loading or the error.
  const container = h('div', { class: 'project-host' });

  const build = (project) => {
    const forward = FORWARDS[rest];
    if (project.Slug !== slugOrId || forward !== undefined) {
      // An id-based link (`…/projects/Projects-1`) or an index route: swap to the canonical URL.
      const target = `/${space}/projects/${seg(project.Slug)}/${forward ?? rest}`;
      const query = ctx.query.toString();
      queueMicrotask(() => replaceRoute(query ? `${target}?${query}` : target));
      return loading();
    }
    const match = matchRoute(SUBPAGES, `/${rest}`);
    const base = `/${space}/projects/${seg(project.Slug)}`;
    const page = { ...ctx, project, base, params: { ...ctx.params, ...match?.params } };
    return h(
      'div',
      { class: 'project-layout' },
      sideMenu(page, match?.route.nav),
      h('div', { class: 'project-content' }, breadcrumbs(page), match ? match.route.render(page) : notFoundContent()),
    );
  };

  // With the project already cached the menu appears in the same task as the route change; otherwise
  // it appears after the fetch — injected UI has to cope with both.
  const cached = peekProject(space, slugOrId);
  if (cached) replace(container, build(cached));
  else loadInto(container, ctx.signal, () => loadProject(space, slugOrId), build);
  return container;
}

function sideMenu(page, active) {
  const { project, base } = page;
  const item = (key, label, path) => {
    const current = key === active;
    return h(
      'li',
      { class: 'sidenav-item' },
      h(
        'a',
        { href: href(`${base}/${path}`), class: ['sidenav-link', current && 'sidenav-link-active'], 'aria-current': current ? 'page' : null },
        h('span', { class: 'sidenav-label' }, label),
      ),
    );
  };
  const group = (label, children) => {
    const list = h('ul', { class: 'sidenav-sublist' }, children);
    const expanded = !collapsedGroups.has(label);
    list.hidden = !expanded;
    const toggle = h('button', { type: 'button', class: 'sidenav-group', 'aria-expanded': String(expanded) }, h('span', { class: 'sidenav-label' }, label), chevron());
    toggle.addEventListener('click', () => {
      const open = list.hidden;
      list.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      if (open) collapsedGroups.delete(label);
      else collapsedGroups.add(label);
    });
    return h('li', { class: 'sidenav-item' }, toggle, list);
  };
  const tenanted = project.TenantedDeploymentMode && project.TenantedDeploymentMode !== 'Untenanted';

  return h(
    'aside',
    { class: 'sidebar' },
    h(
      'div',
      { class: 'sidebar-header' },
      h('a', { href: href(`${base}/deployments`), class: 'project-badge' }, projectIcon(project), h('span', { class: 'project-badge-name' }, project.Name)),
    ),
    h(
      'nav',
      { class: 'sidenav', 'aria-label': 'Project' },
      h(
        'div',
        { class: 'sidenav-scroll' },
        h(
          'ul',
          { class: 'sidenav-list' },
          item('overview', 'Overview', 'deployments'),
          group('Deployments', [
            item('releases', 'Releases', 'deployments/releases'),
            item('process', 'Process', 'deployments/process'),
            item('channels', 'Channels', 'deployments/channels'),
            item('triggers', 'Triggers', 'deployments/triggers'),
          ]),
          group('Operations', [item('runbooks', 'Runbooks', 'operations/runbooks')]),
          item('variables', 'Variables', 'variables'),
          item('insights', 'Insights', 'insights/overview'),
          tenanted ? item('tenants', 'Tenants', 'tenants') : null,
          item('settings', 'Settings', 'settings'),
        ),
      ),
    ),
  );
}

function projectIcon(project) {
  const letter = (project.Name || '?').trim().charAt(0).toUpperCase();
  return h('span', { class: 'project-icon', 'aria-hidden': 'true' }, letter);
}

function breadcrumbs({ params, project }) {
  const crumbs = h('div', { class: 'breadcrumbs' }, link(`/${params.space}/projects`, 'Projects'));
  projectGroups(params.space)
    .then((groups) => {
      const group = groups.get(project.ProjectGroupId);
      if (group) crumbs.append(h('span', { class: 'breadcrumb-sep' }, '/'), h('span', { class: 'muted' }, group.Name));
    })
    .catch(() => {});
  return crumbs;
}

// ---- deployments tables -------------------------------------------------------------------------------

function deploymentPath(base, row) {
  return `${base}/deployments/releases/${seg(row.release?.Version ?? '')}/deployments/${row.deployment.Id}`;
}

function deploymentsTable(base, rows, { showRelease = true } = {}) {
  const anyTenant = rows.some((r) => r.deployment.TenantId);
  const columns = [
    showRelease && ['Release', (r) => (r.release ? link(`${base}/deployments/releases/${seg(r.release.Version)}`, r.release.Version) : r.deployment.ReleaseId)],
    ['Environment', (r) => r.environment?.Name ?? r.deployment.EnvironmentId],
    anyTenant && ['Tenant', (r) => r.tenant?.Name ?? (r.deployment.TenantId ? r.deployment.TenantId : 'Untenanted')],
    ['State', (r) => h('a', { href: href(deploymentPath(base, r)), class: 'chip-link' }, stateChip(r.task))],
    ['Queued', (r) => dateCell(r.task?.QueueTime ?? r.deployment.QueueTime ?? r.deployment.Created)],
    ['Duration', (r) => formatSpan(r.task?.StartTime, r.task?.CompletedTime) || r.task?.Duration || ''],
    ['Deployed by', (r) => r.deployment.DeployedBy ?? ''],
  ].filter(Boolean);
  return table(columns, rows, { empty: 'There are no deployments yet.' });
}

function environmentTiles(base, rows, envs) {
  const latest = new Map();
  for (const row of rows) {
    if (!latest.has(row.deployment.EnvironmentId)) latest.set(row.deployment.EnvironmentId, row);
  }
  const ordered = [...envs.values()].filter((e) => latest.has(e.Id)).sort((a, b) => (a.SortOrder ?? 0) - (b.SortOrder ?? 0));
  if (!ordered.length) return null;
  return h(
    'div',
    { class: 'tiles' },
    ordered.map((env) => {
      const row = latest.get(env.Id);
      return h(
        'div',
        { class: 'tile' },
        h('div', { class: 'tile-title' }, env.Name),
        h('a', { href: href(deploymentPath(base, row)), class: 'tile-version' }, row.release?.Version ?? row.deployment.ReleaseId),
        stateChip(row.task),
        h('div', { class: 'muted tile-date' }, formatDate(row.task?.CompletedTime ?? row.task?.QueueTime)),
      );
    }),
  );
}

// ---- sub-pages ----------------------------------------------------------------------------------------

function overview(page) {
  const { params, project, base, signal } = page;
  const body = h('div', { class: 'stack' });
  loadInto(
    body,
    signal,
    async (s) => {
      const list = await get(withQuery(`/api/${params.space}/deployments`, { projects: project.Id, take: 30 }), { signal: s });
      const [rows, envs] = await Promise.all([deploymentRows(params.space, list.Items ?? [], s), environments(params.space)]);
      return { rows, envs, total: list.TotalResults };
    },
    ({ rows, envs, total }) => [
      environmentTiles(base, rows, envs),
      card(
        'Recent deployments',
        deploymentsTable(base, rows),
        total > rows.length ? h('p', { class: 'muted' }, `Showing the ${rows.length} most recent of ${total} deployments.`) : null,
      ),
    ],
  );
  return [
    pageHeader(project.Name, h('a', { href: href(`${base}/deployments/releases`), class: 'button' }, 'View releases'), h('button', { type: 'button', class: 'button button-primary', disabled: true, title: 'Not available in the emulator' }, 'Create release')),
    project.Description ? h('p', { class: 'muted description' }, project.Description) : null,
    body,
  ];
}

function releases(page) {
  const { params, project, base, signal } = page;
  const take = 30;
  const body = h('div');
  const rowsOf = (items, channelMap) =>
    items.map((r) => ({ release: r, channel: channelMap.get(r.ChannelId) }));
  const columns = [
    ['Version', (r) => link(`${base}/deployments/releases/${seg(r.release.Version)}`, r.release.Version)],
    ['Channel', (r) => r.channel?.Name ?? r.release.ChannelId ?? ''],
    ['Created', (r) => dateCell(r.release.Assembled)],
    ['Release notes', (r) => h('span', { class: 'muted clamp' }, r.release.ReleaseNotes || '')],
  ];
  loadInto(
    body,
    signal,
    async (s) => {
      const [list, channelList] = await Promise.all([
        get(withQuery(`/api/${params.space}/projects/${project.Id}/releases`, { skip: 0, take }), { signal: s }),
        getAll(`/api/${params.space}/projects/${project.Id}/channels`, { signal: s }),
      ]);
      return { list, channelMap: new Map(channelList.map((c) => [c.Id, c])) };
    },
    ({ list, channelMap }) => {
      const rows = rowsOf(list.Items ?? [], channelMap);
      const holder = h('div', null, table(columns, rows, { empty: 'There are no releases yet.' }));
      let skip = rows.length;
      const more = h('button', { type: 'button', class: 'button', hidden: skip >= (list.TotalResults ?? 0) }, 'Load more');
      more.addEventListener('click', async () => {
        more.disabled = true;
        try {
          const next = await get(withQuery(`/api/${params.space}/projects/${project.Id}/releases`, { skip, take }), { signal });
          rows.push(...rowsOf(next.Items ?? [], channelMap));
          skip = rows.length;
          replace(holder, table(columns, rows));
          more.hidden = skip >= (next.TotalResults ?? 0) || !next.Items?.length;
        } catch (error) {
          if (error?.status !== 401 && !signal.aborted) holder.append(errorPanel(error));
        }
        more.disabled = false;
      });
      return card(`${list.TotalResults ?? rows.length} releases`, holder, h('div', { class: 'card-footer' }, more));
    },
  );
  return [pageHeader('Releases'), body];
}

function release(page) {
  const { params, project, base, signal } = page;
  const version = params.version;
  const body = h('div', { class: 'stack' });
  loadInto(
    body,
    signal,
    async (s) => {
      const found = await get(`/api/${params.space}/projects/${project.Id}/releases/${encodeURIComponent(version)}`, { signal: s });
      const [deps, channel] = await Promise.all([
        get(withQuery(`/api/${params.space}/releases/${found.Id}/deployments`, { take: 30 }), { signal: s }),
        found.ChannelId ? get(`/api/${params.space}/channels/${found.ChannelId}`, { signal: s }).catch(() => undefined) : undefined,
      ]);
      const rows = await deploymentRows(params.space, deps.Items ?? [], s);
      return { found, rows, channel };
    },
    ({ found, rows, channel }) => [
      card(
        null,
        facts([
          ['Version', found.Version],
          ['Channel', channel?.Name ?? found.ChannelId],
          ['Created', formatDate(found.Assembled)],
          ['Packages', (found.SelectedPackages ?? []).map((p) => `${p.ActionName || p.PackageReferenceName}: ${p.Version}`).join(', ')],
          ['Release notes', found.ReleaseNotes || ''],
        ]),
      ),
      card('Deployments', deploymentsTable(base, rows, { showRelease: false })),
    ],
  );
  return [pageHeader(`Release ${version}`, h('button', { type: 'button', class: 'button button-primary', disabled: true, title: 'Not available in the emulator' }, 'Deploy to…')), body];
}

function deployment(page) {
  const { params, project, base, signal } = page;
  const body = h('div', { class: 'stack' });
  const title = h('h1', { class: 'page-title' }, 'Deployment');
  loadInto(
    body,
    signal,
    async (s) => {
      const found = await get(`/api/${params.space}/deployments/${encodeURIComponent(params.deployment)}`, { signal: s });
      const [task, rel, envs, tenant] = await Promise.all([
        get(`/api/tasks/${found.TaskId}`, { signal: s }),
        get(`/api/${params.space}/releases/${found.ReleaseId}`, { signal: s }),
        environments(params.space),
        found.TenantId ? get(`/api/${params.space}/tenants/${found.TenantId}`, { signal: s }).catch(() => undefined) : undefined,
      ]);
      return { found, task, rel, environment: envs.get(found.EnvironmentId), tenant };
    },
    ({ found, task, rel, environment, tenant }) => {
      if (found.ProjectId !== project.Id || rel.Version !== params.version) {
        // The URL names another project or release than the deployment's: go to the canonical one.
        queueMicrotask(() => replaceRoute(`/${params.space}/deployments/${found.Id}`));
        return loading();
      }
      title.textContent = found.Name || `Deploy to ${environment?.Name ?? found.EnvironmentId}`;
      return [
        h('div', { class: 'status-line' }, stateChip(task), task.ErrorMessage ? h('span', { class: 'error-text' }, task.ErrorMessage) : null),
        card(
          null,
          facts([
            ['Release', link(`${base}/deployments/releases/${seg(rel.Version)}`, rel.Version)],
            ['Environment', environment?.Name ?? found.EnvironmentId],
            found.TenantId && ['Tenant', tenant?.Name ?? found.TenantId],
            ['Queued', formatDate(task.QueueTime ?? found.QueueTime ?? found.Created)],
            ['Started', formatDate(task.StartTime)],
            ['Completed', formatDate(task.CompletedTime)],
            ['Duration', task.Duration || formatSpan(task.StartTime, task.CompletedTime)],
            ['Deployed by', found.DeployedBy ?? ''],
            ['Guided failure', found.UseGuidedFailure ? 'On' : 'Off'],
            ['Task', link(`/${params.space}/tasks/${found.TaskId}`, task.Description || found.TaskId)],
          ]),
        ),
      ];
    },
  );
  return [h('div', { class: 'page-header' }, title, h('div', { class: 'page-actions' })), body];
}

function processPage() {
  return [pageHeader('Process'), card(null, emptyState('No steps to show', "The emulator does not model deployment steps. Octopus lists the project's deployment process here."))];
}

function channels(page) {
  const { params, project, signal } = page;
  const body = h('div');
  loadInto(
    body,
    signal,
    (s) => getAll(`/api/${params.space}/projects/${project.Id}/channels`, { signal: s }),
    (list) =>
      card(
        null,
        table(
          [
            ['Name', (c) => [c.Name, c.IsDefault ? h('span', { class: 'tag' }, 'Default') : null]],
            ['Description', (c) => c.Description || ''],
            ['Lifecycle', (c) => (c.LifecycleId ? c.LifecycleId : 'Inherited from project')],
          ],
          list,
          { empty: 'This project has no channels.' },
        ),
      ),
  );
  return [pageHeader('Channels'), body];
}

function triggers() {
  return [pageHeader('Triggers'), card(null, emptyState('No triggers', 'Triggers create releases or deploy them automatically. None are configured for this project.'))];
}

function runbooks() {
  return [pageHeader('Runbooks'), card(null, emptyState('No runbooks', 'Runbooks automate routine maintenance and emergency operations tasks.'))];
}

function variables() {
  return [pageHeader('Project Variables'), card(null, emptyState('No variables to show', 'The emulator does not model variables.'))];
}

function tenants(page) {
  const { params, project, signal } = page;
  const body = h('div');
  loadInto(
    body,
    signal,
    (s) => getAll(withQuery(`/api/${params.space}/tenants`, { projectId: project.Id }), { signal: s }),
    (list) =>
      card(
        null,
        table(
          [
            ['Name', (t) => t.Name],
            ['Tags', (t) => (t.TenantTags ?? []).map((tag) => h('span', { class: 'tag' }, tag))],
          ],
          list,
          { empty: 'No tenants are connected to this project.' },
        ),
      ),
  );
  return [pageHeader('Tenants'), body];
}

function settings(page) {
  const { params, project, signal } = page;
  const group = h('span', null, project.ProjectGroupId);
  projectGroups(params.space)
    .then((groups) => {
      if (!signal.aborted && groups.get(project.ProjectGroupId)) group.textContent = groups.get(project.ProjectGroupId).Name;
    })
    .catch(() => {});
  return [
    pageHeader('Settings'),
    card(
      'General',
      facts([
        ['Name', project.Name],
        ['Slug', project.Slug],
        ['Description', project.Description || ''],
        ['Project group', group],
        ['Lifecycle', project.LifecycleId],
        ['Tenanted deployments', project.TenantedDeploymentMode],
        ['Guided failure', project.DefaultGuidedFailureMode],
        ['Enabled', project.IsDisabled ? 'Disabled' : 'Enabled'],
      ]),
    ),
  ];
}

function insights() {
  return [
    pageHeader('DevOps Insights'),
    card(
      null,
      emptyState(
        'DevOps Insights',
        'Deployment lead time, frequency, failure rate and mean time to recovery for this project. This is a placeholder for the Octopus feature in the emulator.',
      ),
    ),
  ];
}
