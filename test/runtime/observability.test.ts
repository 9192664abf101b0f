// Issue 8 observability: structured logs, Prometheus metrics and the health endpoint, on PostgreSQL.
import { Writable } from 'node:stream';
import { DeciderCommandHandler } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { describe, expect, it } from 'vitest';
import { deadLetterTableSQL, withDeadLetter, type TransactionalContext } from '../../templates/runtime/src/runtime/deadLetters.js';
import { createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { consumerHealth, databaseHealth, startOpsServer } from '../../templates/runtime/src/runtime/health.js';
import { readProcessorsLag } from '../../templates/runtime/src/runtime/lag.js';
import { createLogger, processingLogHooks } from '../../templates/runtime/src/runtime/logging.js';
import { createServiceMetrics } from '../../templates/runtime/src/runtime/metrics.js';
import { superviseConsumer } from '../../templates/runtime/src/runtime/supervisor.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanDecider, loanStream, renewed, type LoanEvent } from './fixtures/loans.js';
import { query } from './sql.js';
import { runToEnd } from './runToEnd.js';

const postgres = usePostgres('observability');

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ base: undefined, timestamp: false }, stream) };
};

describe('observability', () => {
  it('logs a dead-lettered event with its id, stream, stream position and global position', async () => {
    const url = await postgres.createDatabase('logs');
    const { lines, logger } = capture();
    const store = getPostgreSQLEventStore(url);
    try {
      await store.appendToStream(loanStream('l1'), [borrowed('l1', 'm'), renewed('l1')]);
      await runToEnd(() => {
        const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
        consumer.reactor<LoanEvent>({
          processorId: 'renewals',
          canHandle: ['LoanRenewed'],
          eachMessage: withDeadLetter<LoanEvent, TransactionalContext>(
            () => {
              throw new Error('renewal service down');
            },
            { processorId: 'renewals', maxAttempts: 2, backoff: { initialDelayMs: 1 }, ...processingLogHooks(logger) },
          ),
        });
        return consumer;
      });
    } finally {
      await store.close();
    }
    const [stored] = await query<{ message_id: string; global_position: string }>(
      url,
      "SELECT message_id, global_position::text FROM emt_messages WHERE message_type = 'LoanRenewed'",
    );
    const expected = {
      processorId: 'renewals',
      eventId: stored!.message_id,
      eventType: 'LoanRenewed',
      streamName: loanStream('l1'),
      streamPosition: '2',
      globalPosition: stored!.global_position,
    };
    expect(lines.map(({ level, msg }) => [level, msg])).toEqual([
      [40, 'message handling failed; retrying'],
      [50, 'message dead-lettered'],
    ]);
    expect(lines[1]).toMatchObject({ ...expected, attempts: 2, err: { message: 'renewal service down' } });
  });

  it('serves metrics that match the store and a health check that follows the database', async () => {
    const url = await postgres.createDatabase('metrics');
    const store = createPostgresEventStore(url);
    const metrics = createServiceMetrics({
      connectionString: url,
      processors: [{ name: 'Borrowings', processorId: 'borrowings', eventTypes: ['BookBorrowed'] }],
    });
    const handle = DeciderCommandHandler({ ...loanDecider, mapToStreamId: loanStream, retry: { onVersionConflict: 3 } });
    const server = await startOpsServer({
      checks: { database: databaseHealth(url) },
      metrics: metrics.registry,
    });
    const broken = await startOpsServer({ checks: { database: databaseHealth(url.replace(/\/[^/]+$/, '/missing_db')) } });
    try {
      for (const loanId of ['a', 'b', 'c']) {
        await metrics.recordCommand('BorrowBook', () => handle(store, loanId, { type: 'BorrowBook', data: { loanId, memberId: 'm' } }));
      }
      await expect(
        metrics.recordCommand('BorrowBook', () => handle(store, 'a', { type: 'BorrowBook', data: { loanId: 'a', memberId: 'm' } })),
      ).rejects.toThrow();
      await store.appendToStream(loanStream('a'), [renewed('a')]);
      await query(url, deadLetterTableSQL);
      await query(
        url,
        `INSERT INTO stormsmith_dead_letters (processor_id, message_id, message_type, stream_name, stream_position,
           global_position, data, metadata, attempts, error_message)
         VALUES ('borrowings', 'x', 'BookBorrowed', 'loan-a', 1, 1, '{}', '{}', 1, 'e')`,
      );

      const [lag] = await readProcessorsLag(url, [{ processorId: 'borrowings', eventTypes: ['BookBorrowed'] }]);
      expect(lag?.eventsBehind).toBe(3);
      const text = await (await fetch(`${server.url}/metrics`)).text();
      expect(text).toContain('stormsmith_processor_lag_events{processor="Borrowings"} 3');
      expect(text).toContain('stormsmith_dead_letters{processor="Borrowings"} 1');
      expect(text).toContain('stormsmith_commands_total{command="BorrowBook",outcome="accepted"} 3');
      expect(text).toContain('stormsmith_commands_total{command="BorrowBook",outcome="rejected"} 1');

      const healthy = await fetch(`${server.url}/health`);
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toEqual({ status: 'ok', checks: { database: { ok: true } } });
      const unhealthy = await fetch(`${broken.url}/health`);
      expect(unhealthy.status).toBe(503);
      expect(await unhealthy.json()).toMatchObject({ status: 'unavailable', checks: { database: { ok: false } } });
      expect((await fetch(`${server.url}/nope`)).status).toBe(404);
      expect((await fetch(`${broken.url}/metrics`)).status).toBe(404);
    } finally {
      await server.close();
      await broken.close();
      await store.close();
    }
  });

  it('reports a supervised consumer healthy while it runs, and not after it stopped', async () => {
    const url = await postgres.createDatabase('consumer_health');
    const store = getPostgreSQLEventStore(url);
    await store.schema.migrate();
    const supervised = superviseConsumer(() => {
      const consumer = store.consumer<LoanEvent>({ pulling: { pullingFrequencyInMs: 20 } });
      consumer.reactor<LoanEvent>({ processorId: 'idle', eachMessage: () => undefined });
      return consumer;
    });
    const check = consumerHealth(supervised);
    try {
      expect(await check()).toEqual({ ok: true, detail: 'restarts: 0' });
    } finally {
      await supervised.stop();
      await store.close();
    }
    expect((await check()).ok).toBe(false);
  });
});
