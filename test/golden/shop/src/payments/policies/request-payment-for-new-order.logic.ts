// Policy RequestPaymentForNewOrder (payments.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.
import type { OrderPlaced } from '../../ordering/order/events.js';
import type { PolicyTrigger } from '../../runtime/index.js';
import type { RequestPayment } from '../payment/commands.js';

/**
 * RequestPaymentForNewOrder (payments.yaml): Starts a new payment for every order; a redelivered OrderPlaced finds the same payment.
 * On OrderPlaced, issue RequestPayment (return [] to issue nothing).
 * Default from the model: the fields come from the event and the policy's `with:`.
 * `trigger` is the event's envelope: its id, stream and positions, and `newId(name)`, a new identity that a redelivered event gets again.
 */
export function reactRequestPaymentForNewOrderOnOrderPlaced(event: OrderPlaced, trigger: PolicyTrigger): RequestPayment | RequestPayment[] {
  return { type: 'RequestPayment', data: { paymentId: trigger.newId('RequestPayment.paymentId'), orderId: event.data.orderId, amount: event.data.total } };
}
