// The start-up both soaks share (bench/soak/run.ts, bench/soak/shop.ts): an example model
// generated into a temporary folder with the hand-written logic of a test fixture copied over it
// and the repository's node_modules linked in, and a PostgreSQL server (DATABASE_URL's, or an
// embedded one). `close()` stops the embedded server and removes the folder.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplates } from '../../generator/emit/templates.js';
import { plan } from '../../generator/plan.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../templates/runtime/test/setup/embeddedPostgres.js';
import { loadExample, REPO_ROOT, writeFileMap } from '../../test/generated-project/support.js';

export type SoakSetup = {
  /** The generated service's folder. */
  dir: string;
  /** The server's maintenance database (createTestDatabase makes the soak's own). */
  serverUrl: string;
  close(): Promise<void>;
};

/** `example`: a folder of models/; `logic`: a folder of test/fixtures/ whose generated/ holds the logic files. */
export const setUpSoak = async (example: string, logic: string, prefix: string): Promise<SoakSetup> => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let server: RunningPostgres | undefined;
  const close = async () => {
    try {
      await server?.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    writeFileMap(await plan(loadExample(example), { templates: loadTemplates(), modelRoot: `models/${example}` }), dir);
    cpSync(join(REPO_ROOT, `test/fixtures/${logic}/generated`), dir, { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    let serverUrl = process.env.DATABASE_URL;
    if (serverUrl === undefined) {
      server = await startEmbeddedPostgres({ reuseInitdb: true });
      serverUrl = server.serverUrl;
    }
    return { dir, serverUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
};
