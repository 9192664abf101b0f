// Policy CancelWhenPaymentFails (ordering.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.
import { notImplemented } from '../../runtime/index.js';
import type { PaymentFailed } from '../../payments/payment/events.js';
import type { PolicyTrigger } from '../../runtime/index.js';
import type { CancelOrder } from '../order/commands.js';

/**
 * CancelWhenPaymentFails (ordering.yaml): No stock is held for unpaid orders; a failed payment ends the order.
 * On PaymentFailed, issue CancelOrder (return [] to issue nothing).
 * `trigger` is the event's envelope: its id, stream and positions, and `newId(name)`, a new identity that a redelivered event gets again.
 */
export function reactCancelWhenPaymentFailsOnPaymentFailed(event: PaymentFailed, trigger: PolicyTrigger): CancelOrder | CancelOrder[] {
  return notImplemented('CancelWhenPaymentFails: on PaymentFailed (ordering.yaml) is not written yet; the model does not say where the fields of CancelOrder come from');
}
