// Issue 13 (1): a strongly consistent (inline) read model keyed ACROSS streams loses updates under
// concurrent commands: 20 loans for one member on 20 streams, each transaction reads the member's
// document before the others committed, and the last writer wins.
import { DeciderCommandHandler } from '@event-driven-io/emmett';
import { projections } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, pongoMultiStreamProjection, type PostgreSQLProjectionDefinition } from '@event-driven-io/emmett-postgresql';
import { enforceStreamCreation } from '../../templates/runtime/src/runtime/streamCreation.js';
import { describe, expect, it } from 'vitest';
import { lockDocuments } from '../../templates/runtime/src/runtime/documentLocks.js';
import { createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { usePostgres } from '../support/postgres.js';
import { loanDecider, loanStream, type LoanEvent } from './fixtures/loans.js';
import { pongoDocument } from './sql.js';

type LoansOfMember = { loans: number };
const RACING_MEMBER = 'm';
const memberOf = (event: LoanEvent) => (event.data as { memberId: string }).memberId;
const loansOfMember = (beforeWrite: () => Promise<void> = async () => undefined) =>
  pongoMultiStreamProjection<LoansOfMember, LoanEvent>({
    collectionName: 'loans_of_member',
    canHandle: ['BookBorrowed'],
    getDocumentId: memberOf,
    evolve: async (doc: LoansOfMember | null, event: LoanEvent): Promise<LoansOfMember> => {
      // Only the racing member's writers meet at the barrier: the warm-up goes straight through.
      if (memberOf(event) === RACING_MEMBER) await beforeWrite();
      return { loans: (doc?.loans ?? 0) + 1 };
    },
  });

/**
 * Makes the race certain instead of likely (parties: the two racers): each evolve (the document already read) waits until
 * `parties` evolves have started, or `timeoutMs` passed (a writer that waits on a lock never
 * arrives; then the first one goes on alone).
 */
const barrier = (parties: number, timeoutMs = 10_000) => {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    if (++arrived >= parties) open();
    await Promise.race([opened, new Promise((r) => setTimeout(r, timeoutMs))]);
  };
};

const postgres = usePostgres('doc_locks');
const handle = DeciderCommandHandler({ ...loanDecider, mapToStreamId: loanStream, retry: { onVersionConflict: 3 } });
const ROUNDS = 3;
const CONCURRENT = 20;

/** ROUNDS rounds of CONCURRENT first loans for one member each; the counters the read model kept. */
const counters = async (projection: PostgreSQLProjectionDefinition<LoanEvent>, database: string) => {
  const url = await postgres.createDatabase(database);
  const store = createPostgresEventStore(url, { projections: [projection] });
  try {
    await store.schema.migrate();
    const counts: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const member = `member-${round}`;
      await Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) => handle(store, `${member}-loan-${i}`, { type: 'BorrowBook', data: { loanId: `${member}-loan-${i}`, memberId: member } })),
      );
      counts.push((await pongoDocument<LoansOfMember>(url, 'loans_of_member', member))?.loans ?? 0);
    }
    return counts;
  } finally {
    await store.close();
  }
};

describe('a strong read model keyed across streams under concurrent commands (issue 13, item 1)', () => {
  // Bare Emmett stores: createPostgresEventStore also orders appends (appendOrder.ts), whose lock
  // happens to serialise inline projections too; lockDocuments must hold without it.
  const twoConcurrentLoans = async (projection: PostgreSQLProjectionDefinition<LoanEvent>, database: string) => {
    const url = await postgres.createDatabase(database);
    const store = enforceStreamCreation(getPostgreSQLEventStore(url, { projections: projections.inline([projection]) }));
    try {
      await store.schema.migrate();
      // Pongo creates the collection's table in the first transaction that writes to it, which
      // serialises the first writers by accident: create it first, with another member.
      await handle(store, 'warm-up', { type: 'BorrowBook', data: { loanId: 'warm-up', memberId: 'other' } });
      await Promise.all(['l1', 'l2'].map((loanId) => handle(store, loanId, { type: 'BorrowBook', data: { loanId, memberId: RACING_MEMBER } })));
      return (await pongoDocument<LoansOfMember>(url, 'loans_of_member', RACING_MEMBER))?.loans;
    } finally {
      await store.close();
    }
  };

  it('bare inline projection: both transactions read the old document, one update is lost', async () => {
    expect(await twoConcurrentLoans(loansOfMember(barrier(2)), 'doc_locks_bare')).toBe(1);
  }, 60_000);

  it('lockDocuments: the second writer waits for the first and reads its result', async () => {
    const projection = lockDocuments(loansOfMember(barrier(2)), { collection: 'loans_of_member', documentId: memberOf });
    expect(await twoConcurrentLoans(projection, 'doc_locks_pair')).toBe(2);
  }, 60_000);

  it("lockDocuments with document ids that need quoting (the keys go out as literals): every update kept", async () => {
    const url = await postgres.createDatabase('doc_locks_quoted');
    const projection = lockDocuments(loansOfMember(), { collection: 'loans_of_member', documentId: memberOf });
    const store = enforceStreamCreation(getPostgreSQLEventStore(url, { projections: projections.inline([projection]) }));
    const members = ["o'brien", 'back\\slash', "q'; SELECT 1; --"];
    try {
      await store.schema.migrate();
      await handle(store, 'warm-up', { type: 'BorrowBook', data: { loanId: 'warm-up', memberId: 'other' } });
      await Promise.all(
        members.flatMap((memberId, m) =>
          Array.from({ length: 8 }, (_, i) => handle(store, `q${m}-${i}`, { type: 'BorrowBook', data: { loanId: `q${m}-${i}`, memberId } })),
        ),
      );
      for (const memberId of members) expect((await pongoDocument<LoansOfMember>(url, 'loans_of_member', memberId))?.loans).toBe(8);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('lockDocuments under load: 20 concurrent loans per member, every update kept', async () => {
    const counts = await counters(lockDocuments(loansOfMember(), { collection: 'loans_of_member', documentId: memberOf }), 'doc_locks_fixed');
    expect(counts).toEqual(Array.from({ length: ROUNDS }, () => CONCURRENT));
  }, 60_000);
});
