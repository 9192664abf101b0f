// Issue 13 (7): Emmett 0.42.0 has no index on emt_messages.global_position, so every consumer
// poll, idle or not, scans the whole table (381-538 ms per idle poll at 1M events). `ops migrate`
// creates stormsmith_messages_poll; the poll becomes a range scan of the events after the
// checkpoint. Proven with the planner on real PostgreSQL (timings: bench/poll.ts).
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { describe, expect, it } from 'vitest';
import { pollIndexesSQL } from '../../templates/runtime/src/runtime/pollIndexes.js';
import { usePostgres } from '../support/postgres.js';
import { query } from './sql.js';

const postgres = usePostgres('poll_indexes');

/** Emmett 0.42.0's poll (readMessagesBatch), for an idle consumer at the head. */
const pollPlan = async (url: string) => {
  const [head] = await query<{ p: string }>(url, 'SELECT max(global_position)::text AS p FROM emt_messages');
  const rows = await query<{ 'QUERY PLAN': string }>(
    url,
    `EXPLAIN SELECT stream_id, stream_position, global_position, message_data, message_metadata, message_schema_version, message_type, message_id
       FROM emt_messages
       WHERE partition = 'emt:default' AND is_archived = FALSE AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AND global_position >= ${BigInt(head!.p) + 1n}
       ORDER BY transaction_id, global_position
       LIMIT 100`,
  );
  return rows.map((row) => row['QUERY PLAN']).join('\n');
};

describe('the consumer poll on a large event table', () => {
  it('scans the whole table without the index, and only the events after the checkpoint with it', async () => {
    const url = postgres.connectionString;
    const store = getPostgreSQLEventStore(url);
    await store.schema.migrate();
    await store.close();
    await query(
      url,
      `INSERT INTO emt_messages (stream_id, stream_position, partition, message_kind, message_data, message_metadata, message_schema_version, message_type, message_id, is_archived, transaction_id)
       SELECT 'loan-' || g, 1, 'emt:default', 'E', jsonb_build_object('loanId', g), '{}'::jsonb, '1', 'BookBorrowed', gen_random_uuid()::text, false, pg_current_xact_id()
       FROM generate_series(1, 200000) g`,
    );
    await query(url, 'ANALYZE emt_messages');
    const before = await pollPlan(url);
    expect(before).toMatch(/Seq Scan/);

    await query(url, pollIndexesSQL);
    await query(url, 'ANALYZE emt_messages');
    const after = await pollPlan(url);
    expect(after).not.toMatch(/Seq Scan/);
    // The partition's copy of the index (PostgreSQL names it after the columns).
    expect(after).toMatch(/Index (Only )?Scan using \S*partition_is_archived_global\S*_idx/);
    expect(after).toMatch(/Index Cond: .*global_position >= /);
  }, 120_000);
});
