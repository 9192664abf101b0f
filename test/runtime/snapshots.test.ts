// Issue 8: snapshots for long-lived aggregates, on real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { CommandHandler, type Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVersionConflict } from '../../templates/runtime/src/runtime/errors.js';
import { createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { snapshotPolicyByStreamType, withSnapshots } from '../../templates/runtime/src/runtime/snapshots.js';
import { usePostgres } from '../support/postgres.js';
import { query } from './sql.js';

// An order-sensitive fold, so that a wrong start point or a skipped/duplicated event shows.
type Deposited = Event<'Deposited', { amount: number }>;
type Withdrawn = Event<'Withdrawn', { amount: number }>;
type Frozen = Event<'Frozen', { reason: string }>;
type AccountEvent = Deposited | Withdrawn | Frozen;
type Account = { balance: number; operations: number; frozen: boolean; recent: string[] };

const initialState = (): Account => ({ balance: 0, operations: 0, frozen: false, recent: [] });
let folded = 0;
const evolve = (state: Account, event: AccountEvent): Account => {
  folded++;
  const recent = [...state.recent, `${event.type}:${'amount' in event.data ? event.data.amount : event.data.reason}`].slice(-3);
  switch (event.type) {
    case 'Deposited':
      return { ...state, balance: state.balance * 2 + event.data.amount, operations: state.operations + 1, recent };
    case 'Withdrawn':
      return { ...state, balance: state.balance - event.data.amount, operations: state.operations + 1, recent };
    case 'Frozen':
      return { ...state, frozen: !state.frozen, recent };
  }
};

const anEvent: fc.Arbitrary<AccountEvent> = fc.oneof(
  fc.integer({ min: 1, max: 50 }).map((amount): AccountEvent => ({ type: 'Deposited', data: { amount } })),
  fc.integer({ min: 1, max: 50 }).map((amount): AccountEvent => ({ type: 'Withdrawn', data: { amount } })),
  fc.constantFrom('audit', 'fraud').map((reason): AccountEvent => ({ type: 'Frozen', data: { reason } })),
);

const postgres = usePostgres('snapshots');

describe('snapshots on PostgreSQL', () => {
  let url: string;
  let bare: PostgresEventStore;
  beforeAll(() => {
    url = postgres.connectionString;
    bare = getPostgreSQLEventStore(url);
  });
  afterAll(async () => {
    await bare?.close();
  });

  it('premise: readStream from past the end reports version 0n, so a naive snapshot load would lose the version', async () => {
    const stream = `account-${randomUUID()}`;
    await bare.appendToStream<AccountEvent>(stream, [{ type: 'Deposited', data: { amount: 1 } }]);
    const after = await bare.readStream<AccountEvent>(stream, { from: 2n });
    expect(after).toMatchObject({ currentStreamVersion: 0n, streamExists: false, events: [] });
  });

  it('a load from the newest snapshot equals a fold of the whole stream (property, random streams)', async () => {
    let every = 1;
    const store = withSnapshots(getPostgreSQLEventStore(url), { connectionString: url, policyFor: () => ({ every }) });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(anEvent, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
          fc.integer({ min: 1, max: 4 }),
          async (chunks, snapshotEvery) => {
            every = snapshotEvery;
            const stream = `account-${randomUUID()}`;
            for (const chunk of chunks) {
              // Load (which writes snapshots), then append at the version the load reported: an
              // append at a wrong expected version fails with a conflict.
              const loaded = await store.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState });
              await store.appendToStream<AccountEvent>(stream, chunk, {
                expectedStreamVersion: loaded.streamExists ? loaded.currentStreamVersion : 0n,
              });
            }
            const fromSnapshot = await store.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState });
            const whole = await bare.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState });
            expect(fromSnapshot).toEqual(whole);
            // Loading again with nothing new gives the same result (version from the snapshot).
            expect(await store.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState })).toEqual(whole);
          },
        ),
        { numRuns: 20, seed: 20261126 },
      );
      // The property exercised snapshots, not only whole-stream folds.
      const used = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM stormsmith_snapshots');
      expect(used[0]!.n).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('folds only the events after the snapshot, and keeps version conflicts', async () => {
    const stream = `account-${randomUUID()}`;
    const store = withSnapshots(createPostgresEventStore(url), {
      connectionString: url,
      policyFor: snapshotPolicyByStreamType({ account: { every: 5 } }),
    });
    try {
      const events: AccountEvent[] = Array.from({ length: 12 }, (_, i) => ({ type: 'Deposited', data: { amount: i + 1 } }));
      await store.appendToStream(stream, events);
      await store.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState }); // writes the snapshot at 12
      expect(await query(url, 'SELECT stream_version::int AS v FROM stormsmith_snapshots WHERE stream_name = $1', [stream])).toEqual([
        { v: 12 },
      ]);
      await store.appendToStream<AccountEvent>(stream, [{ type: 'Withdrawn', data: { amount: 3 } }]);
      folded = 0;
      const loaded = await store.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState });
      expect(folded).toBe(1);
      expect(loaded.currentStreamVersion).toBe(13n);
      expect(loaded.state).toEqual((await bare.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState })).state);

      // CommandHandler over the snapshotting store: same outcome, and a stale expected version is refused.
      const handle = CommandHandler<Account, AccountEvent>({ evolve, initialState });
      const result = await handle(store, stream, (state) => ({ type: 'Withdrawn', data: { amount: state.operations } }));
      expect(result.nextExpectedStreamVersion).toBe(14n);
      const stale = await handle(store, stream, () => ({ type: 'Frozen', data: { reason: 'audit' } }), {
        expectedStreamVersion: 13n,
      }).then(() => undefined, (error: unknown) => error);
      expect(isVersionConflict(stale)).toBe(true);
      // A stream type without a policy is loaded the ordinary way.
      expect(snapshotPolicyByStreamType({ account: { every: 5 } })('loan-1')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('ignores snapshots of another state schema version', async () => {
    const stream = `account-${randomUUID()}`;
    await bare.appendToStream<AccountEvent>(stream, [
      { type: 'Deposited', data: { amount: 1 } },
      { type: 'Deposited', data: { amount: 2 } },
    ]);
    await query(
      url,
      `INSERT INTO stormsmith_snapshots (stream_name, schema_version, stream_version, state) VALUES ($1, 1, 2, '{"balance": 999, "operations": 0, "frozen": false, "recent": []}')`,
      [stream],
    );
    // every: 2, so the stream is long enough to have its snapshot looked up.
    const v1 = withSnapshots(getPostgreSQLEventStore(url), { connectionString: url, policyFor: () => ({ every: 2, schemaVersion: 1 }) });
    const v2 = withSnapshots(getPostgreSQLEventStore(url), { connectionString: url, policyFor: () => ({ every: 2, schemaVersion: 2 }) });
    try {
      expect((await v1.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState })).state.balance).toBe(999);
      expect((await v2.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState })).state.balance).toBe(4);
    } finally {
      await v1.close();
      await v2.close();
    }
  });

  it('a load of a stream shorter than `every` (not in memory) sends no snapshot query: one statement, like a plain load (docs/adr/0054)', async () => {
    const stream = `account-${randomUUID()}`;
    await bare.appendToStream<AccountEvent>(stream, [{ type: 'Deposited', data: { amount: 1 } }, { type: 'Deposited', data: { amount: 2 } }]);
    const store = withSnapshots(getPostgreSQLEventStore(url), { connectionString: url, policyFor: () => ({ every: 5 }), memory: { maxStreams: 10 } });
    const sent: string[] = [];
    const original = pg.Client.prototype.query;
    try {
      await store.aggregateStream<Account, AccountEvent>(`account-${randomUUID()}`, { evolve, initialState }); // pools and schema up
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const config = args[0] as string | { text?: string };
        sent.push(typeof config === 'string' ? config : (config?.text ?? ''));
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      const loaded = await store.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState });
      const fresh = await store.aggregateStream<Account, AccountEvent>(`account-${randomUUID()}`, { evolve, initialState });
      pg.Client.prototype.query = original;
      expect(loaded).toEqual(await bare.aggregateStream<Account, AccountEvent>(stream, { evolve, initialState }));
      expect(fresh).toMatchObject({ currentStreamVersion: 0n, streamExists: false });
      expect(sent.filter((text) => text.includes('stormsmith_snapshots'))).toEqual([]);
      expect(sent).toHaveLength(2);
    } finally {
      pg.Client.prototype.query = original;
      await store.close();
    }
  });
});
