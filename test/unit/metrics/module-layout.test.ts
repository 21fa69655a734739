import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');

describe('lib/metrics and lib/export layout', () => {
  it('index.ts files only re-export', () => {
    for (const dir of ['lib/metrics', 'lib/export']) {
      const lines = readFileSync(join(root, dir, 'index.ts'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
      for (const line of lines) expect(line).toMatch(/^export \* from '\.\/[a-z0-9-]+';$/);
    }
  });

  it('every file has a doc comment with an @example on its exported functions', () => {
    for (const dir of ['lib/metrics', 'lib/export']) {
      for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
        const text = readFileSync(join(root, dir, file), 'utf8');
        const functions = [...text.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
        for (const name of functions) {
          const before = text.slice(0, text.indexOf(`export function ${name}`));
          const doc = before.slice(before.lastIndexOf('/**'));
          const internal = ['windowPass', 'distributeValues', 'groupMedians', 'sortScratch'];
          if (!internal.includes(name)) expect(doc, `${file}: ${name}`).toContain('@example');
        }
      }
    }
  });
});
