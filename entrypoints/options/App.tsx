import { OptionsCaches } from '@/components/OptionsCaches';
import { OptionsDefaults } from '@/components/OptionsDefaults';
import { OptionsPrivacy } from '@/components/OptionsPrivacy';
import { OptionsServers } from '@/components/OptionsServers';
import { Section } from '@/components/Section';
import { browserTimeZone } from '@/lib/settings';
import { useCaches, useServers, useSettings } from './hooks';

const BROWSER_ZONE = browserTimeZone();
// Not every engine lists UTC among its zones; it is the one many teams report in.
const TIME_ZONES = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];

export function App() {
  const servers = useServers();
  const caches = useCaches();
  const settings = useSettings();

  return (
    <div class="page">
      <header class="page-header">
        <h1>DORA Lens settings</h1>
        <p class="muted">DORA metrics for Octopus Deploy, computed in this browser from your own server’s deployment history.</p>
      </header>
      <main class="sections">
        <Section id="servers" title="Octopus servers">
          <OptionsServers servers={servers.servers} unsupported={servers.unsupported} enable={servers.enable} revoke={servers.revoke} forget={(origin) => servers.forget(origin).finally(caches.reload)} />
        </Section>
        <Section id="defaults" title="Defaults" intro={<p class="muted">Every report starts from these. Changes are saved at once.</p>}>
          <OptionsDefaults
            settings={settings.settings}
            browserZone={BROWSER_ZONE}
            timeZones={TIME_ZONES}
            change={settings.change}
            status={settings.status}
          />
        </Section>
        <Section
          id="cache"
          title="Cached data"
          intro={<p class="muted">Deployment history and saved space reports DORA Lens keeps in this browser, for each server and Octopus user.</p>}
        >
          <OptionsCaches rows={caches.rows} clear={caches.clear} deleteReports={caches.deleteReports} clearAll={caches.clearAll} />
        </Section>
        <Section id="privacy" title="Privacy">
          <OptionsPrivacy />
        </Section>
      </main>
    </div>
  );
}
