// Issue 17 (3): policies that start a new aggregate. The new identity comes from the trigger's
// delivery (processor, stored event id, name), the way issue 13's command ids do, so a redelivered
// trigger addresses the same new aggregate and issueOnce appends nothing new. With a random id the
// redelivery created a second aggregate.
import { randomUUID } from 'node:crypto';
import { CommandHandler, type Event } from '@event-driven-io/emmett';
import type { PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { describe, expect, it } from 'vitest';
import { issueOnce } from '../../templates/runtime/src/runtime/causation.js';
import { nameBasedUuid, policyTrigger } from '../../templates/runtime/src/runtime/policyTrigger.js';
import { loanStream } from './fixtures/loans.js';
import { usePolicyStore } from './policyRun.js';
import { query } from './sql.js';

type ChargeRequested = Event<'ChargeRequested', { chargeId: string; loanId: string }>;
// Not idempotent on purpose: every RequestCharge appends to the charge's stream.
const handleCharge = CommandHandler<{ requested: number }, ChargeRequested>({
  evolve: (state) => ({ requested: state.requested + 1 }),
  initialState: () => ({ requested: 0 }),
  mapToStreamId: (id) => `charge-${id}`,
});
const requestCharge = (store: PostgresEventStore, chargeId: string, loanId: string) =>
  handleCharge(store, chargeId, (): ChargeRequested => ({ type: 'ChargeRequested', data: { chargeId, loanId } }));

describe('policyTrigger (issue 17, item 3)', () => {
  it('newId is a version-5-layout UUID, the same for the same delivery and name, different otherwise', () => {
    const event = { type: 'BookBorrowed', data: { loanId: 'a' }, metadata: { messageId: '7d1c0b1e-0000-4000-8000-000000000001', streamName: 'loan-a', streamPosition: 1n, globalPosition: 9n } };
    const trigger = policyTrigger('lending:charge', event);
    expect(trigger).toMatchObject({ eventId: event.metadata.messageId, streamName: 'loan-a', streamPosition: 1n, globalPosition: 9n });
    const id = trigger.newId('RequestCharge.chargeId');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(policyTrigger('lending:charge', { ...event }).newId('RequestCharge.chargeId')).toBe(id);
    expect(id).toBe(nameBasedUuid(`lending:charge:${event.metadata.messageId}:RequestCharge.chargeId`));
    expect(trigger.newId('RequestCharge.otherId')).not.toBe(id);
    expect(policyTrigger('lending:other', event).newId('RequestCharge.chargeId')).not.toBe(id);
    expect(policyTrigger('lending:charge', { ...event, metadata: { ...event.metadata, messageId: randomUUID() } }).newId('RequestCharge.chargeId')).not.toBe(id);
  });

  it('an event built in a test (no stored id) is identified by its type and data, whatever the key order', () => {
    const a = policyTrigger('p', { type: 'T', data: { x: 1, y: { b: 2, a: 1 } } });
    const b = policyTrigger('p', { type: 'T', data: { y: { a: 1, b: 2 }, x: 1 } });
    expect(a.eventId).toBe(b.eventId);
    expect(a.newId('n')).toBe(b.newId('n'));
    expect(policyTrigger('p', { type: 'T', data: { x: 2 } }).eventId).not.toBe(a.eventId);
    expect(a).not.toHaveProperty('streamName');
  });
});

const policies = usePolicyStore('policy_trigger');
const { postgres, runPolicy } = policies;

describe('a policy that starts a new aggregate, on PostgreSQL (issue 17, item 3)', () => {
  const charges = () =>
    query<{ stream: string; metadata: Record<string, string> }>(
      postgres.connectionString,
      `SELECT stream_id AS stream, message_metadata AS metadata FROM emt_messages WHERE message_type = 'ChargeRequested' AND message_data ->> 'loanId' = $1 ORDER BY global_position`,
      ['a'],
    );

  const streamsOf = async (loanId: string) =>
    (await query<{ stream: string }>(postgres.connectionString, `SELECT stream_id AS stream FROM emt_messages WHERE message_data ->> 'loanId' = $1 ORDER BY global_position`, [loanId])).map((r) => r.stream);

  it('the identity alone (no command-id look-up): a random one starts a second aggregate on redelivery, newId names the same one', async () => {
    await runPolicy('charge-random', (event) => requestCharge(policies.store, randomUUID(), `${event.data.loanId}-random`));
    const random = await streamsOf('a-random');
    expect(new Set(random).size).toBe(2);
    await runPolicy('charge-derived', (event) => requestCharge(policies.store, policyTrigger('charge-derived', event).newId('chargeId'), `${event.data.loanId}-derived`));
    const derived = await streamsOf('a-derived');
    // Same aggregate both times; this handler does not check existence, so only issueOnce keeps it from a second event.
    expect(derived).toHaveLength(2);
    expect(new Set(derived).size).toBe(1);
  });

  it('with trigger.newId, the redelivered trigger appends nothing new and names the same aggregate', async () => {
    const seen: string[] = [];
    await runPolicy('lending:charge', async (event) => {
      const trigger = policyTrigger('lending:charge', event);
      const chargeId = trigger.newId('RequestCharge.chargeId');
      seen.push(chargeId);
      await issueOnce(policies.store, { processorId: 'lending:charge', trigger: event, index: 0 }, (s) => requestCharge(s, chargeId, event.data.loanId));
    });
    // Two deliveries, one id.
    expect(seen).toHaveLength(2);
    expect(new Set(seen).size).toBe(1);
    const [trigger] = await query<{ id: string }>(postgres.connectionString, `SELECT message_id::text AS id FROM emt_messages WHERE stream_id = $1`, [loanStream('a')]);
    const expected = nameBasedUuid(`lending:charge:${trigger!.id}:RequestCharge.chargeId`);
    const stored = await charges();
    expect(stored.map((c) => c.stream)).toEqual([`charge-${expected}`]);
    expect(stored[0]!.metadata).toMatchObject({ commandId: `lending:charge:${trigger!.id}:0`, causationId: trigger!.id });
  });
});
