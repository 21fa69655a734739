/**
 * Names for generated spaces, projects and tenants. A few deliberately carry characters that must be
 * escaped in HTML and CSV (`&`, `<`, `'`): the extension renders server names as text.
 */

export const SPACE_NAMES = ['Default', 'Platform', 'Data & Analytics', 'Sandbox'];

export const SPACE_DESCRIPTIONS = [
  'Customer-facing products and their services.',
  'Shared infrastructure and internal tooling.',
  'Data pipelines, models and reporting.',
  'Experiments. Nothing here is deployed.',
];

/** Project groups per space (the first is Octopus's default group); a scale uses the first few. */
export const PROJECT_GROUPS = [
  [
    'Default Project Group',
    'Web',
    'Services',
    'Mobile',
    'Data',
    'Payments',
    'Identity',
    'Integrations',
    'Internal Tools',
    'Logistics',
    'Customer Experience',
    'Finance',
  ],
  ['Default Project Group', 'Infrastructure', 'Tooling', 'Networking', 'Security', 'Developer Experience'],
  ['Default Project Group', 'Pipelines', 'Models', 'Reporting'],
  ['Default Project Group'],
];

const CURATED = [
  [
    'Acme.Web',
    'Checkout API',
    'Payments Service',
    'Identity Server',
    'Storefront',
    'Order Processor',
    'Inventory Service',
    'Notifications',
    'Search Indexer',
    'Customer Portal',
    'Mobile Backend',
    'Pricing Engine',
    'Shipping Service',
    'R&D <Labs>',
    'Admin Console',
    'Loyalty Service',
    'Catalog API',
    'Recommendations',
  ],
  ['Kubernetes Platform', 'Terraform Core', 'Build Agents', 'Observability Stack', 'Secrets Broker', 'DNS Automation'],
  ['Nightly ETL', 'Feature Store', 'Churn Model', 'Sales Dashboard', 'Event Ingest'],
  ['Scratch Project'],
];

const DOMAINS = [
  'Orders', 'Payments', 'Catalog', 'Identity', 'Shipping', 'Returns', 'Invoices', 'Ledger', 'Accounts', 'Profiles',
  'Reviews', 'Coupons', 'Carts', 'Wishlist', 'Warehouse', 'Fulfilment', 'Tax', 'Fraud', 'Messaging', 'Media',
  'Content', 'Pricing', 'Quotes', 'Claims', 'Policies', 'Bookings', 'Schedules', 'Routes', 'Fleet', 'Telemetry',
  'Devices', 'Firmware', 'Partners', 'Vendors', 'Contracts', 'Payroll', 'Benefits', 'Timesheets', 'Tickets', 'Chat',
];

const COMPONENTS = ['API', 'Worker', 'Web', 'Jobs', 'Gateway', 'Sync', 'Importer', 'Exporter', 'Scheduler', 'Cache', 'Reports', 'Admin', 'Events', 'Search', 'Store'];

/** `count` distinct project names for a space: curated first, then domain × component combinations. */
export function projectNames(space: number, count: number, taken: Set<string>): string[] {
  const out: string[] = [];
  for (const name of CURATED[space] ?? []) {
    if (out.length >= count) return out;
    if (!taken.has(name)) out.push(name);
  }
  const prefix = space === 0 ? '' : `${['', 'Platform', 'Data', 'Sandbox'][space]} `;
  for (let c = 0; out.length < count; c++) {
    const domain = DOMAINS[c % DOMAINS.length];
    const component = COMPONENTS[Math.floor(c / DOMAINS.length) % COMPONENTS.length];
    const round = Math.floor(c / (DOMAINS.length * COMPONENTS.length));
    const name = `${prefix}${domain} ${component}${round > 0 ? ` ${round + 1}` : ''}`;
    if (!taken.has(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

export const TENANT_NAMES = [
  'Acme Corp', 'Globex', 'Initech', "O'Brien & Co <EU>", 'Umbrella', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Soylent',
  'Cyberdyne', 'Tyrell', 'Massive Dynamic', 'Oscorp', 'Aperture Science', 'Black Mesa', 'Wonka Industries',
  'Monarch Solutions', 'Vandelay Industries', 'Dunder Mifflin', 'Pied Piper',
  'Sterling Cooper', 'Prestige Worldwide', 'Bluth Company', 'Nakatomi Trading', 'Weyland-Yutani', 'Virtucon',
  'Spacely Sprockets', 'Cogswell Cogs', 'Planet Express', 'Duff Brewery', 'Ollivanders', 'Gekko & Co',
  'Initrode', 'Kramerica', 'Wernham Hogg', 'Genco Olive Oil', 'Krusty Krab', 'Los Pollos Hermanos',
  'Gringotts', 'Sirius Cybernetics',
];

export const TIERS = [
  { name: 'Gold', color: '#D4AF37' },
  { name: 'Silver', color: '#A8A9AD' },
  { name: 'Bronze', color: '#CD7F32' },
];

export const REGIONS = [
  { name: 'EU', color: '#1E88E5' },
  { name: 'US', color: '#E53935' },
  { name: 'APAC', color: '#43A047' },
];

export const RELEASE_NOTES = [
  'Bug fixes and performance improvements.',
  'Adds retry with back-off to outbound calls.',
  'Upgrades runtime dependencies.',
  'New reporting endpoint.',
  'Fixes a race condition in the scheduler.',
  'Improves logging around payment failures.',
  'Feature flag clean-up.',
  'Security patch for a transitive dependency.',
];

export const DEFECT_DESCRIPTIONS = [
  'Checkout fails for carts with more than 50 items.',
  'Memory leak under sustained load; do not promote.',
  'Breaks login for SSO customers.',
  'Migration locks the orders table for minutes.',
  'Regression in currency rounding.',
  'Smoke tests fail intermittently on the new build.',
];

export const EDIT_REASONS_TO_FAILED = [
  'Bug found after the deployment completed; marking it failed.',
  'Smoke tests failed after the deployment finished.',
  'Rolled back manually: the release broke the checkout flow.',
];

export const EDIT_REASONS_TO_SUCCESS = [
  'The failure was a flaky health check; verified manually.',
  'Monitoring glitch: the deployment completed correctly.',
];

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
