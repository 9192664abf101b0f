// Blue/green rebuild by projection version: v2 is rebuilt into its own collection while v1 keeps
// serving (and keeps being projected), then readers switch to v2; dropping v1 is a separate step.
import { getPostgreSQLEventStore, pongoMultiStreamProjection } from '@event-driven-io/emmett-postgresql';
import { describe, expect, it } from 'vitest';
import {
  dropProjectionVersion,
  liveCollection,
  LiveVersionError,
  rebuildProjectionVersion,
  switchLiveVersion,
  versionedCollection,
  versionedProcessorId,
} from '../../templates/runtime/src/runtime/blueGreen.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream, returned, type LoanEvent } from './fixtures/loans.js';
import { pongoDocuments, query } from './sql.js';

const NAME = 'LoansByMember';
const COLLECTION = 'loans_by_member';
const PROCESSOR_ID = 'lending:loans-by-member';

type V1 = { active: number };
type V2 = { active: number; returned: number };
const memberOf = (event: LoanEvent) => (event.data as { memberId: string }).memberId;
const evolveV1 = (doc: V1 | null, event: LoanEvent): V1 => ({ active: (doc?.active ?? 0) + (event.type === 'BookBorrowed' ? 1 : -1) });
const evolveV2 = (doc: V2 | null, event: LoanEvent): V2 => ({
  active: (doc?.active ?? 0) + (event.type === 'BookBorrowed' ? 1 : -1),
  returned: (doc?.returned ?? 0) + (event.type === 'BookReturned' ? 1 : 0),
});

const projectionV1 = pongoMultiStreamProjection<V1, LoanEvent>({
  collectionName: versionedCollection(COLLECTION, 1),
  canHandle: ['BookBorrowed', 'BookReturned'],
  getDocumentId: memberOf,
  evolve: evolveV1,
});
/** Version 2, whose evolve waits at `gate` on its third event: the rebuild is then provably running. */
const projectionV2 = (gate: { reached: () => void; open: Promise<void> }) => {
  let seen = 0;
  return pongoMultiStreamProjection<V2, LoanEvent>({
    collectionName: versionedCollection(COLLECTION, 2),
    canHandle: ['BookBorrowed', 'BookReturned'],
    getDocumentId: memberOf,
    evolve: async (doc: V2 | null, event: LoanEvent): Promise<V2> => {
      if (++seen === 3) {
        gate.reached();
        await gate.open;
      }
      return evolveV2(doc, event);
    },
  });
};

/** The read model folded from scratch over every stored event, in global order. */
const foldAll = async <Doc>(url: string, evolve: (doc: Doc | null, event: LoanEvent) => Doc) => {
  const rows = await query<{ message_type: string; message_data: unknown }>(
    url,
    `SELECT message_type, message_data FROM emt_messages WHERE message_type IN ('BookBorrowed', 'BookReturned') ORDER BY global_position`,
  );
  const docs: Record<string, Doc> = {};
  for (const row of rows) {
    const event = { type: row.message_type, data: row.message_data } as LoanEvent;
    docs[memberOf(event)] = evolve(docs[memberOf(event)] ?? null, event);
  }
  return docs;
};

const withoutBookkeeping = <Doc extends object>(docs: Record<string, Doc>) =>
  Object.fromEntries(
    Object.entries(docs).map(([id, doc]) => [id, Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_')))]),
  );

/** What a reader sees: the documents of the collection the live version points to (none yet: {}). */
const read = async (url: string) => {
  const collection = await liveCollection(url, NAME, COLLECTION);
  const exists = await query<{ t: string | null }>(url, 'SELECT to_regclass($1)::text AS t', [collection]);
  return exists[0]?.t == null ? {} : withoutBookkeeping(await pongoDocuments<object>(url, collection));
};

const waitFor = async (condition: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 300; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('blue/green rebuild by projection version on PostgreSQL', () => {
  const postgres = usePostgres('blue_green');

  it('v1 serves and stays live during the rebuild of v2; after the switch reads come from v2, equal to a fold from scratch', async () => {
    const url = postgres.connectionString;
    const store = getPostgreSQLEventStore(url);
    await store.schema.migrate();
    // The live v1 projector keeps running the whole time (the lock key includes the version).
    const live = store.consumer<LoanEvent>({ pulling: { batchSize: 2, pullingFrequencyInMs: 20 } });
    live.projector<LoanEvent>({ processorId: versionedProcessorId(PROCESSOR_ID, 1), projection: projectionV1 });
    const running = live.start();
    try {
      for (const [loan, member] of [['l1', 'm1'], ['l2', 'm1'], ['l3', 'm2'], ['l4', 'm2'], ['l5', 'm3']])
        await store.appendToStream(loanStream(loan!), [borrowed(loan!, member!)]);
      await store.appendToStream(loanStream('l2'), [returned('l2', 'm1')]);
      const v1Now = async () => JSON.stringify(await read(url)) === JSON.stringify(await foldAll(url, evolveV1));
      await waitFor(v1Now, 'v1 to catch up');

      let reached!: () => void;
      const atGate = new Promise<void>((resolve) => (reached = resolve));
      let open!: () => void;
      const gate = { reached, open: new Promise<void>((resolve) => (open = resolve)) };
      const rebuild = rebuildProjectionVersion({
        connectionString: url,
        projection: projectionV2(gate),
        name: NAME,
        version: 2,
        processorId: PROCESSOR_ID,
        batchSize: 2,
      });
      await atGate;

      // During the rebuild: readers get v1, and v1 keeps projecting new events.
      expect(await liveCollection(url, NAME, COLLECTION)).toBe(COLLECTION);
      expect(await read(url)).toEqual(await foldAll(url, evolveV1));
      await store.appendToStream(loanStream('l6'), [borrowed('l6', 'm1')]);
      await store.appendToStream(loanStream('l3'), [returned('l3', 'm2')]);
      await waitFor(v1Now, 'v1 to project the events appended during the rebuild');
      expect(await read(url)).toMatchObject({ m1: { active: 2 }, m2: { active: 1 } });

      open();
      const result = await rebuild;
      expect(result.processorId).toBe(`${PROCESSOR_ID}:v2`);
      const last = await query<{ p: string }>(url, 'SELECT max(global_position)::text AS p FROM emt_messages');
      expect(result.checkpoint).toBe(BigInt(last[0]!.p));
      expect(await read(url)).toEqual(await foldAll(url, evolveV1)); // not switched yet

      await switchLiveVersion(url, NAME, 2);
      expect(await liveCollection(url, NAME, COLLECTION)).toBe('loans_by_member_v2');
      const v2 = await foldAll(url, evolveV2);
      expect(v2).toMatchObject({ m1: { active: 2, returned: 1 }, m2: { active: 1, returned: 1 }, m3: { active: 1, returned: 0 } });
      expect(await read(url)).toEqual(v2);

      // The live version cannot be rebuilt aside or dropped; the old one is kept until dropped.
      await expect(
        rebuildProjectionVersion({ connectionString: url, projection: projectionV2(gate), name: NAME, version: 2, processorId: PROCESSOR_ID }),
      ).rejects.toBeInstanceOf(LiveVersionError);
      await expect(
        dropProjectionVersion(url, { name: NAME, collection: COLLECTION, processorId: PROCESSOR_ID, version: 2 }),
      ).rejects.toBeInstanceOf(LiveVersionError);
      expect(Object.keys(await pongoDocuments(url, COLLECTION))).toEqual(['m1', 'm2', 'm3']);
    } finally {
      await live.stop();
      await running;
      await store.close();
    }
    await dropProjectionVersion(url, { name: NAME, collection: COLLECTION, processorId: PROCESSOR_ID, version: 1 });
    expect(await query(url, 'SELECT to_regclass($1)::text AS t', [COLLECTION])).toEqual([{ t: null }]);
    expect(await query(url, 'SELECT processor_id FROM emt_processors ORDER BY processor_id')).toEqual([{ processor_id: `${PROCESSOR_ID}:v2` }]);
    expect(await read(url)).toEqual(await foldAll(url, evolveV2));
  });
});
