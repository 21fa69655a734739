import { describe, expect, it } from 'vitest';
import { originPattern, patternOrigin } from '@/lib/servers/grants';

describe('originPattern', () => {
  it('keeps the port where match patterns can name one (Chromium)', () => {
    expect(originPattern('https://octopus.example.com:10443/app#/Spaces-1', true)).toBe('https://octopus.example.com:10443/*');
    expect(originPattern('https://acme.octopus.app', true)).toBe('https://acme.octopus.app/*');
  });

  it('uses the host on any port where they cannot (Firefox)', () => {
    expect(originPattern('http://127.0.0.1:8066', false)).toBe('http://127.0.0.1/*');
    expect(originPattern('https://acme.octopus.app', false)).toBe('https://acme.octopus.app/*');
  });

  it('reads a granted pattern back as the server it was made for', () => {
    expect(patternOrigin(originPattern('http://octopus.internal:8080', true))).toBe('http://octopus.internal:8080');
    expect(patternOrigin(originPattern('http://octopus.internal:8080', false))).toBe('http://octopus.internal');
    expect(patternOrigin('https://*/*')).toBeUndefined();
  });
});
