/**
 * zod schemas for every Octopus resource DORA Lens reads, and their parsed types.
 *
 * Validate at the boundary: nothing outside lib/octopus sees raw Octopus JSON. The rules every schema
 * follows (PascalCase fields kept, only used fields required, extras stripped, dates → UTC epoch ms) are
 * in ./schemas/common.ts. Parsed types are the schemas' *outputs*; `z.input<typeof XSchema>` gives the
 * JSON shape (what an emulator must send).
 */
export * from './schemas/activity';
export * from './schemas/common';
export * from './schemas/history';
export * from './schemas/projects';
export * from './schemas/root';
