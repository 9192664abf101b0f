// The WorkspaceApi as JSON endpoints (the client is app/shared/http-workspace-client.ts):
//   GET  /api/info                     -> WorkspaceInfo
//   GET  /api/models                   -> ModelFileInfo[]
//   GET  /api/board                    -> BoardSnapshot (the whole board, loaded and validated: ADR 0044)
//   GET  /api/model?path=<relative>    -> ModelFileContent
//   PUT  /api/model {path,text,expectedHash} -> WriteResult (409 when it is a conflict)
//   POST /api/generation/preview       -> GenerationPreview
//   POST /api/generation/run           -> GenerationPreview
//   POST /api/compare {ref}            -> ModelComparison
//   GET  /api/events                   -> text/event-stream of `change` events (change-stream.ts)
// Refusals answer `{ error: { code, message, hint? } }` with a 4xx status.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { WorkspaceError, type WorkspaceErrorCode } from '../workspace/errors.js';
import { MAX_MODEL_BYTES, type NodeWorkspace } from '../workspace/node-workspace.js';
import { HttpError, readJsonBody, sendError, sendJson } from './http-io.js';

const STATUS_OF: Record<WorkspaceErrorCode, number> = {
  E_INVALID_PATH: 400,
  E_NOT_MODEL_FILE: 400,
  E_OUTSIDE_ROOT: 403,
  E_SYMLINK: 403,
  E_NOT_FOUND: 404,
  E_READ_ONLY: 409,
  E_GENERATOR_UNAVAILABLE: 501,
  E_NO_FOLDER: 409,
  E_GIT: 400,
  E_MODEL_ERRORS: 409,
};

export async function handleApi(workspace: NodeWorkspace, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  try {
    await route(workspace, request, response, url);
  } catch (error) {
    if (error instanceof WorkspaceError) {
      sendError(response, new HttpError(STATUS_OF[error.code], error.code, error.message, error.hint));
    } else if (error instanceof HttpError) {
      sendError(response, error);
    } else {
      // Unexpected IO failure: say what failed, without a stack trace.
      const e = error as NodeJS.ErrnoException;
      sendError(response, new HttpError(500, e.code ?? 'E_INTERNAL', e.message ?? String(error)));
    }
  }
}

async function route(workspace: NodeWorkspace, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const key = `${request.method} ${url.pathname}`;
  switch (key) {
    case 'GET /api/info':
      return sendJson(response, 200, await workspace.info());
    case 'GET /api/models':
      return sendJson(response, 200, await workspace.listModels());
    case 'GET /api/board':
      return sendJson(response, 200, await workspace.openBoard());
    case 'GET /api/model':
      return sendJson(response, 200, await workspace.readModel(url.searchParams.get('path') ?? ''));
    case 'PUT /api/model': {
      const body = await readJsonBody(request, MAX_MODEL_BYTES * 2);
      const { path, text, expectedHash } = parseWriteBody(body);
      // Refusals the client caused are 4xx with a JSON error, not a 500 WriteResult (issue 19).
      if (workspace.readOnly) {
        const info = await workspace.info();
        throw new HttpError(409, 'E_READ_ONLY', `${path}: read-only: ${info.readOnlyReason ?? 'opened read-only'}`);
      }
      if (Buffer.byteLength(text) > MAX_MODEL_BYTES) throw new HttpError(413, 'E_TOO_LARGE', `${path}: larger than ${MAX_MODEL_BYTES} bytes`);
      const result = await workspace.writeModel(path, text, expectedHash);
      return sendJson(response, result.ok ? 200 : result.reason === 'conflict' ? 409 : 500, result);
    }
    case 'POST /api/generation/preview':
      return sendJson(response, 200, await workspace.previewGeneration());
    case 'POST /api/generation/run':
      return sendJson(response, 200, await workspace.runGeneration());
    case 'POST /api/compare': {
      const body = (await readJsonBody(request, 4096)) as { ref?: unknown } | null;
      if (typeof body?.ref !== 'string') throw new HttpError(400, 'E_BAD_REQUEST', 'expected { ref: string }');
      return sendJson(response, 200, await workspace.compareWith(body.ref));
    }
    default:
      throw new HttpError(404, 'E_NO_ROUTE', `no API route ${request.method} ${url.pathname}`);
  }
}

function parseWriteBody(body: unknown): { path: string; text: string; expectedHash: string | null | undefined } {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.path !== 'string' || typeof b.text !== 'string') {
    throw new HttpError(400, 'E_BAD_REQUEST', 'expected { path: string, text: string, expectedHash: string | null }');
  }
  const expectedHash = b.expectedHash;
  // Required (lost-update protection on by default): the hash the client last read, or null for a new file.
  if (expectedHash !== null && (typeof expectedHash !== 'string' || !/^[0-9a-f]{64}$/.test(expectedHash))) {
    throw new HttpError(400, 'E_BAD_REQUEST', 'expectedHash is required: the sha256 hex of the text last read, or null for a new file');
  }
  return { path: b.path, text: b.text, expectedHash: expectedHash as string | null | undefined };
}
