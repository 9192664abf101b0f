// Who may talk to the studio server. It listens on 127.0.0.1 only, yet any web page the user
// opens can still send requests to it, and DNS rebinding can make such a page same-origin.
// Hence: the Host header must name our loopback address and port (rebinding sends the
// attacker's host name), a present Origin must be ours, and every API call carries the per-run
// token, which only the URL printed on the terminal knows.

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-stormsmith-token';

export type GuardFailure = { status: 401 | 403; code: 'E_TOKEN_MISSING' | 'E_TOKEN_INVALID' | 'E_BAD_HOST' | 'E_BAD_ORIGIN'; message: string };

export const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
export const allowedOrigins = (port: number): string[] => allowedHosts(port).map((h) => `http://${h}`);

/** Host and Origin checks; apply to every request, static files included. */
export function checkHostAndOrigin(request: IncomingMessage, port: number): GuardFailure | null {
  const host = request.headers.host;
  if (host === undefined || !allowedHosts(port).includes(host.toLowerCase())) {
    return { status: 403, code: 'E_BAD_HOST', message: 'unexpected Host header' };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).includes(origin.toLowerCase())) {
    return { status: 403, code: 'E_BAD_ORIGIN', message: 'cross-origin requests are not allowed' };
  }
  // Browsers that send Fetch Metadata tell us directly when a request comes from another site.
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return { status: 403, code: 'E_BAD_ORIGIN', message: 'cross-site requests are not allowed' };
  }
  return null;
}

/** The per-run token, compared in constant time. */
export function checkToken(request: IncomingMessage, token: string): GuardFailure | null {
  const sent = request.headers[TOKEN_HEADER];
  if (sent === undefined || sent === '') return { status: 401, code: 'E_TOKEN_MISSING', message: `missing ${TOKEN_HEADER} header` };
  const a = Buffer.from(Array.isArray(sent) ? sent.join(',') : sent);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { status: 403, code: 'E_TOKEN_INVALID', message: 'wrong token' };
  return null;
}
