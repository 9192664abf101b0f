// Issue 8 runtime operations on real PostgreSQL: dead letters (list, retry, drop) and lag.
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDeadLetters, listDeadLetters, retryDeadLetters } from '../../templates/runtime/src/runtime/deadLetterOps.js';
import { ensureDeadLetterTable, withDeadLetter, type TransactionalContext } from '../../templates/runtime/src/runtime/deadLetters.js';
import { readProcessorsLag } from '../../templates/runtime/src/runtime/lag.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream, renewed, returned, type LoanEvent } from './fixtures/loans.js';
import { query } from './sql.js';
import { runToEnd } from './runToEnd.js';

const postgres = usePostgres('operations');

describe('dead-letter operations', () => {
  let url: string;
  let store: PostgresEventStore;
  let fixed = false;

  // The policy's handler: records the loan, but is buggy for renewals until "fixed".
  const remind = async (event: LoanEvent, context: TransactionalContext) => {
    await context.connection.client.query('INSERT INTO reminders (loan_id) VALUES ($1)', [event.data.loanId]);
    if (event.type === 'LoanRenewed' && !fixed) throw new Error('renewals are not supported yet');
  };

  beforeAll(async () => {
    url = await postgres.createDatabase('dlq_ops');
    store = getPostgreSQLEventStore(url);
    await store.schema.migrate();
    await query(url, 'CREATE TABLE reminders (loan_id TEXT NOT NULL)');
    await ensureDeadLetterTable(url);
    await ensureDeadLetterTable(url); // idempotent
    expect(await listDeadLetters(url)).toEqual([]);
    await store.appendToStream(loanStream('a'), [borrowed('a', 'm')]);
    await store.appendToStream(loanStream('b'), [renewed('b')]);
    await store.appendToStream(loanStream('c'), [borrowed('c', 'm')]);
    await runToEnd(() => {
      const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
      consumer.reactor<LoanEvent>({
        processorId: 'reminders',
        eachMessage: withDeadLetter<LoanEvent, TransactionalContext>(remind, {
          processorId: 'reminders',
          maxAttempts: 2,
          backoff: { initialDelayMs: 1 },
          onDeadLetter: () => undefined,
        }),
      });
      return consumer;
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('lists the poison event with what failed, and processing went on past it', async () => {
    const letters = await listDeadLetters(url);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      processorId: 'reminders',
      messageType: 'LoanRenewed',
      streamName: loanStream('b'),
      streamPosition: 1n,
      attempts: 2,
      errorMessage: 'renewals are not supported yet',
      data: { loanId: 'b' },
    });
    const reminded = await query<{ loan_id: string }>(url, 'SELECT loan_id FROM reminders ORDER BY loan_id');
    expect(reminded.map((row) => row.loan_id)).toEqual(['a', 'c']);
    expect(await listDeadLetters(url, { processorId: 'someone-else' })).toEqual([]);
  });

  it('dry runs change nothing', async () => {
    const [letter] = await listDeadLetters(url);
    expect(await dropDeadLetters(url, { processorId: 'reminders', dryRun: true })).toEqual({
      dryRun: true,
      dropped: [letter!.id],
    });
    expect(await retryDeadLetters(url, { processorId: 'reminders', handler: remind, dryRun: true })).toMatchObject({
      dryRun: true,
      succeeded: [letter!.id],
    });
    expect(await listDeadLetters(url)).toHaveLength(1);
  });

  it('a retry that still fails is rolled back and counted', async () => {
    const [letter] = await listDeadLetters(url);
    const result = await retryDeadLetters(url, { processorId: 'reminders', handler: remind });
    expect(result.failed).toEqual([{ id: letter!.id, error: 'renewals are not supported yet' }]);
    expect((await listDeadLetters(url))[0]?.attempts).toBe(3);
    expect(await query(url, "SELECT 1 FROM reminders WHERE loan_id = 'b'")).toEqual([]);
  });

  it('after the fix, retry drains the table and applies the event exactly once', async () => {
    fixed = true;
    const [letter] = await listDeadLetters(url);
    const result = await retryDeadLetters(url, { processorId: 'reminders', handler: remind });
    expect(result).toEqual({ dryRun: false, succeeded: [letter!.id], failed: [] });
    expect(await listDeadLetters(url)).toEqual([]);
    expect(await query(url, "SELECT loan_id FROM reminders WHERE loan_id = 'b'")).toEqual([{ loan_id: 'b' }]);
    expect((await retryDeadLetters(url, { processorId: 'reminders', handler: remind })).succeeded).toEqual([]);
  });

  it('drop needs a processor and deletes only its letters', async () => {
    await expect(dropDeadLetters(url, {})).rejects.toThrow(/processorId is required/);
    await query(
      url,
      `INSERT INTO stormsmith_dead_letters (processor_id, message_id, message_type, stream_name, stream_position,
         global_position, data, metadata, attempts, error_message)
       VALUES ('p1', 'x', 'T', 's-1', 1, 1, '{}', '{}', 1, 'e'), ('p2', 'y', 'T', 's-1', 2, 2, '{}', '{}', 1, 'e')`,
    );
    const result = await dropDeadLetters(url, { processorId: 'p1' });
    expect(result.dropped).toHaveLength(1);
    expect((await listDeadLetters(url)).map((letter) => letter.processorId)).toEqual(['p2']);
  });
});

describe('processor lag', () => {
  it('matches the number of events the processor then actually handles', async () => {
    const url = await postgres.createDatabase('lag');
    const store = getPostgreSQLEventStore(url);
    const handled: string[] = [];
    const catchUp = async () => {
      await runToEnd(() => {
        const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
        consumer.reactor<LoanEvent>({
          processorId: 'borrowings',
          canHandle: ['BookBorrowed'],
          eachMessage: (event) => {
            handled.push(event.data.loanId);
          },
        });
        return consumer;
      });
    };
    const lag = async () =>
      (await readProcessorsLag(url, [{ processorId: 'borrowings', eventTypes: ['BookBorrowed'] }, { processorId: 'never-ran' }]));
    try {
      expect((await lag())[0]).toMatchObject({ checkpoint: null, headPosition: null, eventsBehind: 0 });

      await store.appendToStream(loanStream('l1'), [borrowed('l1', 'm'), returned('l1', 'm')]);
      await store.appendToStream(loanStream('l2'), [borrowed('l2', 'm')]);
      let [borrowings, neverRan] = await lag();
      expect(borrowings).toMatchObject({ checkpoint: null, eventsBehind: 2, deadLetters: 0 });
      expect(neverRan).toMatchObject({ checkpoint: null, eventsBehind: 3 });

      await catchUp();
      expect(handled).toEqual(['l1', 'l2']);
      [borrowings] = await lag();
      expect(borrowings?.eventsBehind).toBe(0);
      // Caught up although the newest event (a renewal) is one it does not handle.
      await store.appendToStream(loanStream('l1'), [renewed('l1')]);
      [borrowings] = await lag();
      expect(borrowings?.eventsBehind).toBe(0);
      expect(borrowings?.headPosition).toBeGreaterThan(borrowings?.checkpoint ?? 0n);

      await store.appendToStream(loanStream('l3'), [borrowed('l3', 'm')]);
      await store.appendToStream(loanStream('l4'), [borrowed('l4', 'm'), renewed('l4')]);
      [borrowings] = await lag();
      const behind = borrowings?.eventsBehind;
      handled.length = 0;
      await catchUp();
      expect(behind).toBe(handled.length);
      expect(behind).toBe(2);
    } finally {
      await store.close();
    }
  });
});
