import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { declaredHosts } from './lib/servers/declared';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  // MV3 for Firefox too: it keeps optional host permissions and one manifest shape for both browsers.
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ mode, browser }) => ({
    name: 'DORA Lens for Octopus Deploy',
    description:
      'DORA metrics (deployment frequency, lead time, failure rate, time to recovery) for your Octopus Deploy projects, computed in your browser.',
    // `notifications` is asked for when the user turns alerts on (optional); the e2e build declares it, as an
    // automated browser cannot answer the prompt (README, "Goals and alerts").
    permissions: ['storage', 'alarms', 'scripting', 'activeTab', ...(mode === 'e2e' ? ['notifications'] : [])],
    ...(mode === 'e2e' ? {} : { optional_permissions: ['notifications'] }),
    // Hosts granted at install time (lib/servers/declared.ts); every self-hosted server is an optional
    // permission the user grants from the popup or options page (DESIGN.md decision 6).
    host_permissions: declaredHosts(mode),
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The Insights panel is an iframe of this page inside the Octopus UI. Self-hosted servers can be on any
    // origin, so the page is reachable from any; it serves nothing unless the worker finds it framed on the
    // user's own server (lib/trust/authorize.ts). Chromium: only through a per-session URL, so sites cannot
    // probe for the extension (Firefox has no such option; its page URLs carry a per-install id instead).
    web_accessible_resources: [
      { resources: ['insights.html'], matches: ['https://*/*', 'http://*/*'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) },
    ],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; form-action 'none'",
    },
    // Firefox: the add-on id (required for MV3 on addons.mozilla.org; the browser tests pin the extension's
    // moz-extension:// origin by it) and the data-collection declaration, which Firefox supports from 140.
    ...(browser === 'firefox'
      ? { browser_specific_settings: {
            gecko: { id: 'dora-lens@dora-lens.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // The sources package (made for Firefox, for addons.mozilla.org's review) leaves out what git ignores.
  zip: { excludeSources: ['test/e2e/artifacts/**', 'test/scratch/**', 'test/bench/.cache/**', '**/*.log'] },
});
