// Outbound adapter Mailer (lending.yaml): how the service tells Mailer about events.
//
// This file is yours. Stormsmith created it once; when Mailer consumes a new event it only
// adds a typed stub. A thrown error is retried, then dead-lettered (`ops dlq retry` calls it again),
// so make each call idempotent on `delivery.eventId`.
import { notImplemented } from '../../runtime/index.js';
import type { PolicyTrigger } from '../../runtime/index.js';
import type { ReminderSent } from '../loan/events.js';

/**
 * Mailer (lending.yaml): The branch's mail service; it emails the member each reminder the policy sends.
 * Tell it about ReminderSent. `delivery.eventId` is the same on every redelivery: use it as the idempotency key of the call.
 */
export function onReminderSent(event: ReminderSent, delivery: PolicyTrigger): Promise<void> {
  return notImplemented('Mailer: telling it about ReminderSent (lending.yaml) is not written yet');
}
