// Helpers of the operations tests (test/ops).
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Event, EventStore } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { expect } from 'vitest';
import { createService } from '../../src/composition-root.js';
import { asyncProcessors, type AsyncProcessor } from '../../src/operations.js';
import { createOpsRegistry } from '../../src/ops-registry.js';
import { createLogger, isNotImplemented, listDeadLetters, readProcessorsLag, runOps, SNAPSHOT_TABLE, type Logger, type OpsIO } from '../../src/runtime/index.js';
import { modelCaseProbed } from '../support/model-case.js';

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
 * Appends each event, one append per event, to `<stream type>-<random id>` with a bare Emmett
 * store (no inline projections: their logic may still be a stub), and says where it landed.
 */
export const appendAll = async (url: string, samples: { stream: string; event: Event }[]): Promise<Appended[]> => {
  const store = getPostgreSQLEventStore(url);
  try {
    const appended: Appended[] = [];
    for (const { stream, event } of samples) {
      const streamName = stream.includes('-') ? stream : `${stream}-${randomUUID()}`;
      // A sample may bring its own id (a policy's new identities derive from it, docs/adr/0096).
      const given = (event as { metadata?: { messageId?: unknown } }).metadata?.messageId;
      const messageId = typeof given === 'string' ? given : randomUUID();
      const result = await store.appendToStream(streamName, [{ ...event, metadata: { messageId } } as Event]);
      appended.push({ messageId, type: event.type, streamName, streamPosition: result.nextExpectedStreamVersion, globalPosition: result.lastEventGlobalPosition });
    }
    return appended;
  } finally {
    await store.close();
  }
};

/**
 * Polls `check` until it gives the same defined answer three times in a row, 150 ms apart
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
 * The store's head position once `processorId` has handled every event of its types, else
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
    `SELECT last_processed_checkpoint AS position FROM emt_processors WHERE processor_id = $1`,
    [processor.processorId],
  ).catch(() => []);
  const [count] = await query<{ n: string }>(
    url,
    `SELECT count(*)::text AS n FROM emt_messages WHERE message_type = ANY($1::text[]) AND global_position > $2::bigint`,
    [[...processor.eventTypes], checkpoint?.position ?? '0'],
  );
  return Number(count?.n ?? 0);
};

/** A pino logger writing into memory, and the parsed lines. */
export const captureLogs = (): { logger: Logger; lines: Record<string, unknown>[] } => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'debug' }, destination), lines };
};

/** The documents of a Pongo collection by id (their data without Pongo's own bookkeeping). */
export const readCollection = async <Document>(url: string, collection: string): Promise<Record<string, Document>> => {
  const rows = await query<{ _id: string; data: Record<string, unknown> }>(url, `SELECT _id, data FROM "${collection}" ORDER BY _id`).catch((error: { code?: string }) => {
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
  await query(url, `CREATE TABLE IF NOT EXISTS ops_test_poison (id TEXT PRIMARY KEY)`);
  for (const id of ids) await query(url, `INSERT INTO ops_test_poison (id) VALUES ($1) ON CONFLICT DO NOTHING`, [id]);
  await query(
    url,
    `CREATE OR REPLACE FUNCTION ops_test_poisoned() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF EXISTS (SELECT 1 FROM ops_test_poison WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD._id ELSE NEW._id END)) THEN
         RAISE EXCEPTION 'poisoned document %', (CASE WHEN TG_OP = 'DELETE' THEN OLD._id ELSE NEW._id END);
       END IF;
       RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
     END $fn$`,
  );
  await query(url, `DROP TRIGGER IF EXISTS ops_test_poisoned ON "${collection}"`);
  await query(url, `CREATE TRIGGER ops_test_poisoned BEFORE INSERT OR UPDATE OR DELETE ON "${collection}" FOR EACH ROW EXECUTE FUNCTION ops_test_poisoned()`);
};

/** Makes the database refuse every append to these streams (a downstream failure the test controls). */
export const poisonStreams = async (url: string, streams: string[]): Promise<void> => {
  await query(url, `CREATE TABLE IF NOT EXISTS ops_test_poison (id TEXT PRIMARY KEY)`);
  for (const id of streams) await query(url, `INSERT INTO ops_test_poison (id) VALUES ($1) ON CONFLICT DO NOTHING`, [id]);
  await query(
    url,
    `CREATE OR REPLACE FUNCTION ops_test_poisoned_stream() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF EXISTS (SELECT 1 FROM ops_test_poison WHERE id = NEW.stream_id) THEN
         RAISE EXCEPTION 'poisoned stream %', NEW.stream_id;
       END IF;
       RETURN NEW;
     END $fn$`,
  );
  await query(url, `DROP TRIGGER IF EXISTS ops_test_poisoned_stream ON emt_messages`);
  await query(url, `CREATE TRIGGER ops_test_poisoned_stream BEFORE INSERT ON emt_messages FOR EACH ROW EXECUTE FUNCTION ops_test_poisoned_stream()`);
};

/** Fixes what poison() broke. */
export const cure = async (url: string): Promise<void> => {
  // The table may not exist yet (a case failed before poisoning): never hide that failure behind this one.
  await query(url, `CREATE TABLE IF NOT EXISTS ops_test_poison (id TEXT PRIMARY KEY)`);
  await query(url, `DELETE FROM ops_test_poison`);
};

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
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    await service.stop();
  }
};

/** GET /metrics of the service's ops server. */
export const scrape = async (url: string): Promise<string> => (await fetch(`${url}/metrics`)).text();

/** GET /health: status and JSON body. */
export const fetchHealth = async (url: string): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(`${url}/health`);
  return { status: response.status, body: (await response.json()) as unknown };
};

/** The value of `name{processor="<processor>"}` in Prometheus text, or undefined. */
export const metricValue = (text: string, name: string, processor: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{processor="${processor}"}`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

/** The stream version of the newest snapshot of a stream, or undefined. The service creates the
 * snapshot table with its first snapshot lookup, i.e. the first load of a stream of `every` events
 * or more (docs/adr/0054): until then there is no table, and no snapshot. */
export const readSnapshotVersion = async (url: string, streamName: string): Promise<number | undefined> => {
  const table = await query<{ t: string | null }>(url, 'SELECT to_regclass($1)::text AS t', [SNAPSHOT_TABLE]);
  if (table[0]?.t == null) return undefined;
  const rows = await query<{ version: string }>(url, `SELECT stream_version::text AS version FROM ${SNAPSHOT_TABLE} WHERE stream_name = $1`, [streamName]);
  return rows[0] === undefined ? undefined : Number(rows[0].version);
};

// Projection keys of each type made from a case's key index: distinct indexes, distinct keys.
export const keyString = (key: number): string => `key-${key}`;
export const keyUuid = (key: number): string => `00000000-0000-4000-8000-${key.toString(16).padStart(12, '0')}`;
export const keyDate = (key: number): string => new Date(Date.UTC(2000, 0, 1) + key * 86_400_000).toISOString().slice(0, 10);
export const keyDatetime = (key: number): string => new Date(Date.UTC(2000, 0, 1) + key * 1000).toISOString();
export const keyEmail = (key: number): string => `key-${key}@example.com`;
export const keyUrl = (key: number): string => `https://example.com/key/${key}`;

/** What the operations cases of one async projection need to know about it. */
export type ProjectionOps<E extends Event, D extends object> = {
  /** The processor's key (the ops commands' name, the metrics' label). */
  name: string;
  processorId: string;
  /** The projection's name as the model spells it (for messages). */
  label: string;
  /** The file's test database (its connection string is read once the cases run). */
  database: { readonly connectionString: string };
  /**
   * One sample of each source event, its projection key made from the key index `key` (0, 1, 2, ...)
   * where the event carries it: distinct indexes give distinct keys, up to `keySpace` of them.
   */
  samples: (key: number) => { stream: string; event: E }[];
  /** How many distinct keys there are (a boolean key: 2, an enum: its values); unbounded when absent. */
  keySpace?: number;
  documentId: (event: E) => string;
  evolve: (document: D | null, event: E) => D | null;
  collection: string;
};

const stubbed = (run: () => unknown): boolean => {
  try {
    run();
    return false;
  } catch (error) {
    if (isNotImplemented(error)) return true;
    throw error;
  }
};

/**
 * The operations cases of one async projection on a real PostgreSQL: dead letters and
 * `ops dlq retry`, `ops rebuild` against live processing, the lag metric.
 */
export const projectionOpsCases = <E extends Event, D extends object>(projection: ProjectionOps<E, D>): void => {
  type Sample = { stream: string; event: E };
  const { name: NAME, database, samples, documentId, evolve, collection } = projection;
  const space = projection.keySpace ?? Number.POSITIVE_INFINITY;
  /** Key indexes for the cases, never reused within the file (its cases share one database); 0 and 1 are the probe's. */
  let nextKey = 2;
  const freshKey = (): number => nextKey++;
  /** A case needs `n` documents of its own: as many fresh keys as the key's type has values, at most `n`. */
  const freshKeys = (n: number): number[] => Array.from({ length: Math.min(n, space) }, freshKey);
  const processor = asyncProcessors.find((p) => p.processorId === projection.processorId)!;

  /**
   * The events of one document: the first source event that creates a document for `key` (and
   * only for it), then every other source event the logic handles after it. Throws the stub's
   * NotImplementedError when every source event is still a stub (the cases are todo then).
   */
  const lifeOf = (key: number): Sample[] => {
    const all = samples(key);
    // The next index is another value of the key (for a one-value enum there is no other).
    const other = samples(key + 1);
    const creator = all.find(
      (s, i) => !stubbed(() => documentId(s.event)) && !stubbed(() => evolve(null, s.event)) && evolve(null, s.event) !== null && (space < 2 || documentId(s.event) !== documentId(other[i]!.event)),
    );
    if (creator === undefined) {
      for (const s of all) evolve(null, s.event);
      throw new Error(`no source event of ${projection.label} creates a document per key`);
    }
    // Then the others that keep the document (a delete would leave nothing to compare).
    const life = [creator];
    let document = evolve(null, creator.event);
    for (const s of all) {
      if (s === creator || stubbed(() => evolve(document, s.event))) continue;
      const next = evolve(document, s.event);
      if (next === null) continue;
      life.push(s);
      document = next;
    }
    return life;
  };

  const creatorOf = (key: number): Sample => lifeOf(key)[0]!;
  const documentOf = (key: number): string => documentId(creatorOf(key).event);
  const read = (): Promise<Record<string, D>> => readCollection<D>(database.connectionString, collection);
  /** The documents of these keys only (other cases of this file share the database). */
  const readOf = async (keys: number[]): Promise<Record<string, D | undefined>> => {
    const all = await read();
    return Object.fromEntries(keys.map((key) => [documentOf(key), all[documentOf(key)]]));
  };

  // A read model of one document (a key with one value) cannot have one document poisoned while
  // another is processed: the case needs two.
  if (space >= 2) modelCaseProbed(
    `${NAME}: a poison event is dead-lettered after ${processor.retry.maxAttempts} attempts, processing continues, and ops dlq retry drains it once fixed`,
    () => lifeOf(0),
    async () => {
      const url = database.connectionString;
      const logs = captureLogs();
      const service = createService({ connectionString: url, logger: logs.logger });
      const [poisoned, healthy] = freshKeys(2) as [number, number];
      // The first document only makes the table exist; a key of two values shares it with the healthy one.
      const first = space >= 3 ? freshKey() : healthy;
      try {
        // As src/main.ts does: the schema first, so the consumers never start on a missing one.
        // Only this processor runs: the others' stubs would dead-letter slowly beside it.
        await service.eventStore.schema.migrate();
        await service.operations.prepare();
        service.start([processor.processorId]);
        // A first document, so that the read model's table exists before it is poisoned.
        await appendAll(url, [creatorOf(first)]);
        await settled(processorCaughtUp(url, processor.processorId));
        // The poison: the database refuses every write of one document (as a broken handler would fail).
        await poison(url, collection, [documentOf(poisoned)]);
        const [poisonEvent] = await appendAll(url, [creatorOf(poisoned)]);
        await appendAll(url, [creatorOf(healthy)]);
        await settled(processorCaughtUp(url, processor.processorId));

        const documents = await read();
        expect(documents[documentOf(healthy)], 'the event after the poison is processed').toBeDefined();
        expect(documents[documentOf(poisoned)]).toBeUndefined();
        const letters = await listDeadLetters(url, { processorId: processor.processorId });
        const letter = letters.find((l) => l.messageId === poisonEvent!.messageId);
        expect(letter, letters.map((l) => `${l.messageType} ${l.streamName}: ${l.errorMessage}`).join('; ')).toMatchObject({ messageType: poisonEvent!.type, streamName: poisonEvent!.streamName, attempts: processor.retry.maxAttempts });
        // Each failed attempt and the dead letter are logged with the event's coordinates.
        const deadLettered = logs.lines.filter((l) => l.msg === 'message dead-lettered' && l.eventId === poisonEvent!.messageId);
        expect(deadLettered).toHaveLength(1);
        expect(deadLettered[0]).toMatchObject({ processorId: processor.processorId, streamName: poisonEvent!.streamName, streamPosition: String(poisonEvent!.streamPosition), globalPosition: String(poisonEvent!.globalPosition) });
        expect(logs.lines.filter((l) => l.msg === 'message handling failed; retrying' && l.eventId === poisonEvent!.messageId)).toHaveLength(processor.retry.maxAttempts - 1);
        // The consumer never stopped: healthy, and the dead-letter depth is exported.
        const server = await service.serve();
        try {
          expect(await fetchHealth(server.url)).toMatchObject({ status: 200, body: { checks: { [`consumer:${NAME}`]: { ok: true, detail: 'restarts: 0' } } } });
          expect(metricValue(await scrape(server.url), 'stormsmith_dead_letters', NAME)).toBe(letters.length);
        } finally {
          await server.close();
        }
      } finally {
        await service.stop();
        // The cause is fixed; the letters are retried by the ops command below, oldest first.
        await cure(url);
      }

      const dryRun = await withOpsIO((io, eventStore) => runOps(['dlq', 'retry', '--processor', NAME, '--dry-run'], createOpsRegistry(url, eventStore), io), url);
      expect(dryRun.code, dryRun.err).toBe(0);
      const lettersBefore = await listDeadLetters(url, { processorId: processor.processorId });
      expect(lettersBefore.length, 'a dry run retries nothing').toBeGreaterThan(0);
      const retried = await withOpsIO((io, eventStore) => runOps(['dlq', 'retry', '--processor', NAME], createOpsRegistry(url, eventStore), io), url);
      expect(retried.code, retried.err).toBe(0);
      expect(await listDeadLetters(url, { processorId: processor.processorId })).toEqual([]);
      // The retried document is what the handler makes of its letters, oldest first.
      const expected = lettersBefore
        .map((l) => ({ type: l.messageType, data: l.data }) as unknown as E)
        .filter((event) => documentId(event) === documentOf(poisoned))
        .reduce<D | null>((document, event) => evolve(document, event), null);
      expect(expected).not.toBeNull();
      expect((await readOf([poisoned]))[documentOf(poisoned)]).toMatchObject(expected!);
    },
  );

  modelCaseProbed(
    `${NAME}: ops rebuild yields the same read model as live processing, and live processing resumes after it`,
    () => lifeOf(0),
    async () => {
      const url = database.connectionString;
      const keys = freshKeys(4);
      await appendAll(url, keys.flatMap((key) => lifeOf(key)));
      let service = createService({ connectionString: url, logger: captureLogs().logger });
      service.start([processor.processorId]);
      await settled(processorCaughtUp(url, processor.processorId));
      await service.stop();
      const live = await readOf(keys);
      for (const key of keys) expect(live[documentOf(key)]).toBeDefined();

      const dryRun = await withOpsIO((io, eventStore) => runOps(['rebuild', NAME, '--dry-run'], createOpsRegistry(url, eventStore), io), url);
      expect(dryRun.code, dryRun.err).toBe(0);
      expect(await readOf(keys)).toEqual(live);
      const rebuilt = await withOpsIO((io, eventStore) => runOps(['rebuild', NAME], createOpsRegistry(url, eventStore), io), url);
      expect(rebuilt.code, rebuilt.err).toBe(0);
      expect(await readOf(keys)).toEqual(live);

      // The live processor continues after the rebuilt position: nothing replayed, nothing skipped.
      // Where the key's values are all used (a boolean), the later event updates a document of the keys.
      const later = freshKey();
      await appendAll(url, [creatorOf(later)]);
      service = createService({ connectionString: url, logger: captureLogs().logger });
      try {
        service.start([processor.processorId]);
        await settled(processorCaughtUp(url, processor.processorId));
      } finally {
        await service.stop();
      }
      const after = await readOf([...keys, later]);
      const expected = evolve(live[documentOf(later)] ?? null, creatorOf(later).event);
      if (expected === null) expect(after[documentOf(later)]).toBeUndefined();
      else expect(after[documentOf(later)]).toMatchObject(expected);
      for (const key of keys) if (documentOf(key) !== documentOf(later)) expect(after[documentOf(key)]).toEqual(live[documentOf(key)]);
    },
  );

  modelCaseProbed(
    `${NAME}: the lag metric is the real distance to the head of its event types`,
    () => lifeOf(0),
    async () => {
      const url = database.connectionString;
      const service = createService({ connectionString: url, logger: captureLogs().logger });
      const server = await service.serve();
      try {
        await service.operations.prepare();
        const before = await realDistance(url, processor);
        const keys = [freshKey(), freshKey(), freshKey()];
        const appended = await appendAll(url, keys.map((key) => creatorOf(key)));
        // Events of other types are not the processor's distance.
        await appendAll(url, [{ stream: `ops_lag_probe-${randomUUID()}`, event: { type: 'OpsLagProbeIgnored', data: {} } as never }]);
        expect(appended).toHaveLength(3);
        expect(await realDistance(url, processor)).toBe(before + 3);
        expect(metricValue(await scrape(server.url), 'stormsmith_processor_lag_events', NAME)).toBe(before + 3);

        service.start([processor.processorId]);
        await settled(processorCaughtUp(url, processor.processorId));
        expect(await realDistance(url, processor)).toBe(0);
        expect(metricValue(await scrape(server.url), 'stormsmith_processor_lag_events', NAME)).toBe(0);
      } finally {
        await server.close();
        await service.stop();
      }
    },
  );
};
