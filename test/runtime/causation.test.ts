// Issue 13 (4): idempotent policies. A policy's commands are appended outside its batch
// transaction; a batch read again (after a failed attempt, a crash, a takeover) used to send
// them again. And a business rejection was retried and dead-lettered like a fault.
import { CommandHandler, type Event } from '@event-driven-io/emmett';
import type { PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { describe, expect, it } from 'vitest';
import { issueOnce } from '../../templates/runtime/src/runtime/causation.js';
import { withDeadLetter, type TransactionalContext } from '../../templates/runtime/src/runtime/deadLetters.js';
import { DomainRejection } from '../../templates/runtime/src/runtime/errors.js';
import { loanStream, type LoanEvent } from './fixtures/loans.js';
import { usePolicyStore } from './policyRun.js';
import { runToEnd } from './runToEnd.js';
import { query } from './sql.js';

type ReminderSent = Event<'ReminderSent', { loanId: string }>;
// Not idempotent on purpose: every SendReminder appends one more ReminderSent.
const handleReminder = CommandHandler<{ sent: number }, ReminderSent>({
  evolve: (state) => ({ sent: state.sent + 1 }),
  initialState: () => ({ sent: 0 }),
  mapToStreamId: (id) => `reminder-${id}`,
});
const sendReminder = (store: PostgresEventStore, loanId: string) =>
  handleReminder(store, loanId, (): ReminderSent => ({ type: 'ReminderSent', data: { loanId } }));
const refuseReminder = (store: PostgresEventStore, loanId: string) =>
  handleReminder(store, loanId, (): ReminderSent => {
    throw new DomainRejection('MemberOptedOut', 'the member opted out of reminders');
  });

const policies = usePolicyStore('causation');
const { postgres, runPolicy } = policies;

describe('policies (issue 13, item 4)', () => {
  const reminders = (loanId: string) =>
    query<{ metadata: Record<string, string> }>(postgres.connectionString, `SELECT message_metadata AS metadata FROM emt_messages WHERE stream_id = $1 ORDER BY global_position`, [
      `reminder-${loanId}`,
    ]);

  it('without a command id, the redelivered trigger sends its command twice', async () => {
    await runPolicy('bare-policy', (event) => sendReminder(policies.store, `bare-${event.data.loanId}`));
    expect(await reminders('bare-a')).toHaveLength(2);
  });

  it('issueOnce: the redelivered trigger appends nothing new; the event says what caused it', async () => {
    await runPolicy('remind', (event) =>
      issueOnce(policies.store, { processorId: 'remind', trigger: event, index: 0 }, (s) => sendReminder(s, event.data.loanId)),
    );
    const sent = await reminders('a');
    expect(sent).toHaveLength(1);
    const [trigger] = await query<{ id: string }>(postgres.connectionString, `SELECT message_id::text AS id FROM emt_messages WHERE stream_id = $1`, [loanStream('a')]);
    expect(sent[0]!.metadata).toMatchObject({ commandId: `remind:${trigger!.id}:0`, causationId: trigger!.id, correlationId: trigger!.id });
  });

  it('a business rejection is the trigger\'s recorded outcome: one attempt, no dead letter', async () => {
    let calls = 0;
    await runToEnd(() => {
      const consumer = policies.store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
      consumer.reactor<LoanEvent>({
        processorId: 'refuse',
        canHandle: ['BookBorrowed'],
        eachMessage: withDeadLetter<LoanEvent, TransactionalContext>(
          async (event) => {
            calls++;
            await issueOnce(policies.store, { processorId: 'refuse', trigger: event, index: 0 }, (s) => refuseReminder(s, event.data.loanId));
          },
          { processorId: 'refuse', maxAttempts: 3, backoff: { initialDelayMs: 1 }, onRetry: () => undefined, rejectionsAreOutcomes: true },
        ),
      });
      return consumer;
    });
    expect(calls).toBe(1);
    const outcomes = await query(postgres.connectionString, `SELECT processor_id, outcome, rejection, message, command_id IS NOT NULL AS has_command_id FROM stormsmith_policy_outcomes`);
    expect(outcomes).toEqual([
      { processor_id: 'refuse', outcome: 'rejected', rejection: 'MemberOptedOut', message: 'the member opted out of reminders', has_command_id: true },
    ]);
    const dead = await query(postgres.connectionString, `SELECT 1 FROM stormsmith_dead_letters WHERE processor_id = 'refuse'`).catch(() => []);
    expect(dead).toEqual([]);
  });

  it('without rejectionsAreOutcomes (as before), the rejection is retried and dead-lettered', async () => {
    let calls = 0;
    await runToEnd(() => {
      const consumer = policies.store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
      consumer.reactor<LoanEvent>({
        processorId: 'refuse-bare',
        canHandle: ['BookBorrowed'],
        eachMessage: withDeadLetter<LoanEvent, TransactionalContext>(
          async (event) => {
            calls++;
            await refuseReminder(policies.store, event.data.loanId);
          },
          { processorId: 'refuse-bare', maxAttempts: 3, backoff: { initialDelayMs: 1 }, onRetry: () => undefined, onDeadLetter: () => undefined },
        ),
      });
      return consumer;
    });
    expect(calls).toBe(3);
    expect(await query(postgres.connectionString, `SELECT attempts FROM stormsmith_dead_letters WHERE processor_id = 'refuse-bare'`)).toEqual([{ attempts: 3 }]);
  });
});
