// Re-exports only.
export * from './csv';
export * from './csv-file-name';
export * from './deployments-csv';
export * from './format-duration';
