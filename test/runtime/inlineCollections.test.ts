// docs/adr/0054: an inline Pongo projection sends `CREATE TABLE IF NOT EXISTS` in every append
// transaction (Emmett 0.42.0 + pongo 0.16.11), and pongo's switch for it leaves the table
// uncreated because pongoProjection drops the projection's `init`. The runtime's
// createCollectionAtInit creates the collection at schema.migrate instead.
import { DeciderCommandHandler } from '@event-driven-io/emmett';
import { pongoMultiStreamProjection, pongoSingleStreamProjection } from '@event-driven-io/emmett-postgresql';
import { postgresSQLBuilder } from '@event-driven-io/pongo';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDocuments } from '../../templates/runtime/src/runtime/documentLocks.js';
import { createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { createCollectionAtInit, createdAtInit, pongoCollectionSQL } from '../../templates/runtime/src/runtime/inlineCollections.js';
import { usePostgres } from '../support/postgres.js';
import { loanDecider, loanStream, type LoanEvent } from './fixtures/loans.js';
import { pongoDocument, query } from './sql.js';

type LoansOfMember = { loans: number };
const memberOf = (event: LoanEvent) => (event.data as { memberId: string }).memberId;
const evolve = (doc: LoansOfMember | null): LoansOfMember => ({ loans: (doc?.loans ?? 0) + 1 });

const postgres = usePostgres('inline_coll');
const handle = DeciderCommandHandler({ ...loanDecider, mapToStreamId: loanStream, retry: { onVersionConflict: 3 } });
const borrow = (loanId: string, memberId: string) => ({ type: 'BorrowBook' as const, data: { loanId, memberId } });

/** Every statement text sent through pg while `run` runs (pools included). */
const statementsDuring = async (run: () => Promise<unknown>): Promise<string[]> => {
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    sent.push(typeof config === 'string' ? config : (config?.text ?? ''));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return sent;
};
const creates = (statements: string[]) => statements.filter((text) => /CREATE TABLE/i.test(text));
const tableExists = async (url: string, table: string) =>
  (await query<{ t: string | null }>(url, 'SELECT to_regclass($1)::text AS t', [table]))[0]?.t != null;

const stores: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

describe('inline Pongo collections are created once, at schema.migrate (docs/adr/0054)', () => {
  it('creates the table pongo would create (same DDL text as pongo 0.16.11)', () => {
    expect(pongoCollectionSQL('active_loans_by_member')).toBe(postgresSQLBuilder('active_loans_by_member').createCollection());
    expect(pongoCollectionSQL('Mixed Case')).toBe(postgresSQLBuilder('Mixed Case').createCollection());
  });

  it('bare Emmett 0.42: the inline projection sends CREATE TABLE in every append; with autoMigration None the table is never created', async () => {
    const url = await postgres.createDatabase('bare');
    const defaults = createPostgresEventStore(url, {
      projections: [pongoMultiStreamProjection<LoansOfMember, LoanEvent>({ collectionName: 'loans_default', canHandle: ['BookBorrowed'], getDocumentId: memberOf, evolve })],
    });
    stores.push(defaults);
    await defaults.schema.migrate();
    const sent = await statementsDuring(async () => {
      for (let i = 0; i < 4; i++) await handle(defaults, `d-${i}`, borrow(`d-${i}`, 'm'));
    });
    expect(creates(sent)).toHaveLength(4);

    const url2 = await postgres.createDatabase('bare_none');
    const none = createPostgresEventStore(url2, {
      projections: [
        pongoMultiStreamProjection<LoansOfMember, LoanEvent>({ collectionName: 'loans_none', canHandle: ['BookBorrowed'], getDocumentId: memberOf, evolve, collectionOptions: createdAtInit }),
      ],
    });
    stores.push(none);
    await none.schema.migrate();
    expect(await tableExists(url2, 'loans_none')).toBe(false);
    await expect(handle(none, 'n-1', borrow('n-1', 'm'))).rejects.toThrow(/relation "loans_none" does not exist/);
  });

  it('with createCollectionAtInit: the table exists after migrate and appends send no DDL (multi- and single-stream)', async () => {
    const url = await postgres.createDatabase('wrapped');
    const multi = createCollectionAtInit(
      lockDocuments(
        pongoMultiStreamProjection<LoansOfMember, LoanEvent>({ collectionName: 'loans_of_member', canHandle: ['BookBorrowed'], getDocumentId: memberOf, evolve, collectionOptions: createdAtInit }),
        { collection: 'loans_of_member', documentId: memberOf },
      ),
      'loans_of_member',
    );
    const single = createCollectionAtInit(
      pongoSingleStreamProjection<LoansOfMember, LoanEvent>({ collectionName: 'loan_summary', canHandle: ['BookBorrowed'], evolve, collectionOptions: createdAtInit }),
      'loan_summary',
    );
    const store = createPostgresEventStore(url, { projections: [multi, single] });
    stores.push(store);
    await store.schema.migrate();
    expect(await tableExists(url, 'loans_of_member')).toBe(true);
    expect(await tableExists(url, 'loan_summary')).toBe(true);
    const sent = await statementsDuring(() => Promise.all(Array.from({ length: 12 }, (_, i) => handle(store, `w-${i}`, borrow(`w-${i}`, 'm')))));
    expect(creates(sent)).toEqual([]);
    expect(await pongoDocument<LoansOfMember>(url, 'loans_of_member', 'm')).toMatchObject({ loans: 12 });
    expect(await pongoDocument<LoansOfMember>(url, 'loan_summary', loanStream('w-3'))).toMatchObject({ loans: 1 });
  });

  it('instances migrating a fresh database at once all start (the creation takes the runtime DDL lock)', async () => {
    const url = await postgres.createDatabase('together');
    const projection = () =>
      createCollectionAtInit(
        pongoMultiStreamProjection<LoansOfMember, LoanEvent>({ collectionName: 'loans_together', canHandle: ['BookBorrowed'], getDocumentId: memberOf, evolve, collectionOptions: createdAtInit }),
        'loans_together',
      );
    const instances = Array.from({ length: 4 }, () => createPostgresEventStore(url, { projections: [projection()] }));
    stores.push(...instances);
    // The cold-start guard runs schema.migrate before the first append of each instance.
    await Promise.all(instances.map((store, i) => handle(store, `t-${i}`, borrow(`t-${i}`, 'm'))));
    expect(await pongoDocument<LoansOfMember>(url, 'loans_together', 'm')).toMatchObject({ loans: 4 });
  });

  it('a creation racing another creator (an older instance creating the table per append) waits and succeeds', async () => {
    const url = await postgres.createDatabase('race');
    const store = createPostgresEventStore(url, {
      projections: [
        createCollectionAtInit(
          pongoMultiStreamProjection<LoansOfMember, LoanEvent>({ collectionName: 'loans_race', canHandle: ['BookBorrowed'], getDocumentId: memberOf, evolve, collectionOptions: createdAtInit }),
          'loans_race',
        ),
      ],
    });
    stores.push(store);
    // Another session creates the table and holds its transaction open until our creation waits on it.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(pongoCollectionSQL('loans_race'));
      const migrated = store.schema.migrate().then(
        () => ({ ok: true as const }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      for (let i = 0; i < 1200; i++) {
        const waiting = await query<{ n: string }>(url, `SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (Number(waiting[0]!.n) > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await other.query('COMMIT');
      expect(await migrated).toEqual({ ok: true });
    } finally {
      await other.end();
    }
    // And the store works (Emmett keeps a failed migration, so this would fail after a lost race).
    await handle(store, 'r-1', borrow('r-1', 'm'));
    expect(await pongoDocument<LoansOfMember>(url, 'loans_race', 'm')).toMatchObject({ loans: 1 });
  });
});
