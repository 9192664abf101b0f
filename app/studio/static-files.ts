// Serves the built renderer (app/renderer/dist). Request paths are decoded, normalised and
// contained in the real dist folder; unknown extension-less paths fall back to index.html (the
// canvas is a single-page app). Without a build, a placeholder page says how to build it.

import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../workspace/model-path.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  status: 200 | 404;
  contentType: string;
  body: Buffer;
}

export const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stormsmith studio</title></head>
<body><h1>Stormsmith studio</h1>
<p>The canvas has not been built yet. Build the renderer (output: <code>app/renderer/dist</code>)
and reload this page. The workspace API is already being served.</p></body></html>
`;

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Resolves a URL path to a file inside `distDir`; a 404 when it is not there or not allowed. */
export async function readStaticFile(distDir: string, urlPath: string): Promise<StaticFile> {
  const realDist = await realpath(distDir).catch(() => null);
  if (realDist === null) return placeholderOr404(urlPath);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return notFound();
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return notFound();
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative.split('/').some((s) => s === '..' || (s.startsWith('.') && s !== '.'))) return notFound();
  const candidate = relative === '' || relative === '.' ? 'index.html' : relative;
  const file = await servable(realDist, path.join(realDist, candidate));
  if (file) return { status: 200, contentType: contentTypeOf(file), body: await readFile(file) };
  if (path.posix.extname(candidate) === '') {
    const index = await servable(realDist, path.join(realDist, 'index.html'));
    if (index) return { status: 200, contentType: contentTypeOf(index), body: await readFile(index) };
  }
  return notFound();
}

async function servable(realDist: string, absolute: string): Promise<string | null> {
  const real = await realpath(absolute).catch(() => null);
  if (real === null || !isInside(realDist, real)) return null;
  const s = await stat(real).catch(() => null);
  return s?.isFile() ? real : null;
}

function placeholderOr404(urlPath: string): StaticFile {
  if (urlPath === '/' || urlPath === '/index.html') {
    return { status: 200, contentType: 'text/html; charset=utf-8', body: Buffer.from(PLACEHOLDER_PAGE) };
  }
  return notFound();
}

const notFound = (): StaticFile => ({ status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('not found\n') });
