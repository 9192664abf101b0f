// Policy FailWhenDeclined (payments.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.
import type { PolicyTrigger } from '../../runtime/index.js';
import type { ChargeDeclined } from '../external-events.js';
import type { FailPayment } from '../payment/commands.js';

/**
 * FailWhenDeclined (payments.yaml).
 * On ChargeDeclined, issue FailPayment (return [] to issue nothing).
 * Default from the model: every command field comes from the event.
 * `trigger` is the event's envelope: its id, stream and positions, and `newId(name)`, a new identity that a redelivered event gets again.
 */
export function reactFailWhenDeclinedOnChargeDeclined(event: ChargeDeclined, trigger: PolicyTrigger): FailPayment | FailPayment[] {
  return { type: 'FailPayment', data: { paymentId: event.data.paymentId, reason: event.data.reason } };
}
