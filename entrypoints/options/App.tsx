import { OptionsAlerts } from '@/components/OptionsAlerts';
import { OptionsCaches } from '@/components/OptionsCaches';
import { OptionsDefaults } from '@/components/OptionsDefaults';
import { OptionsPrivacy } from '@/components/OptionsPrivacy';
import { OptionsServers } from '@/components/OptionsServers';
import { Section } from '@/components/Section';
import { browserTimeZone, knownTimeZones } from '@/lib/settings/time-zones';
import { useAlerts } from '@/lib/ui/use-alerts';
import { useCaches } from '@/lib/ui/use-caches';
import { useServers } from '@/lib/ui/use-servers';
import { useSettingsEditor } from '@/lib/ui/use-settings';

const BROWSER_ZONE = browserTimeZone();
const TIME_ZONES = knownTimeZones();

export function App() {
  const servers = useServers();
  const caches = useCaches();
  const settings = useSettingsEditor();
  const alerts = useAlerts(settings.settings, settings.change);

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
        <Section id="alerts" title="Goals and alerts">
          <OptionsAlerts on={alerts.on} followed={alerts.rows.followed} alerts={alerts.rows.alerts} status={alerts.status} toggle={alerts.toggle} open={alerts.open} markAllRead={alerts.markAllRead} unfollow={alerts.unfollow} />
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
