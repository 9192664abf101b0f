// §6.1: an inline projection receives the whole appended batch, foreign event types included.
import { projections } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, pongoMultiStreamProjection } from '@event-driven-io/emmett-postgresql';
import { getInMemoryEventStore, inMemoryMultiStreamProjection } from '@event-driven-io/emmett';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore, createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { onlyCanHandle } from '../../templates/runtime/src/runtime/projections.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream, returned, type LoanEvent } from './fixtures/loans.js';
import { pongoDocument } from './sql.js';

// Counts returns per member: declared for BookReturned ONLY.
type Returns = { returns: number; seen: string[] };
const countReturns = (doc: Returns | null, event: LoanEvent): Returns => ({
  returns: (doc?.returns ?? 0) + 1,
  seen: [...(doc?.seen ?? []), event.type],
});
const returnsByMember = () =>
  pongoMultiStreamProjection<Returns, LoanEvent>({
    collectionName: 'returns_by_member',
    canHandle: ['BookReturned'],
    getDocumentId: (event) => (event.data as { memberId: string }).memberId,
    evolve: countReturns,
  });

// A decider that borrows and returns in one command appends both events in one batch.
const oneBatch = [borrowed('l1', 'm1'), returned('l1', 'm1')];

describe('onlyCanHandle on PostgreSQL (inline projection)', () => {
  const postgres = usePostgres('can_handle');

  it('bare Emmett 0.42.0 feeds the projection a foreign event of the same batch', async () => {
    const url = await postgres.createDatabase('can_handle_bare');
    const store = getPostgreSQLEventStore(url, { projections: projections.inline([returnsByMember()]) });
    try {
      await store.appendToStream(loanStream('l1'), oneBatch);
    } finally {
      await store.close();
    }
    const doc = await pongoDocument<Returns>(url, 'returns_by_member', 'm1');
    expect(doc).toMatchObject({ returns: 2, seen: ['BookBorrowed', 'BookReturned'] });
  });

  it('with onlyCanHandle the projection sees only the events it declared', async () => {
    const url = postgres.connectionString;
    const store = createPostgresEventStore(url, { projections: [returnsByMember()] });
    try {
      await store.appendToStream(loanStream('l1'), oneBatch);
      // A batch with nothing for the projection must not touch it at all.
      await store.appendToStream(loanStream('l2'), [borrowed('l2', 'm2')]);
    } finally {
      await store.close();
    }
    expect(await pongoDocument<Returns>(url, 'returns_by_member', 'm1')).toMatchObject({
      returns: 1,
      seen: ['BookReturned'],
    });
    expect(await pongoDocument<Returns>(url, 'returns_by_member', 'm2')).toBeNull();
  });
});

describe('onlyCanHandle on the in-memory store', () => {
  const inMemoryReturns = () =>
    inMemoryMultiStreamProjection<Returns, LoanEvent>({
      collectionName: 'returns_by_member',
      canHandle: ['BookReturned'],
      getDocumentId: (event) => (event.data as { memberId: string }).memberId,
      evolve: countReturns,
    });

  it('bare Emmett 0.42.0 leaks there too', async () => {
    const store = getInMemoryEventStore({ projections: projections.inline([inMemoryReturns()]) });
    await store.appendToStream(loanStream('l1'), oneBatch);
    const doc = await store.database.collection<Returns>('returns_by_member').findOne((d) => d.returns > 0);
    expect(doc).toMatchObject({ returns: 2 });
  });

  it('createInMemoryEventStore wraps every projection', async () => {
    const store = createInMemoryEventStore({ projections: [inMemoryReturns()] });
    await store.appendToStream(loanStream('l1'), oneBatch);
    const doc = await store.database.collection<Returns>('returns_by_member').findOne((d) => d.returns > 0);
    expect(doc).toMatchObject({ returns: 1, seen: ['BookReturned'] });
  });

  it('keeps the definition otherwise intact', () => {
    const definition = returnsByMember();
    const wrapped = onlyCanHandle(definition);
    expect(wrapped.name).toBe(definition.name);
    expect(wrapped.canHandle).toEqual(['BookReturned']);
    expect(wrapped.handle).not.toBe(definition.handle);
  });
});
