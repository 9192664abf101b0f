// Issue 17 (5): a policy's typed read access to a read model (`reads:`), over the store its
// reactor runs on: the live PostgreSQL collection (blue/green aware), or the in-memory one in unit
// tests. Documents come back as the model's document, without Pongo's bookkeeping.
import { inMemoryMultiStreamProjection } from '@event-driven-io/emmett';
import { pongoMultiStreamProjection } from '@event-driven-io/emmett-postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveCollection } from '../../templates/runtime/src/runtime/blueGreen.js';
import { createInMemoryEventStore, createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { readModel } from '../../templates/runtime/src/runtime/readModels.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream, type BookBorrowed } from './fixtures/loans.js';

type Loans = { memberId: string; active: number };
const evolve = (doc: Loans | null, event: BookBorrowed): Loans => ({ memberId: event.data.memberId, active: (doc?.active ?? 0) + 1 });
const memberOf = (event: BookBorrowed) => event.data.memberId;

describe('readModel in memory', () => {
  it('reads the in-memory collection an inline projection writes, null for an unknown key', async () => {
    const store = createInMemoryEventStore({
      projections: [inMemoryMultiStreamProjection<Loans, BookBorrowed>({ collectionName: 'loans_by_member', canHandle: ['BookBorrowed'], getDocumentId: memberOf, evolve })],
    });
    await store.appendToStream(loanStream('a'), [borrowed('a', 'm1')]);
    await store.appendToStream(loanStream('b'), [borrowed('b', 'm1')]);
    const loans = readModel<Loans>(store, { collection: 'loans_by_member' });
    expect(await loans.get('m1')).toEqual({ memberId: 'm1', active: 2 });
    expect(await loans.get('nobody')).toBeNull();
  });
});

const postgres = usePostgres('read_models');

describe('readModel on PostgreSQL', () => {
  let store: ReturnType<typeof createPostgresEventStore>;
  beforeAll(async () => {
    store = createPostgresEventStore(postgres.connectionString, {
      projections: [pongoMultiStreamProjection<Loans, BookBorrowed>({ collectionName: 'loans_by_member', canHandle: ['BookBorrowed'], getDocumentId: memberOf, evolve })],
    });
    await store.schema.migrate();
  });
  afterAll(async () => store.close());

  it('reads a document of the live collection without Pongo bookkeeping; null before the table exists and for an unknown key', async () => {
    const live = (url: string) => liveCollection(url, 'Lending.LoansByMember', 'loans_by_member');
    const loans = readModel<Loans>(store, { collection: 'loans_by_member', live });
    const missingTable = readModel<Loans>(store, { collection: 'no_such_collection' });
    expect(await missingTable.get('m1')).toBeNull();
    await store.appendToStream(loanStream('a'), [borrowed('a', 'm1')]);
    await store.appendToStream(loanStream('b'), [borrowed('b', 'm1')]);
    expect(await loans.get('m1')).toEqual({ memberId: 'm1', active: 2 });
    expect(await loans.get('nobody')).toBeNull();
  });
});
