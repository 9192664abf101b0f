// What the policy tests share (causation.test.ts, policyTrigger.test.ts): an event store on a
// fresh database with the policy outcomes table and one borrowed loan `a`, and a policy run whose
// first attempt fails AFTER its command was sent (as a crash would), so that its trigger is
// delivered twice. Each test keeps its own commands and assertions.
import type { PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { afterAll, beforeAll } from 'vitest';
import { ensurePolicyOutcomes } from '../../templates/runtime/src/runtime/causation.js';
import { withDeadLetter, type TransactionalContext } from '../../templates/runtime/src/runtime/deadLetters.js';
import { createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { usePostgres, type TestPostgres } from '../support/postgres.js';
import { borrowed, loanStream, type LoanEvent } from './fixtures/loans.js';
import { runToEnd } from './runToEnd.js';

export type TriggerEvent = LoanEvent & { metadata: { messageId: string } };

export type PolicyStore = {
  postgres: TestPostgres;
  /** The store (valid inside tests and hooks after beforeAll). */
  readonly store: PostgresEventStore;
  /** Runs `send` as processor `processorId` on every BookBorrowed; its first attempt fails after sending. */
  runPolicy(processorId: string, send: (event: TriggerEvent) => Promise<unknown>): ReturnType<typeof runToEnd>;
};

/** Registers beforeAll/afterAll hooks (usePostgres's, then the store's) in the calling scope. */
export const usePolicyStore = (databasePrefix: string): PolicyStore => {
  const postgres = usePostgres(databasePrefix);
  let store: PostgresEventStore | undefined;
  beforeAll(async () => {
    store = createPostgresEventStore(postgres.connectionString);
    await store.schema.migrate();
    await ensurePolicyOutcomes(postgres.connectionString);
    await store.appendToStream(loanStream('a'), [borrowed('a', 'm')]);
  });
  afterAll(async () => store?.close());
  const current = () => {
    if (store === undefined) throw new Error('usePolicyStore: the store is created in beforeAll');
    return store;
  };
  return {
    postgres,
    get store() {
      return current();
    },
    runPolicy(processorId, send) {
      let attempts = 0;
      return runToEnd(() => {
        const consumer = current().consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
        consumer.reactor<LoanEvent>({
          processorId,
          canHandle: ['BookBorrowed'],
          eachMessage: withDeadLetter<LoanEvent, TransactionalContext>(
            async (event) => {
              await send(event as TriggerEvent);
              if (++attempts === 1) throw new Error('lost the connection after sending');
            },
            { processorId, maxAttempts: 3, backoff: { initialDelayMs: 1 }, onRetry: () => undefined, rejectionsAreOutcomes: true },
          ),
        });
        return consumer;
      });
    },
  };
};
