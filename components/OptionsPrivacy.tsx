const PERMISSIONS: [name: string, why: string][] = [
  ['Storage', 'keeps these settings, the sync status, your saved reports and date marks.'],
  ['Alarms', 'wakes DORA Lens to refresh cached history in the background.'],
  ['Active tab', 'lets the toolbar popup see the site of the tab you clicked it on, to offer to enable DORA Lens there.'],
  ['Scripting', 'adds the Insights entry to the Octopus servers you enable, and only to them.'],
  [
    'Access to your Octopus servers',
    'Octopus Cloud (*.octopus.app) and each self-hosted server you enable above, to read deployment history and show Insights there.',
  ],
];

/** What DORA Lens does with data, in plain words. Static: it must stay true, so it lists no promises we cannot check. */
export function OptionsPrivacy() {
  return (
    <>
      <ul class="privacy-points">
        <li>
          DORA Lens reads your Octopus server’s deployment history <strong>through your signed-in session</strong>. It never asks for or
          stores an API key, so you see exactly what your Octopus permissions allow.
        </li>
        <li>
          It stores that history <strong>only in this browser</strong>, in the extension’s own storage (IndexedDB), separately for each
          server and Octopus user. Clear it any time above.
        </li>
        <li>
          <strong>Nothing is sent anywhere</strong> except requests to your own Octopus server. No analytics, no tracking, no remote code:
          everything DORA Lens runs ships inside the extension.
        </li>
      </ul>
      <h3>Permissions and why</h3>
      <dl class="permissions">
        {PERMISSIONS.map(([name, why]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{why}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
