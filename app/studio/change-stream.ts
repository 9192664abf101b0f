// Workspace changes as Server-Sent Events. The client reads the stream with fetch (so it can send
// the token header, which EventSource cannot), hence plain SSE framing over a normal response.

import type { ServerResponse } from 'node:http';
import type { NodeWorkspace } from '../workspace/node-workspace.js';
import { SECURITY_HEADERS } from './security-headers.js';

const HEARTBEAT_MS = 15_000;

export function streamChanges(workspace: NodeWorkspace, response: ServerResponse): void {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  // `ready` tells the client the subscription is live: changes after it will be delivered.
  response.write('retry: 2000\nevent: ready\ndata: {}\n\n');
  const unsubscribe = workspace.watch((change) => {
    response.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
  });
  const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  response.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
