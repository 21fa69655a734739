import { ApiError, isAbort } from './api.js';
import { h, replace, svg } from './dom.js';
import { href } from './router.js';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Octopus's JSON dates ("2024-08-02T05:07:42.445+00:00") for display; '' when missing. */
export function formatDate(value, withTime = true) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return (withTime ? dateTime : dateOnly).format(date);
}

/** A date for a table cell: kept on one line so narrow tables wrap names, not timestamps. */
export function dateCell(value) {
  return h('span', { class: 'nowrap' }, formatDate(value));
}

/** Duration between two server dates, in the portal's short style ("3m 12s"). */
export function formatSpan(from, to) {
  if (!from || !to) return '';
  let seconds = Math.max(0, Math.round((new Date(to) - new Date(from)) / 1000));
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  if (hours) return `${hours}h ${minutes}m`;
  if (minutes) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

const STATE_LABELS = {
  Success: 'Success',
  Failed: 'Failed',
  Canceled: 'Canceled',
  Cancelling: 'Cancelling',
  TimedOut: 'Timed out',
  Executing: 'Running',
  Queued: 'Queued',
};

/** A task state badge; `task` may be a task or a dashboard item (both have State and the flags). */
export function stateChip(task) {
  if (!task) return h('span', { class: 'chip chip-unknown' }, 'Unknown');
  const state = task.State;
  const kind = {
    Success: task.HasWarningsOrErrors ? 'warning' : 'success',
    Failed: 'failed',
    TimedOut: 'failed',
    Canceled: 'neutral',
    Cancelling: 'neutral',
    Executing: 'running',
    Queued: 'neutral',
  }[state];
  let label = STATE_LABELS[state] ?? state ?? 'Unknown';
  if (state === 'Success' && task.HasWarningsOrErrors) label = 'Success with warnings';
  if (task.HasPendingInterruptions) label = `${label} · needs attention`;
  return h('span', { class: ['chip', `chip-${kind ?? 'unknown'}`] }, stateIcon(kind), label);
}

function stateIcon(kind) {
  const shapes = {
    success: [['path', { d: 'M3 8.5l3 3 7-7', fill: 'none', 'stroke-width': 2 }]],
    warning: [['path', { d: 'M8 3v6M8 11.5v1.5', fill: 'none', 'stroke-width': 2 }]],
    failed: [['path', { d: 'M4 4l8 8M12 4l-8 8', fill: 'none', 'stroke-width': 2 }]],
    running: [['circle', { cx: 8, cy: 8, r: 5, fill: 'none', 'stroke-width': 2 }]],
  }[kind] ?? [['circle', { cx: 8, cy: 8, r: 2.5 }]];
  return svg('0 0 16 16', 'chip-icon', shapes);
}

export function pageHeader(title, ...actions) {
  return h('div', { class: 'page-header' }, h('h1', { class: 'page-title' }, title), h('div', { class: 'page-actions' }, actions));
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', { class: 'card-title' }, title) : null, children);
}

export function loading(text = 'Loading…') {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner' }), text);
}

export function errorPanel(error) {
  const status = error?.status;
  const title = status === 403 ? 'You do not have permission to view this' : status === 404 ? 'Not found' : 'Something went wrong';
  const details = error?.body?.Errors?.length ? h('ul', { class: 'error-list' }, error.body.Errors.map((e) => h('li', null, e))) : null;
  return h('div', { class: 'error-panel', role: 'alert' }, h('strong', { class: 'error-title' }, title), h('p', null, error?.message ?? String(error)), details);
}

export function emptyState(title, text) {
  return h('div', { class: 'empty' }, h('div', { class: 'empty-title' }, title), text ? h('p', { class: 'muted' }, text) : null);
}

/** A table: `columns` are [header, (row) => cell content]. */
export function table(columns, rows, { empty = 'Nothing to show yet.' } = {}) {
  if (!rows.length) return emptyState(empty);
  return h(
    'table',
    { class: 'table' },
    h('thead', null, h('tr', null, columns.map(([label]) => h('th', null, label)))),
    h('tbody', null, rows.map((row) => h('tr', null, columns.map(([, cell]) => h('td', null, cell(row)))))),
  );
}

/** Label/value pairs. */
export function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(Boolean).map(([label, value]) => [h('dt', null, label), h('dd', null, value === '' || value === undefined || value === null ? '—' : value)]),
  );
}

export function link(path, ...children) {
  return h('a', { href: href(path), class: 'link' }, children);
}

/**
 * Shows a loading state in `container`, awaits `load(signal)`, then fills it with `view(data)`.
 * Aborted loads (the user navigated away) leave the container alone; a 401 is left to the sign-in
 * redirect; other errors show the server's ErrorMessage.
 */
export function loadInto(container, signal, load, view) {
  replace(container, loading());
  load(signal).then(
    (data) => {
      if (!signal.aborted) replace(container, view(data));
    },
    (error) => {
      if (signal.aborted || isAbort(error) || error?.status === 401) return;
      // Server errors are shown on the page; anything else is a bug in this mimic worth a console entry.
      if (!(error instanceof ApiError)) console.error(error);
      replace(container, errorPanel(error));
    },
  );
  return container;
}
