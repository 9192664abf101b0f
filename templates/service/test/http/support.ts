// The HTTP API on this file's own PostgreSQL database, listening on a free port, for the
// generated API tests. Your hooks and routes (src/extensions/) are part of it, with the
// configuration your src/extensions/config.ts reads from the environment.
import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createService } from '../../src/composition-root.js';
import { createHttpApp } from '../../src/http/app.js';
import { createLogger } from '../../src/runtime/index.js';
import { loadSettings } from '../../src/settings.js';
import { loadAppConfig } from '../../src/extensions/config.js';
import { useTestDatabase } from '../setup/database.js';

export type Response = { status: number; headers: Headers; body: any };

export type Api = {
  readonly connectionString: string;
  readonly service: ReturnType<typeof createService>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Types of the events stored in a stream (empty when it does not exist). */
  storedTypes(streamName: string): Promise<string[]>;
};

const parse = async (response: globalThis.Response): Promise<Response> => {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
};

/** Call at the top of a test file: the API from beforeAll on, closed afterAll. */
export const useApi = (prefix: string): (() => Api) => {
  const database = useTestDatabase(prefix);
  let api: Api | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    const env = { ...process.env, DATABASE_URL: database.connectionString, PROCESSORS: 'none', LOG_LEVEL: 'silent' };
    const { settings, errors } = loadSettings(env);
    const config = loadAppConfig(env, (variable, message) => errors.push({ variable, message, hint: '' }));
    if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
    const service = createService({ connectionString: database.connectionString, logger: createLogger({ level: 'silent' }) });
    await service.eventStore.schema.migrate();
    await service.operations.prepare();
    app = await createHttpApp({ service, settings, config });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const json = { 'content-type': 'application/json' };
    api = {
      connectionString: database.connectionString,
      service,
      post: async (path, body, headers = {}) => parse(await fetch(base + path, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) })),
      get: async (path, headers = {}) => parse(await fetch(base + path, { headers })),
      storedTypes: async (streamName) => (await service.eventStore.readStream(streamName)).events.map((e) => e.type),
    };
  });
  afterAll(async () => {
    await app?.close();
    await api?.service.stop();
  });
  return () => {
    if (api === undefined) throw new Error('useApi: used before beforeAll ran');
    return api;
  };
};

/** A fresh aggregate id per case, so cases never share a stream. */
export const freshId = (): string => crypto.randomUUID();
