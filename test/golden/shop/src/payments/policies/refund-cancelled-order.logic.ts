// Policy RefundCancelledOrder (payments.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.
import { notImplemented } from '../../runtime/index.js';
import type { OrderCancelled } from '../../ordering/order/events.js';
import type { RefundPayment } from '../payment/commands.js';

/**
 * RefundCancelledOrder (payments.yaml:130): Finds the order's payment in PaymentsByOrder; nothing to do when it was never captured.
 * On OrderCancelled, issue RefundPayment (return [] to issue nothing).
 */
export function reactRefundCancelledOrderOnOrderCancelled(event: OrderCancelled): RefundPayment | RefundPayment[] {
  return notImplemented('RefundCancelledOrder: on OrderCancelled (payments.yaml:130) is not written yet; the model does not say where the fields of RefundPayment come from');
}
