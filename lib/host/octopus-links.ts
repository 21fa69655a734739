/**
 * Octopus's own pages of a deployment and a release, for the tables that list them: the id forms of its API's
 * `Web` links (`#/Spaces-1/deployments/Deployments-1`, `#/Spaces-1/releases/Releases-44`, docs/octopus-api.md
 * §4), which the web app resolves to the project's page. Built from the server's base URL and ids of Octopus's
 * form only, so a link never leads off the user's server.
 */
import { webAppUrl } from './server-url';

const SPACE = /^Spaces-\d{1,9}$/;

function pageUrl(server: string, space: string, kind: 'deployments' | 'releases', id: string, form: RegExp): string | undefined {
  return SPACE.test(space) && form.test(id) ? `${webAppUrl(server)}#/${space}/${kind}/${id}` : undefined;
}

/**
 * @example
 * deploymentPageUrl('https://o.example/octopus', 'Spaces-1', 'Deployments-7380') //=> 'https://o.example/octopus/app#/Spaces-1/deployments/Deployments-7380'
 */
export const deploymentPageUrl = (server: string, space: string, id: string): string | undefined => pageUrl(server, space, 'deployments', id, /^Deployments-\d{1,12}$/);

/**
 * @example
 * releasePageUrl('https://o.example', 'Spaces-1', 'Releases-44') //=> 'https://o.example/app#/Spaces-1/releases/Releases-44'
 */
export const releasePageUrl = (server: string, space: string, id: string): string | undefined => pageUrl(server, space, 'releases', id, /^Releases-\d{1,12}$/);
