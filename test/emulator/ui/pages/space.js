import { get, getAll, withQuery } from '../api.js';
import { environments, projectGroups } from '../data.js';
import { h, replace } from '../dom.js';
import { href, pushRoute, seg } from '../router.js';
import { card, dateCell, emptyState, errorPanel, facts, formatDate, formatSpan, link, loadInto, pageHeader, stateChip, table } from '../ui.js';

/** Space-level pages: dashboard, projects, tasks, infrastructure, tenants, insights reports. */

const projectHome = (space, project) => `/${space}/projects/${seg(project.Slug)}/deployments`;

export function dashboardPage(ctx) {
  const { space } = ctx.params;
  const body = h('div', { class: 'stack' });
  loadInto(
    body,
    ctx.signal,
    (signal) => get(`/api/${space}/dashboard`, { signal }),
    (dashboard) => {
      const groups = dashboard.ProjectGroups ?? [];
      const envs = dashboard.Environments ?? [];
      const items = new Map();
      for (const item of dashboard.Items ?? []) {
        // One cell per project and environment: the newest (first) item wins over tenant-specific ones.
        const key = `${item.ProjectId}|${item.EnvironmentId}`;
        if (!items.has(key)) items.set(key, item);
      }
      const projects = dashboard.Projects ?? [];
      if (!projects.length) return card(null, emptyState('Welcome!', 'There are no projects in this space yet, or you are not allowed to see them.'));
      return groups
        .map((group) => {
          const members = projects.filter((p) => p.ProjectGroupId === group.Id);
          if (!members.length) return null;
          const groupEnvs = envs.filter((e) => !group.EnvironmentIds?.length || group.EnvironmentIds.includes(e.Id));
          return card(
            group.Name,
            h(
              'div',
              { class: 'table-scroll' },
              h(
                'table',
                { class: 'table dashboard-table' },
                h('thead', null, h('tr', null, h('th', null, 'Project'), groupEnvs.map((e) => h('th', null, e.Name)))),
                h(
                  'tbody',
                  null,
                  members.map((project) =>
                    h(
                      'tr',
                      null,
                      h('td', null, link(projectHome(space, project), project.Name)),
                      groupEnvs.map((env) => {
                        const item = items.get(`${project.Id}|${env.Id}`);
                        if (!item) return h('td', { class: 'muted' }, '');
                        const path = `/${space}/projects/${seg(project.Slug)}/deployments/releases/${seg(item.ReleaseVersion)}/deployments/${item.DeploymentId}`;
                        return h(
                          'td',
                          null,
                          h('a', { href: href(path), class: 'cell-link' }, h('span', { class: 'cell-version' }, item.ReleaseVersion), stateChip(item)),
                          h('div', { class: 'muted cell-date' }, formatDate(item.CompletedTime ?? item.QueueTime)),
                        );
                      }),
                    ),
                  ),
                ),
              ),
            ),
          );
        })
        .filter(Boolean);
    },
  );
  return h('div', { class: 'page' }, pageHeader('Dashboard'), body);
}

export function projectsPage(ctx) {
  const { space } = ctx.params;
  const filter = h('input', { type: 'search', class: 'input filter', placeholder: 'Filter by name…', 'aria-label': 'Filter projects' });
  const body = h('div', { class: 'stack' });
  loadInto(
    body,
    ctx.signal,
    async (signal) => {
      const [projects, groups] = await Promise.all([getAll(`/api/${space}/projects`, { signal }), projectGroups(space)]);
      return { projects, groups };
    },
    ({ projects, groups }) => {
      const list = h('div', { class: 'stack' });
      const show = () => {
        const term = filter.value.trim().toLowerCase();
        const visible = projects.filter((p) => !term || p.Name.toLowerCase().includes(term));
        const byGroup = new Map();
        for (const project of visible) {
          if (!byGroup.has(project.ProjectGroupId)) byGroup.set(project.ProjectGroupId, []);
          byGroup.get(project.ProjectGroupId).push(project);
        }
        const ordered = [...byGroup.entries()].sort(([a], [b]) => (groups.get(a)?.Name ?? a).localeCompare(groups.get(b)?.Name ?? b));
        replace(
          list,
          ordered.length
            ? ordered.map(([groupId, members]) =>
                card(
                  groups.get(groupId)?.Name ?? groupId,
                  h('div', { class: 'project-grid' }, members.sort((a, b) => a.Name.localeCompare(b.Name)).map((p) => projectCard(space, p))),
                ),
              )
            : card(null, emptyState(term ? 'No projects match this filter.' : 'There are no projects yet.')),
        );
      };
      filter.addEventListener('input', show);
      show();
      return list;
    },
  );
  return h('div', { class: 'page' }, pageHeader('Projects', filter), body);
}

/** Project cards navigate with history.pushState (no hashchange), as React Router's <Link> does. */
function projectCard(space, project) {
  const path = projectHome(space, project);
  const anchor = h(
    'a',
    { href: href(path), class: ['project-card', project.IsDisabled && 'project-card-disabled'] },
    h('span', { class: 'project-icon' }, (project.Name || '?').charAt(0).toUpperCase()),
    h('span', { class: 'project-card-text' }, h('span', { class: 'project-card-name' }, project.Name), h('span', { class: 'muted clamp' }, project.Description || '')),
  );
  anchor.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    pushRoute(path);
  });
  return anchor;
}

export function tasksPage(ctx) {
  const { space } = ctx.params;
  const take = 30;
  const body = h('div');
  const columns = [
    ['Task', (t) => link(`/${space}/tasks/${t.Id}`, t.Description || t.Name)],
    ['State', (t) => stateChip(t)],
    ['Queued', (t) => dateCell(t.QueueTime)],
    ['Completed', (t) => dateCell(t.CompletedTime)],
    ['Duration', (t) => t.Duration || formatSpan(t.StartTime, t.CompletedTime)],
  ];
  loadInto(
    body,
    ctx.signal,
    (signal) => get(withQuery(`/api/${space}/tasks`, { skip: 0, take }), { signal }),
    (first) => {
      const rows = [...(first.Items ?? [])];
      const holder = h('div', null, table(columns, rows, { empty: 'There are no tasks.' }));
      const more = h('button', { type: 'button', class: 'button', hidden: rows.length >= (first.TotalResults ?? 0) }, 'Load more');
      more.addEventListener('click', async () => {
        more.disabled = true;
        try {
          const next = await get(withQuery(`/api/${space}/tasks`, { skip: rows.length, take }), { signal: ctx.signal });
          rows.push(...(next.Items ?? []));
          replace(holder, table(columns, rows));
          more.hidden = rows.length >= (next.TotalResults ?? 0) || !next.Items?.length;
        } catch (error) {
          if (error?.status !== 401 && !ctx.signal.aborted) holder.append(errorPanel(error));
        }
        more.disabled = false;
      });
      return card(`${first.TotalResults ?? rows.length} tasks`, holder, h('div', { class: 'card-footer' }, more));
    },
  );
  return h('div', { class: 'page' }, pageHeader('Tasks'), body);
}

export function taskPage(ctx) {
  const { space, task: taskId } = ctx.params;
  const title = h('h1', { class: 'page-title' }, taskId);
  const body = h('div', { class: 'stack' });
  loadInto(
    body,
    ctx.signal,
    (signal) => get(`/api/tasks/${encodeURIComponent(taskId)}`, { signal }),
    (task) => {
      title.textContent = task.Description || task.Name || task.Id;
      const deploymentId = task.Arguments?.DeploymentId;
      return [
        h('div', { class: 'status-line' }, stateChip(task), task.ErrorMessage ? h('span', { class: 'error-text' }, task.ErrorMessage) : null),
        card(
          null,
          facts([
            ['Task', task.Id],
            ['Name', task.Name],
            deploymentId && ['Deployment', link(`/${space}/deployments/${deploymentId}`, deploymentId)],
            ['Queued', formatDate(task.QueueTime)],
            ['Started', formatDate(task.StartTime)],
            ['Completed', formatDate(task.CompletedTime)],
            ['Duration', task.Duration || formatSpan(task.StartTime, task.CompletedTime)],
            ['Server node', task.ServerNode ?? ''],
          ]),
        ),
      ];
    },
  );
  return h('div', { class: 'page' }, h('div', { class: 'breadcrumbs' }, link(`/${space}/tasks`, 'Tasks')), h('div', { class: 'page-header' }, title), body);
}

export function environmentsPage(ctx) {
  const { space } = ctx.params;
  const body = h('div');
  loadInto(
    body,
    ctx.signal,
    () => environments(space),
    (envs) =>
      card(
        null,
        table(
          [
            ['Name', (e) => e.Name],
            ['Description', (e) => e.Description || ''],
            ['Guided failure', (e) => (e.UseGuidedFailure ? 'On' : 'Off')],
          ],
          [...envs.values()].sort((a, b) => (a.SortOrder ?? 0) - (b.SortOrder ?? 0)),
          { empty: 'There are no environments.' },
        ),
      ),
  );
  return h('div', { class: 'page' }, pageHeader('Environments'), body);
}

export function tenantsPage(ctx) {
  const { space } = ctx.params;
  const body = h('div');
  loadInto(
    body,
    ctx.signal,
    (signal) => getAll(`/api/${space}/tenants`, { signal }),
    (tenants) =>
      card(
        null,
        table(
          [
            ['Name', (t) => t.Name],
            ['Projects', (t) => String(Object.keys(t.ProjectEnvironments ?? {}).length)],
            ['Tags', (t) => (t.TenantTags ?? []).map((tag) => h('span', { class: 'tag' }, tag))],
          ],
          tenants,
          { empty: 'There are no tenants in this space.' },
        ),
      ),
  );
  return h('div', { class: 'page' }, pageHeader('Tenants'), body);
}

export function insightsReportsPage() {
  return h(
    'div',
    { class: 'page' },
    pageHeader('Insights'),
    card(null, emptyState('Insights reports require an Enterprise license', 'Space-level DevOps Insights reports are available to Enterprise customers.')),
  );
}
