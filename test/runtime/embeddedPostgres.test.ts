import { chmod, chown, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isTrustedTemplate } from '../../templates/runtime/test/setup/embeddedPostgres.js';
import { usePostgres } from '../support/postgres.js';

describe('test PostgreSQL helper', () => {
  const postgres = usePostgres('helper');

  it('gives each database its own name on one server', async () => {
    const other = await postgres.createDatabase('helper_other');
    expect(new URL(other).pathname).not.toBe(new URL(postgres.connectionString).pathname);
    const client = new pg.Client({ connectionString: postgres.connectionString });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string; v: string }>(
        "SELECT current_database() AS db, current_setting('server_version_num') AS v",
      );
      expect(rows[0]?.db).toBe(decodeURIComponent(new URL(postgres.connectionString).pathname.slice(1)));
      expect(Number(rows[0]?.v)).toBeGreaterThanOrEqual(150000);
    } finally {
      await client.end();
    }
  });
});

// The initdb template lives in the shared temp dir and is copied into every generated service's
// test server: one planted by someone else must be ignored.
describe('initdb template trust', () => {
  const root = mkdtemp(join(tmpdir(), 'template-trust-'));
  afterAll(async () => rm(await root, { recursive: true, force: true }));

  it('uses a directory of its own that only it can write', async () => {
    const own = join(await root, 'own');
    await mkdir(own, { mode: 0o700 });
    expect(await isTrustedTemplate(own)).toBe(true);
  });

  it('ignores a directory others can write, a link, a file and a missing path', async () => {
    const open = join(await root, 'open');
    await mkdir(open);
    await chmod(open, 0o777);
    const link = join(await root, 'link');
    await symlink(join(await root, 'own'), link);
    expect(await isTrustedTemplate(open)).toBe(false);
    expect(await isTrustedTemplate(link)).toBe(false);
    expect(await isTrustedTemplate(join(await root, 'missing'))).toBe(false);
  });

  it.runIf(process.getuid?.() === 0)('ignores a directory another account owns', async () => {
    const foreign = join(await root, 'foreign');
    await mkdir(foreign, { mode: 0o700 });
    await chown(foreign, 65534, 65534);
    expect(await isTrustedTemplate(foreign)).toBe(false);
  });
});
