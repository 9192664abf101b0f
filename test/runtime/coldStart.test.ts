// Issue 13 (8): on a freshly created database, 10 or more concurrent commands hang forever in
// Emmett 0.42.0: each holds a pooled connection while waiting for the auto-migration, which needs
// one more connection from the same (default size 10) pool.
import { DeciderCommandHandler } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { guardPoolErrors } from '../../templates/runtime/src/runtime/pools.js';
import { usePostgres } from '../support/postgres.js';
import { loanDecider, loanStream } from './fixtures/loans.js';
import { query } from './sql.js';

const postgres = usePostgres('cold_start');
const handle = DeciderCommandHandler({ ...loanDecider, mapToStreamId: loanStream, retry: { onVersionConflict: 3 } });
const CONCURRENT = 12;

const concurrentFirstCommands = (store: PostgresEventStore) =>
  Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) =>
      handle(store, `loan-${i}`, { type: 'BorrowBook', data: { loanId: `loan-${i}`, memberId: 'm' } }),
    ),
  );

/** 'still running' if the commands have not settled after `ms` (a hang, given 12 tiny commands). */
const settledWithin = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then(() => 'settled' as const), new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms))]);

const database = (url: string) => new URL(url).pathname.slice(1);

describe('concurrent commands on a fresh database (issue 13, item 8)', () => {
  it('bare Emmett 0.42.0: every command hangs', async () => {
    const url = await postgres.createDatabase('cold_bare');
    const store = getPostgreSQLEventStore(url);
    guardPoolErrors(url, () => undefined); // so the clean-up below cannot crash the test process
    const commands = concurrentFirstCommands(store);
    commands.catch(() => undefined);
    expect(await settledWithin(commands, 5_000)).toBe('still running');
    // Clean-up: cut the stuck connections; the hung commands then fail.
    await query(url, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database(url)]);
    await settledWithin(store.close(), 2_000);
  }, 30_000);

  it('createPostgresEventStore: the schema is migrated before any command takes a connection', async () => {
    const url = await postgres.createDatabase('cold_fixed');
    const store = createPostgresEventStore(url);
    try {
      const results = await concurrentFirstCommands(store);
      expect(results.map((r) => r.nextExpectedStreamVersion)).toEqual(Array.from({ length: CONCURRENT }, () => 1n));
      const rows = await query<{ n: string }>(url, 'SELECT count(*)::text AS n FROM emt_messages');
      expect(rows[0]?.n).toBe(String(CONCURRENT));
    } finally {
      await store.close();
    }
  }, 30_000);

  it('an explicit schema.migrate() also orders appends, so the first command does not (docs/adr/0054)', async () => {
    const url = await postgres.createDatabase('cold_explicit');
    const store = createPostgresEventStore(url);
    try {
      await store.schema.migrate();
      const definition = await query<{ d: string }>(url, "SELECT pg_get_functiondef(p.oid) AS d FROM pg_proc p WHERE p.proname = 'emt_append_to_stream'");
      expect(definition).toHaveLength(1);
      expect(definition[0]!.d).toContain('stormsmith: append order');
    } finally {
      await store.close();
    }
  });
});
