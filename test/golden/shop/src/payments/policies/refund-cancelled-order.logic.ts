// Policy RefundCancelledOrder (payments.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Read only what `reads` gives them: the generated reactor sends what they return.
import { notImplemented } from '../../runtime/index.js';
import type { OrderCancelled } from '../../ordering/order/events.js';
import type { PolicyTrigger } from '../../runtime/index.js';
import type { RefundPayment } from '../payment/commands.js';
import type { RefundCancelledOrderReads } from './refund-cancelled-order.js';

/**
 * RefundCancelledOrder (payments.yaml): Finds the order's payment in PaymentsByOrder; nothing to do when it was never captured.
 * On OrderCancelled, issue RefundPayment (return [] to issue nothing).
 * `reads` gives typed access to PaymentsByOrder.
 * `trigger` is the event's envelope: its id, stream and positions, and `newId(name)`, a new identity that a redelivered event gets again.
 */
export function reactRefundCancelledOrderOnOrderCancelled(event: OrderCancelled, trigger: PolicyTrigger, reads: RefundCancelledOrderReads): Promise<RefundPayment | RefundPayment[]> {
  return notImplemented('RefundCancelledOrder: on OrderCancelled (payments.yaml) is not written yet; the model does not say where the fields of RefundPayment come from');
}
