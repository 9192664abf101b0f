// The renderer's WorkspaceApi when it runs under `stormsmith studio`: JSON over fetch, plus a
// change stream (Server-Sent Events framing read through fetch, because EventSource cannot send
// the token header). Browser-safe: no Node imports. Endpoints: app/studio/api-routes.ts.

import type {
  BoardSnapshot,
  GenerationPreview,
  ModelComparison,
  ModelFileContent,
  ModelFileInfo,
  WorkspaceApi,
  WorkspaceChange,
  WorkspaceInfo,
  WriteResult,
} from './workspace-api.js';

export const STUDIO_TOKEN_HEADER = 'X-Stormsmith-Token';
const TOKEN_STORAGE_KEY = 'stormsmith.studio.token';

export interface StudioConnection {
  /** Origin of the studio server, e.g. `http://127.0.0.1:5178`. */
  baseUrl: string;
  token: string;
}

export interface HttpWorkspaceClientOptions extends StudioConnection {
  fetch?: typeof fetch;
  /** Delay before reconnecting a dropped change stream (ms). */
  reconnectMs?: number;
  /** Called when the change stream connects (`true`) or drops (`false`). */
  onConnectionChange?: (connected: boolean) => void;
}

/** A refusal from the studio server (`{ error: { code, message, hint } }`). */
export class StudioRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'StudioRequestError';
  }
}

export interface HttpWorkspaceClient extends WorkspaceApi {
  /** Stops the change stream; the client is unusable for `watch` afterwards. */
  close(): void;
}

/**
 * Reads the token from `?token=` (first load) or sessionStorage (reloads), then removes it from
 * the address bar so it is not bookmarked or shared by accident.
 */
export function studioConnectionFromLocation(
  location: Pick<Location, 'origin' | 'href'>,
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.sessionStorage,
  history: Pick<History, 'replaceState'> | undefined = globalThis.history,
): StudioConnection | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    history?.replaceState(null, '', url.pathname + url.search + url.hash);
    return { baseUrl: location.origin, token: fromUrl };
  }
  const stored = storage?.getItem(TOKEN_STORAGE_KEY);
  return stored ? { baseUrl: location.origin, token: stored } : null;
}

export function createHttpWorkspaceClient(options: HttpWorkspaceClientOptions): HttpWorkspaceClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');
  const listeners = new Set<(change: WorkspaceChange) => void>();
  let stream: AbortController | undefined;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Last known hash per path, so a reconnect can report what changed while disconnected. */
  let known: Map<string, string> | undefined;

  async function request<T>(method: string, path: string, body?: unknown, okStatuses: number[] = [200]): Promise<T> {
    const response = await doFetch(`${base}${path}`, {
      method,
      headers: { [STUDIO_TOKEN_HEADER]: options.token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: 'no-store',
      credentials: 'omit',
    });
    const payload: unknown = await response.json().catch(() => null);
    // A refusal body (`{ error }`) is never a result, whatever the status.
    const refusal = typeof payload === 'object' && payload !== null && 'error' in payload;
    if (okStatuses.includes(response.status) && !refusal) return payload as T;
    const error = (payload as { error?: { code?: string; message?: string; hint?: string } } | null)?.error;
    throw new StudioRequestError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText, error?.hint);
  }

  function emit(change: WorkspaceChange): void {
    if (change.hash === null) known?.delete(change.path);
    else known?.set(change.path, change.hash);
    for (const listener of listeners) listener(change);
  }

  /** After a reconnect: compare the listing with what we knew and report the difference. */
  async function resync(): Promise<void> {
    const list = await request<ModelFileInfo[]>('GET', '/api/models');
    const previous = known;
    known = new Map(list.map((f) => [f.path, f.hash]));
    if (!previous) return;
    for (const [path, hash] of known) {
      const before = previous.get(path);
      if (before === undefined) emitOnly({ path, kind: 'added', hash });
      else if (before !== hash) emitOnly({ path, kind: 'changed', hash });
    }
    for (const path of previous.keys()) if (!known.has(path)) emitOnly({ path, kind: 'deleted', hash: null });
  }

  function emitOnly(change: WorkspaceChange): void {
    for (const listener of listeners) listener(change);
  }

  async function connect(): Promise<void> {
    reconnectTimer = undefined;
    const controller = new AbortController();
    stream = controller;
    try {
      const response = await doFetch(`${base}/api/events`, {
        headers: { [STUDIO_TOKEN_HEADER]: options.token, Accept: 'text/event-stream' },
        signal: controller.signal,
        cache: 'no-store',
        credentials: 'omit',
      });
      if (response.status !== 200 || !response.body) throw new Error(`change stream refused: HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary: number;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const event = parseFrame(frame);
          if (event?.type === 'ready') {
            options.onConnectionChange?.(true);
            await resync().catch(() => undefined);
          } else if (event?.type === 'change') {
            emit(JSON.parse(event.data) as WorkspaceChange);
          }
        }
      }
    } catch {
      // Dropped or refused: fall through to the reconnect below.
    }
    if (stream === controller) stream = undefined;
    if (!closed && listeners.size > 0) {
      options.onConnectionChange?.(false);
      reconnectTimer = setTimeout(() => void connect(), options.reconnectMs ?? 1_000);
    }
  }

  return {
    info: () => request<WorkspaceInfo>('GET', '/api/info'),
    listModels: () => request<ModelFileInfo[]>('GET', '/api/models'),
    openBoard: () => request<BoardSnapshot>('GET', '/api/board'),
    readModel: (path) => request<ModelFileContent>('GET', `/api/model?path=${encodeURIComponent(path)}`),
    writeModel: (path, text, expectedHash) =>
      request<WriteResult>('PUT', '/api/model', { path, text, ...(expectedHash === undefined ? {} : { expectedHash }) }, [200, 409, 500]).catch(
        (error: unknown): WriteResult => {
          // The server answers read-only and too-large writes as 4xx refusals; the editor sees them
          // as a failed write (document stays dirty), the same result the desktop app returns.
          if (error instanceof StudioRequestError && (error.code === 'E_READ_ONLY' || error.code === 'E_TOO_LARGE')) return { ok: false, reason: 'error', message: error.message };
          throw error;
        },
      ),
    previewGeneration: () => request<GenerationPreview>('POST', '/api/generation/preview', {}),
    runGeneration: () => request<GenerationPreview>('POST', '/api/generation/run', {}),
    compareWith: (ref) => request<ModelComparison>('POST', '/api/compare', { ref }),
    watch(listener) {
      listeners.add(listener);
      if (!stream && !closed && reconnectTimer === undefined) void connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.abort();
          stream = undefined;
          clearTimeout(reconnectTimer);
          reconnectTimer = undefined;
        }
      };
    },
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      stream?.abort();
      listeners.clear();
    },
  };
}

function parseFrame(frame: string): { type: string; data: string } | null {
  let type = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { type, data: data.join('\n') } : null;
}
