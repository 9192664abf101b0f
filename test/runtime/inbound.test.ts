// Issue 13 (10): a context run as its own service imports the other contexts' published events
// from NATS JetStream into its own event store (inbound.ts), once each: through the broker's
// de-duplication, the inbox, and, for a redelivery that got past the inbox (a crash after the
// append, before the inbox row committed), the import stream that already exists.
import { connect, nanos } from 'nats';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { importPublishedEvents, inboundStreamName } from '../../templates/runtime/src/runtime/inbound.js';
import { natsJetStreamPublisher } from '../../templates/runtime/src/runtime/nats.js';
import { startOutboxRelay } from '../../templates/runtime/src/runtime/outbox.js';
import { startNats, type RunningNats } from '../support/nats.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream, renewed } from './fixtures/loans.js';
import { query } from './sql.js';

const postgres = usePostgres('inbound');
let nats: RunningNats;
beforeAll(async () => {
  nats = await startNats();
}, 30_000);
afterAll(async () => nats?.stop());

const waitFor = async (condition: () => Promise<boolean>, what: string, tries = 600) => {
  for (let i = 0; i < tries; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A consuming service's own database and event store, closed afterwards. */
const withConsumingStore = async (databasePrefix: string, run: (url: string, store: ReturnType<typeof createPostgresEventStore>) => Promise<void>) => {
  const url = await postgres.createDatabase(databasePrefix);
  const store = createPostgresEventStore(url);
  await store.schema.migrate();
  try {
    await run(url, store);
  } finally {
    await store.close();
  }
};

it('imports each published event once into the consuming service, whatever is redelivered', async () => {
  const url = postgres.connectionString;
  const consumingUrl = await postgres.createDatabase('inbound_consumer');
  const producer = createPostgresEventStore(url, { published: ['BookBorrowed'] });
  const consuming = createPostgresEventStore(consumingUrl);
  await consuming.schema.migrate();
  try {
    for (let i = 0; i < 30; i++) await producer.appendToStream(loanStream(`l${i}`), [{ ...borrowed(`l${i}`, 'm'), metadata: { commandId: `desk:${i}`, correlationId: `c${i}` } }, renewed(`l${i}`)]);
    const outbox = await query<{ message_id: string; message_type: string; stream_name: string; data: unknown; metadata: Record<string, unknown> }>(url, 'SELECT * FROM stormsmith_outbox ORDER BY id');
    expect(outbox).toHaveLength(30);
    // A redelivery that got past the inbox: the first event was imported, its inbox row never committed.
    const first = outbox[0]!;
    await consuming.appendToStream(inboundStreamName(first.message_id), [{ type: first.message_type, data: first.data as Record<string, unknown> }]);

    const publisher = await natsJetStreamPublisher({ servers: nats.url });
    const relay = startOutboxRelay({ connectionString: url, publisher, idleMs: 20, lease: { retryMs: 100 } });
    const importing = await importPublishedEvents({ servers: nats.url, connectionString: consumingUrl, consumer: 'stormsmith-shipping', eventTypes: ['BookBorrowed'], eventStore: consuming });
    try {
      // A redelivery the broker cannot de-duplicate (a new Nats-Msg-Id): the inbox drops it.
      const second = outbox[1]!;
      const raw = await connect({ servers: nats.url });
      await raw.jetstream().publish(`events.${second.message_type}`, new TextEncoder().encode(JSON.stringify({ messageId: second.message_id, type: second.message_type, streamName: second.stream_name, globalPosition: null, data: second.data, metadata: second.metadata })), { msgID: `${second.message_id}-again` });
      await raw.drain();
      const inbox = async () => Number((await query<{ n: string }>(consumingUrl, 'SELECT count(*)::text AS n FROM stormsmith_inbox'))[0]!.n);
      await waitFor(async () => (await inbox()) >= 30, 'the import');
      await new Promise((r) => setTimeout(r, 500)); // anything extra would arrive now
      expect(await inbox()).toBe(30);
    } finally {
      await importing.stop();
      await relay.stop();
      await publisher.close();
    }
    const imported = await query<{ stream_id: string; message_type: string; metadata: Record<string, unknown> }>(consumingUrl, `SELECT stream_id, message_type, message_metadata AS metadata FROM emt_messages ORDER BY global_position`);
    expect(imported).toHaveLength(30);
    expect(new Set(imported.map((e) => e.stream_id))).toEqual(new Set(outbox.map((o) => inboundStreamName(o.message_id))));
    expect(imported.every((e) => e.message_type === 'BookBorrowed')).toBe(true);
    // The origin is kept; the producer's commandId is renamed (it names a command of the other service).
    const sample = imported.find((e) => e.stream_id === inboundStreamName(outbox[5]!.message_id))!;
    expect(sample.metadata).toMatchObject({ sourceMessageId: outbox[5]!.message_id, sourceStreamName: loanStream('l5'), sourceCommandId: 'desk:5', correlationId: 'c5' });
    expect(sample.metadata.commandId).toBeUndefined();
  } finally {
    await producer.close();
    await consuming.close();
  }
}, 90_000);

it('keeps its durable consumer when a new version of the service imports more event types', async () => {
  await withConsumingStore('inbound_upgrade', async (consumingUrl, consuming) => {
    const before = await importPublishedEvents({ servers: nats.url, connectionString: consumingUrl, consumer: 'stormsmith-upgrade', eventTypes: ['BookBorrowed'], eventStore: consuming });
    await before.stop();
    // The next version consumes BookReturned too: same durable consumer, wider filter.
    const after = await importPublishedEvents({ servers: nats.url, connectionString: consumingUrl, consumer: 'stormsmith-upgrade', eventTypes: ['BookBorrowed', 'BookReturned'], eventStore: consuming });
    await after.stop();
    const raw = await connect({ servers: nats.url });
    const info = await (await raw.jetstreamManager()).consumers.info('STORMSMITH_EVENTS', 'stormsmith-upgrade');
    await raw.drain();
    expect(info.config.filter_subject).toBe('events.>');
  });
}, 60_000);

const ackWaitOf = async (consumer: string) => {
  const raw = await connect({ servers: nats.url });
  try {
    return (await (await raw.jetstreamManager()).consumers.info('STORMSMITH_EVENTS', consumer)).config.ack_wait;
  } finally {
    await raw.drain();
  }
};

it('sets the ack wait of its durable consumer (NATS_ACK_WAIT_MS), also on an existing one; unset, JetStream\'s 30 s', async () => {
  await withConsumingStore('inbound_ack_wait', async (consumingUrl, consuming) => {
    const options = { servers: nats.url, connectionString: consumingUrl, consumer: 'stormsmith-ack-wait', eventTypes: ['BookBorrowed'], eventStore: consuming };
    await (await importPublishedEvents(options)).stop();
    expect(await ackWaitOf('stormsmith-ack-wait')).toBe(nanos(30_000));
    await (await importPublishedEvents({ ...options, ackWaitMs: 2_000 })).stop();
    expect(await ackWaitOf('stormsmith-ack-wait')).toBe(nanos(2_000));
    await (await importPublishedEvents(options)).stop();
    expect(await ackWaitOf('stormsmith-ack-wait')).toBe(nanos(30_000));
  });
}, 60_000);

// The shop soak's shipping kill: the last orders waited 30 s for messages the killed importer had
// taken. With a shorter ack wait they reach the next importer that much sooner.
it('a message an importer took and died with reaches the next importer after the ack wait', async () => {
  await withConsumingStore('inbound_held', async (consumingUrl, consuming) => {
    const options = { servers: nats.url, connectionString: consumingUrl, consumer: 'stormsmith-held', eventTypes: ['BookReturned'], eventStore: consuming, ackWaitMs: 1_000 };
    await (await importPublishedEvents(options)).stop();
    const messageId = '3c1d2e4f-0000-4000-8000-00000000abcd';
    const raw = await connect({ servers: nats.url });
    const js = raw.jetstream();
    await js.publish('events.BookReturned', new TextEncoder().encode(JSON.stringify({ messageId, type: 'BookReturned', streamName: loanStream('held'), globalPosition: null, data: { loanId: 'held' }, metadata: {} })), { msgID: messageId });
    // The importer that dies: it takes the message and its connection goes away without an ack.
    const taken = await (await js.consumers.get('STORMSMITH_EVENTS', 'stormsmith-held')).next({ expires: 10_000 });
    expect(taken?.seq).toBeGreaterThan(0);
    await raw.close();
    const importing = await importPublishedEvents(options);
    try {
      const imported = async () => (await query(consumingUrl, `SELECT 1 FROM emt_messages WHERE stream_id = $1`, [inboundStreamName(messageId)])).length === 1;
      // Well before JetStream's default 30 s (which is what it waited before NATS_ACK_WAIT_MS).
      await waitFor(imported, 'the redelivery to the next importer', 240);
    } finally {
      await importing.stop();
    }
  });
}, 60_000);
