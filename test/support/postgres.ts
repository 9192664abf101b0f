// A real PostgreSQL for our own tests: one embedded server per test file (or the server named
// by DATABASE_URL), and a fresh database per `usePostgres()` call, dropped afterwards.
// It reuses the generated project's helper (templates/runtime/test/setup) so that helper is
// exercised by our suite too.
import { afterAll, beforeAll } from 'vitest';
import {
  createTestDatabase,
  dropTestDatabase,
  startEmbeddedPostgres,
  type RunningPostgres,
} from '../../templates/runtime/test/setup/embeddedPostgres.js';

export interface TestPostgres {
  /** Connection string of the fresh database (valid inside tests and hooks after beforeAll). */
  readonly connectionString: string;
  /** Connection string of the server's maintenance database, to create more databases. */
  readonly serverUrl: string;
  /** Another fresh database on the same server, dropped with the others in afterAll. */
  createDatabase(prefix?: string): Promise<string>;
}

/**
 * Registers beforeAll/afterAll hooks: starts PostgreSQL (unless DATABASE_URL is set), creates a
 * fresh database, and tears everything down at the end of the file.
 */
export const usePostgres = (prefix = 'stormsmith'): TestPostgres => {
  let server: RunningPostgres | undefined;
  let serverUrl: string | undefined;
  let connectionString: string | undefined;
  const databases: string[] = [];

  const createDatabase = async (databasePrefix = prefix) => {
    if (serverUrl === undefined) throw new Error('usePostgres: server not started yet');
    const url = await createTestDatabase(serverUrl, databasePrefix);
    databases.push(url);
    return url;
  };

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      serverUrl = process.env.DATABASE_URL;
    } else {
      server = await startEmbeddedPostgres({ reuseInitdb: true });
      serverUrl = server.serverUrl;
    }
    connectionString = await createDatabase();
  });

  afterAll(async () => {
    try {
      if (serverUrl !== undefined && process.env.DATABASE_URL) {
        for (const url of databases) await dropTestDatabase(serverUrl, url);
      }
    } finally {
      // A private server is thrown away whole, with its databases.
      await server?.stop();
    }
  });

  return {
    get connectionString() {
      if (connectionString === undefined) throw new Error('usePostgres: used before beforeAll ran');
      return connectionString;
    },
    get serverUrl() {
      if (serverUrl === undefined) throw new Error('usePostgres: used before beforeAll ran');
      return serverUrl;
    },
    createDatabase,
  };
};
