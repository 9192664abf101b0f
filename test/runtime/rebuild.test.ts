// §6.4: rebuilding with the live projector's processorId empties the read model.
import { pongoMultiStreamProjection, rebuildPostgreSQLProjections, getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { describe, expect, it } from 'vitest';
import { rebuildProjection, RebuildFailedError } from '../../templates/runtime/src/runtime/rebuild.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream, returned, type LoanEvent } from './fixtures/loans.js';
import { pongoDocuments, query } from './sql.js';

type ActiveLoans = { active: number };
const activeLoansByMember = (options: { failOn?: string } = {}) =>
  pongoMultiStreamProjection<ActiveLoans, LoanEvent>({
    collectionName: 'active_loans_by_member',
    canHandle: ['BookBorrowed', 'BookReturned'],
    getDocumentId: (event) => (event.data as { memberId: string }).memberId,
    evolve: (doc: ActiveLoans | null, event: LoanEvent): ActiveLoans => {
      if (event.data.loanId === options.failOn) throw new Error(`cannot project ${event.data.loanId}`);
      return { active: (doc?.active ?? 0) + (event.type === 'BookBorrowed' ? 1 : -1) };
    },
  });

const withoutBookkeeping = (docs: Record<string, ActiveLoans>) =>
  Object.fromEntries(Object.entries(docs).map(([id, doc]) => [id, { active: doc.active }]));

/** Runs the live async projector (Emmett's default processorId) until it has caught up. */
const runLiveProjector = async (connectionString: string) => {
  const store = getPostgreSQLEventStore(connectionString);
  try {
    const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
    consumer.projector<LoanEvent>({ projection: activeLoansByMember() });
    await consumer.start();
    await consumer.stop();
  } finally {
    await store.close();
  }
};

const appendLoans = async (connectionString: string, loans: [string, string][], returnedLoans: [string, string][] = []) => {
  const store = getPostgreSQLEventStore(connectionString);
  try {
    for (const [loanId, memberId] of loans) await store.appendToStream(loanStream(loanId), [borrowed(loanId, memberId)]);
    for (const [loanId, memberId] of returnedLoans) await store.appendToStream(loanStream(loanId), [returned(loanId, memberId)]);
  } finally {
    await store.close();
  }
};

describe('rebuilding an async projection on PostgreSQL', () => {
  const postgres = usePostgres('rebuild');

  it('bare Emmett 0.42.0: rebuild with the default (live) processorId leaves the read model empty', async () => {
    const url = await postgres.createDatabase('rebuild_bare');
    await appendLoans(url, [['l1', 'm1'], ['l2', 'm1'], ['l3', 'm2']]);
    await runLiveProjector(url);
    expect(withoutBookkeeping(await pongoDocuments<ActiveLoans>(url, 'active_loans_by_member'))).toEqual({
      m1: { active: 2 },
      m2: { active: 1 },
    });

    const rebuild = rebuildPostgreSQLProjections<LoanEvent>({ connectionString: url, projection: activeLoansByMember() });
    await rebuild.start();
    await rebuild.close();
    expect(await pongoDocuments(url, 'active_loans_by_member')).toEqual({});
  });

  it('rebuildProjection yields the live read model, and the live projector then neither replays nor skips', async () => {
    const url = postgres.connectionString;
    await appendLoans(url, [['l1', 'm1'], ['l2', 'm1'], ['l3', 'm2']], [['l2', 'm1']]);
    await runLiveProjector(url);
    const live = withoutBookkeeping(await pongoDocuments<ActiveLoans>(url, 'active_loans_by_member'));
    expect(live).toEqual({ m1: { active: 1 }, m2: { active: 1 } });

    // The live projector falls behind (stopped), and the read model gets corrupted as a buggy
    // projection would have done; then we rebuild.
    await appendLoans(url, [['l4', 'm2']]);
    await query(url, `UPDATE active_loans_by_member SET data = jsonb_set(data, '{active}', '42')`);
    const result = await rebuildProjection({ connectionString: url, projection: activeLoansByMember() });
    const rebuilt = { m1: { active: 1 }, m2: { active: 2 } };
    expect(withoutBookkeeping(await pongoDocuments<ActiveLoans>(url, 'active_loans_by_member'))).toEqual(rebuilt);
    expect(result.rebuildProcessorId).toMatch(/^emt:processor:projector:.+:rebuild:/);
    const last = await query<{ p: string }>(url, 'SELECT max(global_position)::text AS p FROM emt_messages');
    expect(result.checkpoint).toBe(BigInt(last[0]!.p));
    expect(await query(url, 'SELECT 1 FROM emt_processors WHERE processor_id = $1', [result.rebuildProcessorId])).toEqual([]);

    // Restarted, the live projector must not replay l4 (already in the rebuilt model) ...
    await runLiveProjector(url);
    expect(withoutBookkeeping(await pongoDocuments<ActiveLoans>(url, 'active_loans_by_member'))).toEqual(rebuilt);
    // ... and must pick up what comes next.
    await appendLoans(url, [['l5', 'm2']], [['l1', 'm1']]);
    await runLiveProjector(url);
    expect(withoutBookkeeping(await pongoDocuments<ActiveLoans>(url, 'active_loans_by_member'))).toEqual({
      m1: { active: 0 },
      m2: { active: 3 },
    });
  });

  it('a failing rebuild is reported, and the live checkpoint is left alone', async () => {
    const url = await postgres.createDatabase('rebuild_fail');
    await appendLoans(url, [['l1', 'm1'], ['bad', 'm1']]);
    await runLiveProjector(url);
    const before = await query(url, 'SELECT processor_id, last_processed_checkpoint FROM emt_processors ORDER BY 1');
    await expect(
      rebuildProjection({ connectionString: url, projection: activeLoansByMember({ failOn: 'bad' }) }),
    ).rejects.toThrow(RebuildFailedError);
    const after = await query(url, 'SELECT processor_id, last_processed_checkpoint FROM emt_processors WHERE processor_id NOT LIKE $1 ORDER BY 1', ['%:rebuild:%']);
    expect(after).toEqual(before);
  });
});
