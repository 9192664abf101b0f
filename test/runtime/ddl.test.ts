// Issue 13, found by the two-instance soak: the runtime's tables are created with
// `CREATE TABLE IF NOT EXISTS`, which fails in the session that loses a concurrent creation
// (23505 on pg_type_typname_nsp_index), and the snapshot store kept that failure: every later
// command of that instance failed (25 of 80 in a fresh-clone CI run of the soak). Here another
// session creates each table and holds its transaction open until our creation is waiting on it,
// then commits: our creation must succeed, and a snapshotted load must work at once and after.
import type { Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { causationSQL, ensurePolicyOutcomes } from '../../templates/runtime/src/runtime/causation.js';
import { deadLetterTableSQL, ensureDeadLetterTable } from '../../templates/runtime/src/runtime/deadLetters.js';
import { ensureOutbox, outboxSQL } from '../../templates/runtime/src/runtime/outbox.js';
import { snapshotTableSQL, withSnapshots } from '../../templates/runtime/src/runtime/snapshots.js';
import { usePostgres } from '../support/postgres.js';

const postgres = usePostgres('ddl');

/** Runs `create` while another session's uncommitted transaction has created the same objects;
 * commits that transaction once `create` waits on it (seen in pg_stat_activity, not by time). */
const racingAnotherCreator = async <T>(url: string, sql: string, create: () => Promise<T>): Promise<T> => {
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    await other.query('BEGIN');
    await other.query(sql);
    const otherPid = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const outcome = create().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    try {
      for (let i = 0; i < 1200; i++) {
        const { rows } = await watcher.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> $1 AND wait_event_type = 'Lock'`,
          [otherPid],
        );
        if (Number(rows[0]!.n) > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await watcher.end();
    }
    await other.query('COMMIT');
    const settled = await outcome;
    if (!settled.ok) throw settled.error;
    return settled.value;
  } finally {
    await other.end();
  }
};

describe('runtime tables created next to another instance creating them', () => {
  it.each([
    ['dead letters', deadLetterTableSQL, ensureDeadLetterTable],
    ['policy outcomes', causationSQL, ensurePolicyOutcomes],
    ['outbox and inbox', outboxSQL, ensureOutbox],
  ] as const)('%s: the creation that waited succeeds', async (_name, sql, ensure) => {
    const url = await postgres.createDatabase('ddl_race');
    // The event store's schema first (the policy outcomes' index is on emt_messages).
    const store = getPostgreSQLEventStore(url);
    await store.schema.migrate();
    await store.close();
    await expect(racingAnotherCreator(url, sql, () => ensure(url))).resolves.toBeUndefined();
  });

  it('snapshots: the first snapshotted load succeeds, and so does every later one', async () => {
    const url = await postgres.createDatabase('ddl_snap');
    const emmett = getPostgreSQLEventStore(url);
    await emmett.appendToStream('account-1', [{ type: 'Deposited', data: { amount: 5 } }]);
    const store = withSnapshots(emmett, { connectionString: url, policyFor: () => ({ every: 1 }) });
    const load = () =>
      store.aggregateStream('account-1', {
        evolve: (state: { balance: number }, event: Event) => ({ balance: state.balance + Number(event.data.amount) }),
        initialState: () => ({ balance: 0 }),
      });
    try {
      await expect(racingAnotherCreator(url, snapshotTableSQL, load)).resolves.toMatchObject({ state: { balance: 5 } });
      await expect(load()).resolves.toMatchObject({ state: { balance: 5 } });
    } finally {
      await store.close();
    }
  });
});
