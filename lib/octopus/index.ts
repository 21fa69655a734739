/** lib/octopus: the only code that knows Octopus's REST API (DESIGN, data flow). */
export * from './batch';
export * from './client';
export * from './deployments';
export * from './errors';
export * from './events';
export * from './interruptions';
export * from './projects';
export * from './releases';
export * from './root';
export * from './schemas';
export * from './server-info';
export * from './tasks';
