// Emmett 0.42.0 consumers skip events under concurrent appends (appendOrder.ts): the poll orders
// by transaction id and resumes after the last global position, which concurrent appends assign
// out of transaction-id order. Found by the two-instance test of issue 13.
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { describe, expect, it } from 'vitest';
import { serializeAppendOrder } from '../../templates/runtime/src/runtime/appendOrder.js';
import { withDeadLetter, type TransactionalContext } from '../../templates/runtime/src/runtime/deadLetters.js';
import { createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { superviseConsumer } from '../../templates/runtime/src/runtime/supervisor.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream, type LoanEvent } from './fixtures/loans.js';
import { query } from './sql.js';

const postgres = usePostgres('append_order');
const WRITERS = 8;
const EVENTS = 400;

/** A consumer handles events while 8 writers append; how many it handled once all settled. */
const handledUnderConcurrentAppends = async (store: PostgresEventStore, url: string) => {
  await store.schema.migrate();
  await query(url, 'CREATE TABLE handled (message_id TEXT NOT NULL)');
  const supervised = superviseConsumer(() => {
    const consumer = store.consumer<LoanEvent>({ pulling: { pullingFrequencyInMs: 5 } });
    consumer.reactor<LoanEvent>({
      processorId: 'counter',
      eachMessage: withDeadLetter<LoanEvent, TransactionalContext>(
        async (event, context) => {
          await context.connection.client.query('INSERT INTO handled VALUES ($1)', [(event.metadata as { messageId: string }).messageId]);
        },
        { processorId: 'counter' },
      ),
    });
    return consumer;
  });
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < EVENTS) {
          const i = next++;
          await store.appendToStream(loanStream(`l${i}`), [borrowed(`l${i}`, 'm')]);
        }
      }),
    );
    // Caught up: the checkpoint reached the last position (or, skipped events, never will).
    const [last] = await query<{ p: string }>(url, 'SELECT max(global_position)::text AS p FROM emt_messages');
    for (let i = 0; i < 200; i++) {
      const [row] = await query<{ c: string | null }>(url, `SELECT last_processed_checkpoint::text AS c FROM emt_processors WHERE processor_id = 'counter'`);
      if (row?.c != null && BigInt(row.c) >= BigInt(last!.p)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const [count] = await query<{ n: string }>(url, 'SELECT count(DISTINCT message_id)::text AS n FROM handled');
    return Number(count!.n);
  } finally {
    await supervised.stop();
    await store.close();
  }
};

describe('a consumer running while 8 writers append concurrently', () => {
  it('bare Emmett 0.42.0: some events are never handled', async () => {
    const url = await postgres.createDatabase('order_bare');
    expect(await handledUnderConcurrentAppends(getPostgreSQLEventStore(url), url)).toBeLessThan(EVENTS);
  }, 120_000);

  it('createPostgresEventStore (appends ordered): every event is handled', async () => {
    const url = await postgres.createDatabase('order_fixed');
    expect(await handledUnderConcurrentAppends(createPostgresEventStore(url), url)).toBe(EVENTS);
  }, 120_000);

  it('serializeAppendOrder is idempotent', async () => {
    const url = await postgres.createDatabase('order_idempotent');
    const store = getPostgreSQLEventStore(url);
    await store.schema.migrate();
    await store.close();
    expect(await serializeAppendOrder(url)).toBe(true);
    expect(await serializeAppendOrder(url)).toBe(false);
  });
});
