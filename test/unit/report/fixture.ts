/**
 * A small space for the report tests: 13 projects in 3 groups (so a project split has "Others"), Default
 * and Hotfix channels, four environments, tagged tenants and untenanted deployments, every outcome, over
 * two 14-day periods (1-14 and 15-28 January 2025, UTC).
 */
import type { History } from '../../../lib/metrics/facts';
import { emptyReport, type ReportDefinition } from '../../../lib/report/report-definition';
import { type HistoryRows, historyFrom } from '../../factories';

export const WINDOW = { from: Date.parse('2025-01-15T00:00:00Z'), to: Date.parse('2025-01-29T00:00:00Z') };
export const NOW = Date.parse('2025-02-01T00:00:00Z');

export function reportHistory(): History {
  const projects = Array.from({ length: 13 }, (_, k) => ({ name: `P${String(k + 1).padStart(2, '0')}`, group: ['Web', 'Services', 'Data'][k % 3] }));
  const releases: HistoryRows['releases'] = [];
  const deployments: HistoryRows['deployments'] = [];
  const environments = ['Development', 'Test', 'Staging', 'Production'];
  const tenants = [
    { name: 'Acme', tags: ['Region/EU', 'Tier/Gold'] },
    { name: 'Globex', tags: ['Region/US', 'Tier/Gold'] },
    { name: 'Initech', tags: ['Region/EU', 'Region/US', 'Tier/Silver'] },
    { name: 'Internal', tags: [] },
  ];
  const states = ['Success', 'Success', 'Failed', 'Success', 'Canceled', 'Success', 'TimedOut', 'Success'] as const;
  let n = 0;
  projects.forEach((p, k) => {
    // Busier projects first: P01 has the most deployments, P13 the fewest.
    const count = 30 - 2 * k;
    for (let r = 0; r < count; r++) {
      const day = 1 + ((r * 27) / count);
      const channel = r % 5 === 4 ? 'Hotfix' : 'Default';
      const version = `${k}.${r}`;
      const assembled = new Date(Date.UTC(2025, 0, 1) + (day - 1) * 86_400_000).toISOString();
      releases.push({ project: p.name, channel, version, assembled, blocked: k === 2 && r === 3 });
      for (const [e, environment] of environments.entries()) {
        if ((r + e) % 3 === 2) continue;
        const tenant = e >= 2 && k % 4 === 0 ? tenants[(r + e) % tenants.length].name : undefined;
        const completed = new Date(Date.parse(assembled) + (e + 1) * 3_600_000 + k * 60_000).toISOString();
        const state = states[(n++ + k) % states.length];
        deployments.push({ project: p.name, channel, release: version, environment, tenant, state, guidedFailure: state === 'Success' && n % 11 === 0, completed });
      }
    }
  });
  return historyFrom({ projects, environments, tenants, releases, deployments });
}

export function definition(patch: Partial<ReportDefinition> = {}): ReportDefinition {
  return { ...emptyReport('UTC', 1, 'r-test'), name: 'Test report', ...patch };
}
