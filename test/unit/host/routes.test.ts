import { describe, expect, it } from 'vitest';
import * as routes from '@/lib/host/routes';

type Detector = (url: URL) => boolean;
const detectors: Record<string, Detector> = {
  isProjectPage: routes.isProjectPage,
  isProjectsList: routes.isProjectsList,
  isSpaceDashboard: routes.isSpaceDashboard,
  isSignIn: routes.isSignIn,
  isLegacyProjectPage: routes.isLegacyProjectPage,
};
const allExamples = Object.entries(routes.ROUTE_EXAMPLES).flatMap(([owner, urls]) => urls.map((url) => ({ owner, url })));

describe('route detectors', () => {
  for (const [name, detect] of Object.entries(detectors)) {
    it(`${name} accepts its own examples and rejects every other detector's`, () => {
      for (const { owner, url } of allExamples) {
        expect(detect(new URL(url)), `${name}(${url})`).toBe(owner === name);
      }
    });
  }

  it('isSpacePage is true inside a space, whatever the page', () => {
    for (const { owner, url } of allExamples) {
      const inSpace = ['isProjectPage', 'isProjectsList', 'isSpaceDashboard'].includes(owner);
      expect(routes.isSpacePage(new URL(url)), url).toBe(inSpace);
    }
  });

  it('reads the space, project slug and hash query', () => {
    const url = new URL('https://o.example/app#/Spaces-62/projects/azure-devops-extension/insights/lead-time?channelId=Channels-6743');
    const route = routes.parseRoute(url)!;
    expect(route.spaceId).toBe('Spaces-62');
    expect(route.rest).toEqual(['projects', 'azure-devops-extension', 'insights', 'lead-time']);
    expect(route.query.get('channelId')).toBe('Channels-6743');
    expect(routes.getProjectSlug(url)).toBe('azure-devops-extension');
  });

  it('decodes percent-encoded slugs and tolerates malformed ones', () => {
    expect(routes.getProjectSlug(new URL('https://o.example/app#/Spaces-1/projects/caf%C3%A9/deployments'))).toBe('café');
    expect(routes.getProjectSlug(new URL('https://o.example/app#/Spaces-1/projects/%E0%A4%A/deployments'))).toBe('%E0%A4%A');
  });
});
