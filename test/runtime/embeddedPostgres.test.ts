import pg from 'pg';
import { describe, expect, it } from 'vitest';
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
