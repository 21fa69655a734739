/**
 * The web UI mimic (built separately in `test/emulator/ui/`): `/app` and `/app/` serve its index.html,
 * `/app/assets/<path>` its files. Octopus's SPA routes live in the hash, so nothing else is needed.
 * Under a base path (`/octopus`) paths arrive here without it; the redirect and the page's asset URLs get
 * it back (GUESS: how Octopus's own index.html names its assets under a virtual directory is not
 * documented — the mimic's scripts find the base from their own address, see ui/api.js).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { Reply } from '../router';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Octopus Deploy</title></head>
<body><h1>Octopus Deploy (emulator)</h1>
<p>The web UI mimic is not built: <code>test/emulator/ui/index.html</code> is missing. The REST API is at <a href="/api">/api</a>.</p>
</body></html>
`;

const notFoundPage = (): Reply => ({
  status: 404,
  raw: { data: 'Not found', contentType: 'text/plain; charset=utf-8' },
});

export function serveWeb(path: string, uiDir: string, basePath = ''): Reply | undefined {
  if (path === '/') return { status: 302, headers: { Location: `${basePath}/app` }, raw: { data: '', contentType: 'text/plain' } };
  if (path === '/app' || path === '/app/' || path === '/app/index.html') {
    const index = join(uiDir, 'index.html');
    if (!existsSync(index)) return { raw: { data: PLACEHOLDER.replaceAll('href="/api"', `href="${basePath}/api"`), contentType: TYPES['.html'] } };
    const html = basePath ? readFileSync(index, 'utf8').replaceAll('"/app/assets/', `"${basePath}/app/assets/`) : readFileSync(index);
    return { raw: { data: html, contentType: TYPES['.html'] }, headers: { 'Cache-Control': 'no-cache' } };
  }
  if (!path.startsWith('/app/assets/')) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(path.slice('/app/assets/'.length));
  } catch {
    return notFoundPage();
  }
  const root = resolve(uiDir);
  const file = resolve(root, relative);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return notFoundPage();
  return {
    raw: { data: readFileSync(file), contentType: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' },
    headers: { 'Cache-Control': 'no-cache' },
  };
}
