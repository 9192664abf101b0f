// Issue 13 (5): one retrying processor must not stall every other consumer. Emmett's poll only
// returns events older than the oldest open transaction, so a handler retried with backoff INSIDE
// its batch transaction hid every newer event from every other processor until it gave up.
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDeadLetter, type TransactionalContext } from '../../templates/runtime/src/runtime/deadLetters.js';
import { superviseConsumer, type SupervisedConsumer } from '../../templates/runtime/src/runtime/supervisor.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream, renewed, type LoanEvent } from './fixtures/loans.js';
import { query } from './sql.js';

const postgres = usePostgres('retries');

const waitFor = async (condition: () => boolean, what: string) => {
  for (let i = 0; i < 400; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('a processor retrying a failing message (issue 13, item 5)', () => {
  const store = () => getPostgreSQLEventStore(postgres.connectionString);
  let eventStore: ReturnType<typeof store>;
  const running: SupervisedConsumer[] = [];
  beforeAll(async () => {
    eventStore = store();
    await eventStore.schema.migrate();
    await query(postgres.connectionString, 'CREATE TABLE stalling_writes (id serial PRIMARY KEY)');
  });
  afterAll(async () => {
    for (const supervised of running) await supervised.stop();
    await eventStore.close();
  });

  it('another processor handles newer events while it waits between attempts', async () => {
    let failedAttempts = 0;
    let deadLettered = false;
    const seenByHealthy: { loanId: string; stallingDeadLettered: boolean }[] = [];
    const pulling = { pulling: { pullingFrequencyInMs: 20 } };
    running.push(
      superviseConsumer(() => {
        const consumer = eventStore.consumer<LoanEvent>(pulling);
        consumer.reactor<LoanEvent>({
          processorId: 'stalling',
          canHandle: ['LoanRenewed'],
          eachMessage: withDeadLetter<LoanEvent, TransactionalContext>(
            async (_event, context) => {
              // A write before the failure (as a projection or an outbox would do) gives the
              // batch transaction an id: from then on it holds back every poll's snapshot xmin.
              await context.connection.client.query('INSERT INTO stalling_writes DEFAULT VALUES');
              throw new Error('downstream unavailable');
            },
            {
              processorId: 'stalling',
              maxAttempts: 4,
              // 1 s + 2 s + 4 s of waiting before the dead letter.
              backoff: { initialDelayMs: 1_000, factor: 2, maxDelayMs: 4_000 },
              onRetry: () => failedAttempts++,
              onDeadLetter: () => (deadLettered = true),
            },
          ),
        });
        return consumer;
      }),
      superviseConsumer(() => {
        const consumer = eventStore.consumer<LoanEvent>(pulling);
        consumer.reactor<LoanEvent>({
          processorId: 'healthy',
          canHandle: ['BookBorrowed'],
          eachMessage: (event) => {
            seenByHealthy.push({ loanId: event.data.loanId, stallingDeadLettered: deadLettered });
          },
        });
        return consumer;
      }),
    );

    await eventStore.appendToStream(loanStream('poison'), [renewed('poison')]);
    await waitFor(() => failedAttempts >= 1, 'the first failed attempt');
    // Appended while the stalling processor waits for its next attempt.
    await eventStore.appendToStream(loanStream('x'), [borrowed('x', 'm')]);
    await waitFor(() => seenByHealthy.length > 0, 'the healthy processor');
    expect(seenByHealthy).toEqual([{ loanId: 'x', stallingDeadLettered: false }]);
    expect(failedAttempts).toBeLessThan(3);

    // The stalling processor still gets all its attempts, then dead-letters and moves on.
    await waitFor(() => deadLettered, 'the dead letter');
    expect(failedAttempts).toBe(3);
  }, 30_000);
});
