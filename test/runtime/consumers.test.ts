// §6.3: a throwing async handler silently stops the consumer. Fixes: dead letters + supervision.
import {
  getPostgreSQLEventStore,
  pongoMultiStreamProjection,
  readProcessorCheckpoint,
  type PostgresEventStore,
} from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  projectionWithDeadLetter,
  withDeadLetter,
  type TransactionalContext,
} from '../../templates/runtime/src/runtime/deadLetters.js';
import { onlyCanHandle } from '../../templates/runtime/src/runtime/projections.js';
import { superviseConsumer, type ConsumerStopReport } from '../../templates/runtime/src/runtime/supervisor.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream, renewed, type LoanEvent } from './fixtures/loans.js';
import { pongoDocument, query } from './sql.js';
import { runToEnd } from './runToEnd.js';

type Ctx = TransactionalContext;

/** A reactor body with a real side effect in the processor's transaction. */
const recordHandled = async (event: { type: string; data: { loanId: string } }, context: Ctx, table: string) => {
  await context.connection.client.query(`INSERT INTO ${table} (loan_id, type) VALUES ($1, $2)`, [
    event.data.loanId,
    event.type,
  ]);
};

const checkpointOf = async (connectionString: string, processorId: string) => {
  const pool = dumbo({ connectionString });
  try {
    return (await readProcessorCheckpoint(pool.execute, { processorId })).lastProcessedCheckpoint;
  } finally {
    await pool.close();
  }
};

/** Resolves with 'still running' if `promise` has not settled after `ms` (guards a premise). */
const settledWithin = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then(() => 'settled' as const), new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms))]);

const waitFor = async (condition: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

// Three loans; the second stream holds a poison event the handler cannot process.
const appendScenario = async (store: PostgresEventStore) => {
  await store.appendToStream(loanStream('a'), [borrowed('a', 'm')]);
  await store.appendToStream(loanStream('poison'), [renewed('poison')]);
  await store.appendToStream(loanStream('c'), [borrowed('c', 'm')]);
};

// One server for the file; each describe gets its own database.
const postgres = usePostgres('consumers');

describe('async consumers on PostgreSQL', () => {
  let url: string;
  let store: PostgresEventStore;

  beforeAll(async () => {
    url = postgres.connectionString;
    store = getPostgreSQLEventStore(url);
    await store.schema.migrate();
    for (const table of ['handled_bare', 'handled_dlq', 'handled_supervised']) {
      await query(url, `CREATE TABLE ${table} (loan_id TEXT NOT NULL, type TEXT NOT NULL)`);
    }
    await appendScenario(store);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('bare Emmett 0.42.0: a throwing handler stops the consumer silently and nothing advances', async () => {
    const consumer = store.consumer<LoanEvent>();
    const processor = consumer.reactor<LoanEvent>({
      processorId: 'bare',
      eachMessage: async (event, context) => {
        await recordHandled(event, context, 'handled_bare');
        if (event.data.loanId === 'poison') throw new Error('poison');
      },
    });
    const start = consumer.start();
    // The defect: start() resolves (no error) although the consumer was never asked to stop.
    expect(await settledWithin(start, 10_000)).toBe('settled');
    await expect(start).resolves.toBeUndefined();
    expect(processor.isActive).toBe(false);
    // The batch was rolled back: not even the good event before the poison one is recorded,
    // and the checkpoint did not move, so the event after it is never processed.
    expect(await query(url, 'SELECT * FROM handled_bare')).toEqual([]);
    expect((await checkpointOf(url, 'bare')) ?? 0n).toBe(0n);
    await consumer.stop();
  });

  it('withDeadLetter: retried, dead-lettered in the checkpoint transaction, processing continues', async () => {
    const attempts: string[] = [];
    const reports: unknown[] = [];
    await runToEnd(() => {
      const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
      consumer.reactor<LoanEvent>({
        processorId: 'with-dlq',
        eachMessage: withDeadLetter<LoanEvent, Ctx>(
          async (event, context) => {
            attempts.push(event.data.loanId);
            // Written before the throw: must be rolled back with the failed attempt.
            await recordHandled(event, context, 'handled_dlq');
            if (event.data.loanId === 'poison') throw new TypeError('cannot renew a poison loan');
          },
          { processorId: 'with-dlq', maxAttempts: 3, backoff: { initialDelayMs: 1 }, onDeadLetter: (r) => reports.push(r) },
        ),
      });
      return consumer;
    });

    // One batch: each failed attempt rolled it back (a's record too) and it was read again after
    // the backoff; the third attempt of the poison event was dead-lettered, then c ran.
    expect(attempts).toEqual(['a', 'poison', 'a', 'poison', 'a', 'poison', 'c']);
    const handled = await query<{ loan_id: string }>(url, 'SELECT loan_id FROM handled_dlq ORDER BY loan_id');
    expect(handled.map((row) => row.loan_id)).toEqual(['a', 'c']);
    const dead = await query<Record<string, unknown>>(
      url,
      'SELECT processor_id, message_type, stream_name, attempts, error_name, error_message, data FROM stormsmith_dead_letters',
    );
    expect(dead).toEqual([
      {
        processor_id: 'with-dlq',
        message_type: 'LoanRenewed',
        stream_name: loanStream('poison'),
        attempts: 3,
        error_name: 'TypeError',
        error_message: 'cannot renew a poison loan',
        data: { loanId: 'poison' },
      },
    ]);
    expect(reports).toHaveLength(1);
    const last = await query<{ p: string }>(url, 'SELECT max(global_position)::text AS p FROM emt_messages');
    expect(await checkpointOf(url, 'with-dlq')).toBe(BigInt(last[0]!.p));

  });

  it('superviseConsumer: restarts a silently stopped consumer, reports the swallowed error, loses nothing', async () => {
    let failuresLeft = 2; // a transient fault: the poison event fails twice, then succeeds
    const reports: ConsumerStopReport[] = [];
    const supervised = superviseConsumer(
      () => {
        const consumer = store.consumer<LoanEvent>({ pulling: { pullingFrequencyInMs: 20 } });
        consumer.reactor<LoanEvent>({
          processorId: 'supervised',
          eachMessage: async (event, context) => {
            if (event.data.loanId === 'poison' && failuresLeft-- > 0) throw new Error('database hiccup');
            await recordHandled(event, context, 'handled_supervised');
          },
        });
        return consumer;
      },
      { backoff: { initialDelayMs: 10 }, onStop: (report) => reports.push(report) },
    );
    try {
      await waitFor(
        async () => (await query(url, 'SELECT 1 FROM handled_supervised')).length === 3,
        'all three events handled',
      );
    } finally {
      await supervised.stop();
    }
    const handled = await query<{ loan_id: string }>(url, 'SELECT loan_id FROM handled_supervised ORDER BY loan_id');
    expect(handled.map((row) => row.loan_id)).toEqual(['a', 'c', 'poison']);
    expect(supervised.restarts).toBe(2);
    expect(reports.map((r) => [r.reason, r.restart, (r.error as Error).message])).toEqual([
      ['stopped', 1, 'database hiccup'],
      ['stopped', 2, 'database hiccup'],
    ]);
  });
});

describe('stopping a consumer while it starts', () => {
  const idleConsumer = (store: PostgresEventStore, processorId: string) => {
    const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
    consumer.reactor<LoanEvent>({ processorId, eachMessage: () => undefined });
    return consumer;
  };

  it('bare Emmett 0.42.0 fails with a TypeError and leaves the processor lease taken', async () => {
    const url = await postgres.createDatabase('stop_race_bare');
    const store = getPostgreSQLEventStore(url);
    try {
      await store.schema.migrate();
      const consumer = idleConsumer(store, 'race');
      const starting = consumer.start();
      const stopping = consumer.stop();
      await expect(stopping).rejects.toThrow(TypeError);
      await expect(starting).rejects.toThrow(TypeError);
      // The lease is still held, so the same processor cannot start again (default 'fail' policy).
      await expect(idleConsumer(store, 'race').start()).rejects.toThrow();
    } finally {
      await store.close();
    }
  });

  it('superviseConsumer waits for the start-up, then stops cleanly and releases the lease', async () => {
    const url = await postgres.createDatabase('stop_race_supervised');
    const store = getPostgreSQLEventStore(url);
    try {
      await store.schema.migrate();
      const supervised = superviseConsumer(() => {
        const consumer = store.consumer<LoanEvent>();
        consumer.reactor<LoanEvent>({ processorId: 'race', eachMessage: () => undefined });
        return consumer;
      });
      await supervised.stop();
      expect(supervised.restarts).toBe(0);
      const again = idleConsumer(store, 'race');
      await expect(again.start()).resolves.toBeUndefined();
      await again.stop();
    } finally {
      await store.close();
    }
  });
});

describe('dead letter and checkpoint atomicity', () => {
  it('when the checkpoint cannot be stored, the dead letter is rolled back with it', async () => {
    const url = await postgres.createDatabase('dlq_atomic');
    const store = getPostgreSQLEventStore(url);
    let attempts = 0;
    const run = async () => {
      // maxAttempts 1: no retry, so a plain run (whose failed commit stops it silently).
      const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
      consumer.reactor<LoanEvent>({
        processorId: 'atomic',
        eachMessage: withDeadLetter<LoanEvent, Ctx>(
          () => {
            attempts++;
            throw new Error('always fails');
          },
          { processorId: 'atomic', maxAttempts: 1, onDeadLetter: () => undefined },
        ),
      });
      await consumer.start();
      await consumer.stop();
    };
    try {
      await store.schema.migrate();
      await store.appendToStream(loanStream('x'), [borrowed('x', 'm')]);
      // Make every checkpoint move fail while the flag table holds a row.
      await query(
        url,
        `CREATE TABLE fail_checkpoints (on_ boolean);
         CREATE FUNCTION refuse_checkpoint() RETURNS trigger AS $$
         BEGIN
           IF EXISTS (SELECT 1 FROM fail_checkpoints) AND NEW.last_processed_checkpoint IS DISTINCT FROM OLD.last_processed_checkpoint THEN
             RAISE EXCEPTION 'checkpoint store refused';
           END IF;
           RETURN NEW;
         END $$ LANGUAGE plpgsql;
         CREATE TRIGGER refuse_checkpoint BEFORE UPDATE ON emt_processors FOR EACH ROW EXECUTE FUNCTION refuse_checkpoint();
         INSERT INTO fail_checkpoints VALUES (true);`,
      );
      await run();
      expect(attempts).toBe(1); // the event was handled and dead-lettered, then the commit failed
      expect(await query(url, 'SELECT 1 FROM stormsmith_dead_letters').catch(() => [])).toEqual([]);
      expect((await checkpointOf(url, 'atomic')) ?? 0n).toBe(0n);

      await query(url, 'DELETE FROM fail_checkpoints');
      await run();
      expect(await query(url, 'SELECT stream_name FROM stormsmith_dead_letters')).toEqual([{ stream_name: loanStream('x') }]);
      expect((await checkpointOf(url, 'atomic')) ?? 0n).toBeGreaterThan(0n);
    } finally {
      await store.close();
    }
  });
});

describe('async projection with dead letters on PostgreSQL', () => {

  type LoansPerMember = { loans: number };
  const loansPerMember = pongoMultiStreamProjection<LoansPerMember, LoanEvent>({
    collectionName: 'loans_per_member',
    canHandle: ['BookBorrowed'],
    getDocumentId: (event) => (event.data as { memberId: string }).memberId,
    evolve: (doc: LoansPerMember | null, event: LoanEvent): LoansPerMember => {
      if (event.data.loanId === 'poison') throw new Error('unprojectable');
      return { loans: (doc?.loans ?? 0) + 1 };
    },
  });

  it('the poison event is dead-lettered under the projector id and the read model is built from the rest', async () => {
    const url = await postgres.createDatabase('projector_dlq');
    const store = getPostgreSQLEventStore(url);
    try {
      await store.appendToStream(loanStream('a'), [borrowed('a', 'm')]);
      await store.appendToStream(loanStream('poison'), [borrowed('poison', 'm')]);
      await store.appendToStream(loanStream('c'), [borrowed('c', 'm')]);
      await runToEnd(() => {
        const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
        consumer.projector<LoanEvent>({
          processorId: 'loans-per-member',
          projection: projectionWithDeadLetter(onlyCanHandle(loansPerMember), {
            processorId: 'loans-per-member',
            maxAttempts: 2,
            backoff: { initialDelayMs: 1 },
            onDeadLetter: () => undefined,
          }),
        });
        return consumer;
      });
    } finally {
      await store.close();
    }
    expect(await pongoDocument<LoansPerMember>(url, 'loans_per_member', 'm')).toMatchObject({ loans: 2 });
    expect(await query(url, 'SELECT processor_id, stream_name, attempts FROM stormsmith_dead_letters')).toEqual([
      { processor_id: 'loans-per-member', stream_name: loanStream('poison'), attempts: 2 },
    ]);
  });
});

describe('async projection dead letters: one savepoint per batch, per-event fallback', () => {
  // Order-sensitive read model: every applied event appends its loan id, so an event applied
  // twice (or lost) after the batch's rollback shows in the list.
  type Applied = { loanIds: string[] };
  const evolveCalls: string[] = [];
  const appliedLoans = pongoMultiStreamProjection<Applied, LoanEvent>({
    collectionName: 'applied_loans',
    canHandle: ['BookBorrowed'],
    getDocumentId: (event) => (event.data as { memberId: string }).memberId,
    evolve: (doc: Applied | null, event: LoanEvent): Applied => {
      evolveCalls.push(event.data.loanId);
      if (event.data.loanId.startsWith('poison')) throw new Error('unprojectable');
      return { loanIds: [...(doc?.loanIds ?? []), event.data.loanId] };
    },
  });
  const projector = (store: PostgresEventStore, deadLetters: string[]) => {
    const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
    consumer.projector<LoanEvent>({
      processorId: 'applied-loans',
      projection: projectionWithDeadLetter(onlyCanHandle(appliedLoans), {
        processorId: 'applied-loans',
        maxAttempts: 3,
        backoff: { initialDelayMs: 1 },
        onDeadLetter: (report) => deadLetters.push(report.streamName),
      }),
    });
    return consumer;
  };

  it('a healthy batch takes no savepoint at all (only a last attempt runs under one)', async () => {
    const url = await postgres.createDatabase('projector_one_savepoint');
    const store = getPostgreSQLEventStore(url);
    const statements: string[] = [];
    const inner = onlyCanHandle(appliedLoans);
    // Sees the processor's client from the first event on (the batch savepoint comes before it).
    const spying: typeof inner = {
      ...inner,
      handle: async (events, context) => {
        const client = context.connection.client as unknown as { query: (text: unknown, ...rest: unknown[]) => unknown; spied?: true };
        if (!client.spied) {
          const query = client.query.bind(client);
          client.query = (text: unknown, ...rest: unknown[]) => {
            statements.push(typeof text === 'string' ? text : String((text as { text?: string }).text));
            return query(text, ...rest);
          };
          client.spied = true;
        }
        return inner.handle(events, context);
      },
    };
    try {
      for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) await store.appendToStream(loanStream(id), [borrowed(id, 'm')]);
      await runToEnd(() => {
        const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
        consumer.projector<LoanEvent>({
          processorId: 'one-savepoint',
          projection: projectionWithDeadLetter(spying, { processorId: 'one-savepoint', onDeadLetter: () => undefined }),
        });
        return consumer;
      });
      expect((await pongoDocument<Applied>(url, 'applied_loans', 'm'))?.loanIds).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      // No event ran under a savepoint of its own (the spy sees every statement of the batch).
      expect(statements.filter((text) => /^\s*(SAVEPOINT|RELEASE|ROLLBACK TO)/i.test(text))).toEqual([]);
      expect(statements.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('poison events in the middle of one batch: every other event applied exactly once, in order; the checkpoint holds; no retry waits in the batch', async () => {
    const url = await postgres.createDatabase('projector_batch');
    const store = getPostgreSQLEventStore(url);
    const deadLetters: string[] = [];
    const ids = ['a', 'b', 'c', 'poison1', 'd', 'e', 'poison2', 'f'];
    evolveCalls.length = 0;
    try {
      // Appended before the consumer starts: one pull, one batch, one transaction.
      for (const id of ids) await store.appendToStream(loanStream(id), [borrowed(id, 'm')]);
      await runToEnd(() => projector(store, deadLetters));

      expect((await pongoDocument<Applied>(url, 'applied_loans', 'm'))?.loanIds).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      // Every failed attempt rolls the whole batch back and it is read again after the backoff:
      // poison1 fails twice, is dead-lettered on its third attempt; then poison2's first failure
      // rolls that back too, so poison1 is dead-lettered again at once on each later read, until
      // poison2's third attempt is dead-lettered and the batch commits with f.
      const abc = ['a', 'b', 'c'];
      expect(evolveCalls).toEqual([
        ...[...abc, 'poison1', ...abc, 'poison1'],
        ...[...abc, 'poison1', 'd', 'e', 'poison2'],
        ...[...abc, 'poison1', 'd', 'e', 'poison2'],
        ...[...abc, 'poison1', 'd', 'e', 'poison2', 'f'],
      ]);
      expect(new Set(deadLetters)).toEqual(new Set([loanStream('poison1'), loanStream('poison2')]));
      expect(await query(url, 'SELECT stream_name, attempts FROM stormsmith_dead_letters ORDER BY id')).toEqual([
        { stream_name: loanStream('poison1'), attempts: 3 },
        { stream_name: loanStream('poison2'), attempts: 3 },
      ]);
      const last = await query<{ p: string }>(url, 'SELECT max(global_position)::text AS p FROM emt_messages');
      expect(await checkpointOf(url, 'applied-loans')).toBe(BigInt(last[0]!.p));

      // A fresh consumer resumes from that checkpoint: only the new event is applied.
      evolveCalls.length = 0;
      await store.appendToStream(loanStream('g'), [borrowed('g', 'm')]);
      await runToEnd(() => projector(store, deadLetters));
      expect(evolveCalls).toEqual(['g']);
      expect((await pongoDocument<Applied>(url, 'applied_loans', 'm'))?.loanIds).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    } finally {
      await store.close();
    }
  });
});
