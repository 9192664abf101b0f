// test/ops/support.ts of a generated service: helpers shared by the operations tests (appending
// with known coordinates, waiting for the processors, captured pino logs, scraping /metrics,
// poisoning a read model's table, running the ops command in-process).

import type { PlannedFile } from '../../plan-types.js';
import { generatedHeader } from '../code.js';
import { opsLayout } from './layout.js';

export function supportFile(sources: string[]): PlannedFile {
  const contents =
    generatedHeader(sources) +
    `// Helpers of the operations tests (test/ops).
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Event, EventStore } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { createService } from '../../src/composition-root.js';
import { asyncProcessors, type AsyncProcessor } from '../../src/operations.js';
import { createLogger, readProcessorsLag, SNAPSHOT_TABLE, type Logger, type OpsIO } from '../../src/runtime/index.js';

const query = async <Row extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<Row[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
};

export type Appended = { messageId: string; type: string; streamName: string; streamPosition: bigint; globalPosition: bigint };

/**
 * Appends each event, one append per event, to \`<stream type>-<random id>\` with a bare Emmett
 * store (no inline projections: their logic may still be a stub), and says where it landed.
 */
export const appendAll = async (url: string, samples: { stream: string; event: Event }[]): Promise<Appended[]> => {
  const store = getPostgreSQLEventStore(url);
  try {
    const appended: Appended[] = [];
    for (const { stream, event } of samples) {
      const streamName = stream.includes('-') ? stream : \`\${stream}-\${randomUUID()}\`;
      const messageId = randomUUID();
      const result = await store.appendToStream(streamName, [{ ...event, metadata: { messageId } } as Event]);
      appended.push({ messageId, type: event.type, streamName, streamPosition: result.nextExpectedStreamVersion, globalPosition: result.lastEventGlobalPosition });
    }
    return appended;
  } finally {
    await store.close();
  }
};

/**
 * Polls \`check\` until it gives the same defined answer three times in a row, 150 ms apart
 * (bounded: a stuck processor fails the test).
 */
export const settled = async (check: () => Promise<string | undefined>, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  let streak = 0;
  while (streak < 3) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the processor to catch up');
    const answer = await check();
    streak = answer !== undefined && answer === last ? streak + 1 : answer === undefined ? 0 : 1;
    last = answer;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
};

/**
 * The store's head position once \`processorId\` has handled every event of its types, else
 * undefined. Settled on (the same head three times), it also means the other processors stopped
 * adding events the tested one would handle: policies that work append within milliseconds,
 * stubbed ones never do. Other processors are not waited for: a stub dead-letters slowly (all
 * its attempts, with backoff) and runs in its own consumer.
 */
export const processorCaughtUp = (url: string, processorId: string) => async (): Promise<string | undefined> => {
  const processor = asyncProcessors.find((p) => p.processorId === processorId)!;
  const [lag] = await readProcessorsLag(url, [{ processorId, eventTypes: processor.eventTypes }]);
  return lag !== undefined && lag.eventsBehind === 0 ? String(lag.headPosition) : undefined;
};

/**
 * The real distance, counted here without the runtime: events of the processor's types after
 * its stored checkpoint (or all of them before it ever stored one).
 */
export const realDistance = async (url: string, processor: AsyncProcessor): Promise<number> => {
  const [checkpoint] = await query<{ position: string | null }>(
    url,
    \`SELECT last_processed_checkpoint AS position FROM emt_processors WHERE processor_id = $1\`,
    [processor.processorId],
  ).catch(() => []);
  const [count] = await query<{ n: string }>(
    url,
    \`SELECT count(*)::text AS n FROM emt_messages WHERE message_type = ANY($1::text[]) AND global_position > $2::bigint\`,
    [[...processor.eventTypes], checkpoint?.position ?? '0'],
  );
  return Number(count?.n ?? 0);
};

/** A pino logger writing into memory, and the parsed lines. */
export const captureLogs = (): { logger: Logger; lines: Record<string, unknown>[] } => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of String(chunk).split('\\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'debug' }, destination), lines };
};

/** The documents of a Pongo collection by id (their data without Pongo's own bookkeeping). */
export const readCollection = async <Document>(url: string, collection: string): Promise<Record<string, Document>> => {
  const rows = await query<{ _id: string; data: Record<string, unknown> }>(url, \`SELECT _id, data FROM "\${collection}" ORDER BY _id\`).catch((error: { code?: string }) => {
    if (error.code === '42P01') return [];
    throw error;
  });
  return Object.fromEntries(rows.map(({ _id, data }) => {
    const { _version, ...document } = data;
    void _version;
    return [_id, document as Document];
  }));
};

/** Makes the database refuse every write of these documents (a handler failure the test controls). */
export const poison = async (url: string, collection: string, ids: string[]): Promise<void> => {
  await query(url, \`CREATE TABLE IF NOT EXISTS ops_test_poison (id TEXT PRIMARY KEY)\`);
  for (const id of ids) await query(url, \`INSERT INTO ops_test_poison (id) VALUES ($1) ON CONFLICT DO NOTHING\`, [id]);
  await query(
    url,
    \`CREATE OR REPLACE FUNCTION ops_test_poisoned() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF EXISTS (SELECT 1 FROM ops_test_poison WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD._id ELSE NEW._id END)) THEN
         RAISE EXCEPTION 'poisoned document %', (CASE WHEN TG_OP = 'DELETE' THEN OLD._id ELSE NEW._id END);
       END IF;
       RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
     END $fn$\`,
  );
  await query(url, \`DROP TRIGGER IF EXISTS ops_test_poisoned ON "\${collection}"\`);
  await query(url, \`CREATE TRIGGER ops_test_poisoned BEFORE INSERT OR UPDATE OR DELETE ON "\${collection}" FOR EACH ROW EXECUTE FUNCTION ops_test_poisoned()\`);
};

/** Makes the database refuse every append to these streams (a downstream failure the test controls). */
export const poisonStreams = async (url: string, streams: string[]): Promise<void> => {
  await query(url, \`CREATE TABLE IF NOT EXISTS ops_test_poison (id TEXT PRIMARY KEY)\`);
  for (const id of streams) await query(url, \`INSERT INTO ops_test_poison (id) VALUES ($1) ON CONFLICT DO NOTHING\`, [id]);
  await query(
    url,
    \`CREATE OR REPLACE FUNCTION ops_test_poisoned_stream() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF EXISTS (SELECT 1 FROM ops_test_poison WHERE id = NEW.stream_id) THEN
         RAISE EXCEPTION 'poisoned stream %', NEW.stream_id;
       END IF;
       RETURN NEW;
     END $fn$\`,
  );
  await query(url, \`DROP TRIGGER IF EXISTS ops_test_poisoned_stream ON emt_messages\`);
  await query(url, \`CREATE TRIGGER ops_test_poisoned_stream BEFORE INSERT ON emt_messages FOR EACH ROW EXECUTE FUNCTION ops_test_poisoned_stream()\`);
};

/** Fixes what poison() broke. */
export const cure = (url: string): Promise<unknown> => query(url, \`DELETE FROM ops_test_poison\`);

/** Runs an ops command in-process with the service's store, capturing its output. */
export const withOpsIO = async (
  run: (io: OpsIO, eventStore: EventStore) => Promise<number>,
  url: string,
): Promise<{ code: number; out: string; err: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const service = createService({ connectionString: url, logger: captureLogs().logger });
  try {
    const code = await run({ out: (line) => out.push(line), err: (line) => err.push(line) }, service.eventStore);
    return { code, out: out.join('\\n'), err: err.join('\\n') };
  } finally {
    await service.stop();
  }
};

/** GET /metrics of the service's ops server. */
export const scrape = async (url: string): Promise<string> => (await fetch(\`\${url}/metrics\`)).text();

/** GET /health: status and JSON body. */
export const fetchHealth = async (url: string): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(\`\${url}/health\`);
  return { status: response.status, body: (await response.json()) as unknown };
};

/** The value of \`name{processor="<processor>"}\` in Prometheus text, or undefined. */
export const metricValue = (text: string, name: string, processor: string): number | undefined => {
  const line = text.split('\\n').find((l) => l.startsWith(\`\${name}{processor="\${processor}"}\`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

/** The stream version of the newest snapshot of a stream, or undefined. */
export const readSnapshotVersion = async (url: string, streamName: string): Promise<number | undefined> => {
  const rows = await query<{ version: string }>(url, \`SELECT stream_version::text AS version FROM \${SNAPSHOT_TABLE} WHERE stream_name = $1\`, [streamName]);
  return rows[0] === undefined ? undefined : Number(rows[0].version);
};
`;
  return { path: opsLayout.support, contents, ownership: 'generated', sources };
}
