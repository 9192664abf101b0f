// Issue 13 (10): published events leave through an outbox written in the append transaction,
// relayed to a real NATS JetStream (Debian's nats-server), with the event's message id as the
// de-duplication id, and consumed on the other side through an inbox: exactly once after
// de-duplication, even when the relay crashes between publishing and marking, and when the
// broker redelivers.
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeJetStream, natsJetStreamPublisher, type InboxMessage } from '../../templates/runtime/src/runtime/nats.js';
import { ensureOutbox, startOutboxRelay, type OutboxPublisher } from '../../templates/runtime/src/runtime/outbox.js';
import { createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { startNats, type RunningNats } from '../support/nats.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream, renewed, returned } from './fixtures/loans.js';
import { query } from './sql.js';

const postgres = usePostgres('outbox');
let nats: RunningNats;
beforeAll(async () => {
  nats = await startNats();
}, 30_000);
afterAll(async () => nats?.stop());

const waitFor = async (condition: () => Promise<boolean> | boolean, what: string) => {
  for (let i = 0; i < 300; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('outbox -> NATS JetStream -> inbox', () => {
  it('every published event is delivered to the consuming side exactly once; unpublished ones never', async () => {
    const url = postgres.connectionString;
    // The consuming context runs as its own service with its own database.
    const consumingUrl = await postgres.createDatabase('outbox_consumer');
    await ensureOutbox(consumingUrl);
    const store = createPostgresEventStore(url, { published: ['BookBorrowed', 'BookReturned'] });
    try {
      // 40 loans borrowed and returned by 8 concurrent writers; renewals are not published.
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < 40) {
            const id = `l${next++}`;
            await store.appendToStream(loanStream(id), [borrowed(id, 'm'), renewed(id)]);
            await store.appendToStream(loanStream(id), [returned(id, 'm')]);
          }
        }),
      );
      const outbox = await query<{ n: string }>(url, 'SELECT count(*)::text AS n FROM stormsmith_outbox');
      expect(Number(outbox[0]!.n)).toBe(80);

      // The relay crashes once between publishing a message and marking it (published twice).
      const publisher = await natsJetStreamPublisher({ servers: nats.url });
      let crashed = false;
      const crashingOnce: OutboxPublisher = {
        async publish(message) {
          await publisher.publish(message);
          if (!crashed && message.type === 'BookReturned') {
            crashed = true;
            throw new Error('relay crashed after publishing');
          }
        },
        close: () => publisher.close(),
      };
      const relay = startOutboxRelay({ connectionString: url, publisher: crashingOnce, idleMs: 20, lease: { retryMs: 100 }, onError: () => undefined });

      const received: InboxMessage[] = [];
      const consumer = await consumeJetStream({
        servers: nats.url,
        connectionString: consumingUrl,
        consumer: 'shipping-borrowed',
        eventTypes: ['BookBorrowed', 'BookReturned'],
        handle: async (message) => {
          received.push(message);
        },
      });
      try {
        await waitFor(async () => Number((await query<{ n: string }>(url, 'SELECT count(*)::text AS n FROM stormsmith_outbox WHERE published_at IS NULL'))[0]!.n) === 0, 'the relay');
        expect(crashed).toBe(true);
        // A redelivery the broker cannot de-duplicate (a new Nats-Msg-Id for an event already sent):
        // the inbox drops it.
        const [first] = await query<{ message_id: string }>(url, `SELECT message_id FROM stormsmith_outbox ORDER BY id LIMIT 1`);
        const [row] = await query<{ message_id: string; message_type: string; stream_name: string; data: unknown; metadata: Record<string, unknown> }>(url, `SELECT * FROM stormsmith_outbox WHERE message_id = $1`, [first!.message_id]);
        const raw = await connect({ servers: nats.url });
        const payload = { messageId: row!.message_id, type: row!.message_type, streamName: row!.stream_name, globalPosition: null, data: row!.data, metadata: row!.metadata };
        await raw.jetstream().publish(`events.${row!.message_type}`, new TextEncoder().encode(JSON.stringify(payload)), { msgID: `${row!.message_id}-again` });
        // JetStream dropped the relay's re-publish after its crash (same Nats-Msg-Id): 80 + this one.
        expect((await (await raw.jetstreamManager()).streams.info('STORMSMITH_EVENTS')).state.messages).toBe(81);
        await raw.drain();
        await waitFor(() => received.length >= 80, 'the consumer');
        await new Promise((r) => setTimeout(r, 500)); // anything extra would arrive now
      } finally {
        await consumer.stop();
        await relay.stop();
        await crashingOnce.close();
      }
      const ids = received.map((m) => m.metadata.messageId);
      expect(ids).toHaveLength(80);
      expect(new Set(ids).size).toBe(80);
      expect(new Set(received.map((m) => m.type))).toEqual(new Set(['BookBorrowed', 'BookReturned']));
      const inbox = await query<{ n: string }>(consumingUrl, 'SELECT count(*)::text AS n FROM stormsmith_inbox');
      expect(Number(inbox[0]!.n)).toBe(80);
    } finally {
      await store.close();
    }
  }, 90_000);
});
