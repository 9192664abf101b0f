// The `stormsmith studio` HTTP server: the built renderer plus the workspace API, on 127.0.0.1
// only. Every request passes the Host/Origin guard; every /api request also needs the token.

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeWorkspace } from '../workspace/node-workspace.js';
import { handleApi } from './api-routes.js';
import { streamChanges } from './change-stream.js';
import { HttpError, sendError } from './http-io.js';
import { checkHostAndOrigin, checkToken } from './request-guards.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { readStaticFile } from './static-files.js';

export const STUDIO_HOST = '127.0.0.1';

export interface StudioServerOptions {
  workspace: NodeWorkspace;
  /** Folder of the built renderer (index.html + assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface StudioServer {
  port: number;
  token: string;
  /** The URL to open: carries the token for the renderer to pick up. */
  url: string;
  close(): Promise<void>;
}

export const newToken = (): string => randomBytes(32).toString('base64url');

export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const token = options.token ?? newToken();
  let port = options.port;
  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, new HttpError(500, 'E_INTERNAL', error instanceof Error ? error.message : String(error)));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refused = checkHostAndOrigin(request, port);
    if (refused) return sendError(response, new HttpError(refused.status, refused.code, refused.message));
    const url = new URL(request.url ?? '/', `http://${STUDIO_HOST}:${port}`);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const denied = checkToken(request, token);
      if (denied) return sendError(response, new HttpError(denied.status, denied.code, denied.message, 'open the URL printed by `stormsmith studio`'));
      if (request.method === 'GET' && url.pathname === '/api/events') return streamChanges(options.workspace, response);
      return handleApi(options.workspace, request, response, url);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendError(response, new HttpError(405, 'E_METHOD', `${request.method} is not allowed here`));
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    response.writeHead(file.status, {
      ...SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      // Hashed asset names can be cached; the page itself must always be fresh.
      'Cache-Control': url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, STUDIO_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://${STUDIO_HOST}:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open event streams would keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}
