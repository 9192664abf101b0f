// The renderer is served from `app://stormsmith/`, never from file:// (file:// pages share one
// origin with every local file and get extra privileges). The handler serves only the built
// renderer folder, with the same strict CSP as the studio server.

import type { CustomScheme } from 'electron';
import { SECURITY_HEADERS } from '../studio/security-headers.js';
import { readStaticFile } from '../studio/static-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'stormsmith';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Registered before `app.ready`: a standard, secure origin so 'self' in the CSP means us. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
};

/** True only for URLs of our own origin, compared after parsing (never by prefix). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isAppUrl(request.url)) return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405, headers: SECURITY_HEADERS });
    const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: file.status,
      headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType },
    });
  };
}
