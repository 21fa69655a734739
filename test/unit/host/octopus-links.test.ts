import { describe, expect, it } from 'vitest';
import { deploymentPageUrl, releasePageUrl } from '@/lib/host/octopus-links';
import { panelSignInUrl } from '@/lib/host/panel-link';
import { DEFAULT_PARAMS } from '@/lib/panel/panel-params';

describe('links to Octopus’s own pages', () => {
  it('builds a deployment’s and a release’s page from the server’s base URL, under its path', () => {
    expect(deploymentPageUrl('https://o.example/octopus', 'Spaces-1', 'Deployments-7380')).toBe('https://o.example/octopus/app#/Spaces-1/deployments/Deployments-7380');
    expect(releasePageUrl('https://o.example', 'Spaces-2', 'Releases-44')).toBe('https://o.example/app#/Spaces-2/releases/Releases-44');
  });

  it('links nothing that is not an id of Octopus’s form', () => {
    expect(deploymentPageUrl('https://o.example', 'Spaces-1', '../../evil')).toBeUndefined();
    expect(deploymentPageUrl('https://o.example', 'Spaces-1', 'Releases-1')).toBeUndefined();
    expect(releasePageUrl('https://o.example', 'x/../Spaces-1', 'Releases-1')).toBeUndefined();
  });

  it('signs in on the same server and returns to the panel’s own route and view', () => {
    const url = new URL(panelSignInUrl('https://o.example/octopus', 'Spaces-1', 'web', { ...DEFAULT_PARAMS, range: 'lastYear' }));
    expect(url.origin + url.pathname).toBe('https://o.example/octopus/app');
    const [route, query] = url.hash.split('?');
    expect(route).toBe('#/users/sign-in');
    expect(new URLSearchParams(query).get('redirectTo')).toBe('/Spaces-1/projects/web/deployments?doraLens=insights&range=lastYear');
  });
});
