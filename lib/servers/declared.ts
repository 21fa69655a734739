/**
 * The hosts DORA Lens declares in its manifest: Octopus Cloud always; in the `e2e` build (the browser tests
 * and `npm start`) the local emulator too, because an automated browser cannot answer a permission prompt.
 * Every self-hosted server is an optional permission the user grants instead (./grants.ts). Read by
 * wxt.config.ts for the manifest and by the content script for where it runs.
 */
export const CLOUD_HOSTS = ['https://*.octopus.app/*'];
const LOCAL_TEST_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

/** The declared host patterns of a build mode. */
export const declaredHosts = (mode: string | undefined): string[] => (mode === 'e2e' ? [...CLOUD_HOSTS, ...LOCAL_TEST_HOSTS] : CLOUD_HOSTS);
