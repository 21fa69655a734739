import type { AlertRow, FollowedRow } from '@/lib/display/alert-rows';
import type { StatusNote } from '@/lib/display/status-note';
import { StatusMessage } from './StatusMessage';

interface OptionsAlertsProps {
  on: boolean;
  followed: FollowedRow[];
  alerts: AlertRow[];
  status: StatusNote | undefined;
  toggle: (on: boolean) => void;
  open: (id: string) => void;
  markAllRead: () => void;
  unfollow: (key: string) => void;
}

/** The alerts switch, the followed projects and the last alerts. */
export function OptionsAlerts({ on, followed, alerts, status, toggle, open, markAllRead, unfollow }: OptionsAlertsProps) {
  const unread = alerts.filter((a) => a.unread).length;
  return (
    <div class="alerts">
      <div class="field">
        <label class="choice">
          <input type="checkbox" id="alerts-on" aria-describedby="alerts-on-hint" checked={on} onChange={(e) => toggle(e.currentTarget.checked)} />
          Notify me when a followed project misses a goal
        </label>
        <span id="alerts-on-hint" class="field-hint">
          After each background refresh, each followed project is judged on its default view over the last 28 days: a goal newly missed, or a failure open longer than the recovery goal, gives one notification per project per day. The toolbar badge counts the alerts not read yet. Turning this on asks the browser to allow notifications; nothing leaves the browser.
        </span>
      </div>
      <StatusMessage note={status} testId="alerts-status" />
      <h3>Followed projects</h3>
      {followed.length === 0 ? (
        <p class="muted">None yet: follow a project from its DORA Lens panel.</p>
      ) : (
        <table data-testid="followed-projects">
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Server and space</th>
              <th scope="col">Last alert</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {followed.map((f) => (
              <tr key={f.key}>
                <td>{f.name}</td>
                <td>{f.where}</td>
                <td>{f.lastAlert}</td>
                <td>
                  <button type="button" onClick={() => unfollow(f.key)}>
                    Stop following
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>
        Last alerts{unread > 0 ? ` (${unread} not read)` : ''}
      </h3>
      {alerts.length === 0 ? (
        <p class="muted">No alert yet.</p>
      ) : (
        <>
          <ul class="alert-list" data-testid="alert-list">
            {alerts.map((a) => (
              <li key={a.id} class={a.unread ? 'alert unread' : 'alert'}>
                <strong>{a.title}</strong> <span class="muted">{a.when} · {a.where}</span>
                <div>{a.message}</div>
                <button type="button" data-testid="open-alert" onClick={() => open(a.id)}>
                  Open the project’s panel
                </button>
              </li>
            ))}
          </ul>
          {unread > 0 ? (
            <button type="button" onClick={markAllRead}>
              Mark all read
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
