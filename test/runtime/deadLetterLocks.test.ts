// Issue 13 (6): the dead-letter writer ran `CREATE TABLE/INDEX IF NOT EXISTS` inside every batch
// transaction. CREATE INDEX IF NOT EXISTS takes a SHARE lock on the table even when the index
// exists, so a second batch writing a dead letter waits for the first batch's transaction to end
// (processors serialise), and two batches that both passed the DDL before inserting deadlock.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDeadLetterTable, writeDeadLetter, type StoredMessage } from '../../templates/runtime/src/runtime/deadLetters.js';
import { usePostgres } from '../support/postgres.js';
import { query } from './sql.js';

const postgres = usePostgres('dl_locks');

const message = (id: string, position: bigint): StoredMessage => ({
  type: 'BookBorrowed',
  data: { loanId: id },
  metadata: { messageId: id, streamName: `loan-${id}`, streamPosition: 1n, globalPosition: position },
});

describe('dead letters written by two open batch transactions', () => {
  const clients: pg.Client[] = [];
  beforeAll(async () => {
    // What the service's start-up (or ops migrate) does once.
    await ensureDeadLetterTable(postgres.connectionString);
    for (let i = 0; i < 2; i++) {
      const client = new pg.Client({ connectionString: postgres.connectionString });
      await client.connect();
      clients.push(client);
    }
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
  });

  it('the second writer does not wait for the first batch to commit', async () => {
    const [first, second] = clients as [pg.Client, pg.Client];
    await first.query('BEGIN');
    await second.query('BEGIN');
    // A waiting lock fails at once instead of hanging the test (what a serialised batch would do).
    await second.query(`SET LOCAL lock_timeout = '500ms'`);
    await writeDeadLetter(first, message('a', 1n), 'processor-a', 3, new Error('boom'));
    await expect(writeDeadLetter(second, message('b', 2n), 'processor-b', 3, new Error('boom'))).resolves.toBeUndefined();
    await second.query('COMMIT');
    await first.query('COMMIT');
    const rows = await query<{ processor_id: string }>(postgres.connectionString, 'SELECT processor_id FROM stormsmith_dead_letters ORDER BY id');
    expect(rows.map((row) => row.processor_id)).toEqual(['processor-a', 'processor-b']);
  });
});
