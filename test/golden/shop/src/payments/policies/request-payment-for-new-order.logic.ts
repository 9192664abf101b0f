// Policy RequestPaymentForNewOrder (payments.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.
import { notImplemented } from '../../runtime/index.js';
import type { OrderPlaced } from '../../ordering/order/events.js';
import type { RequestPayment } from '../payment/commands.js';

/**
 * RequestPaymentForNewOrder (payments.yaml:121).
 * On OrderPlaced, issue RequestPayment (return [] to issue nothing).
 */
export function reactRequestPaymentForNewOrderOnOrderPlaced(event: OrderPlaced): RequestPayment | RequestPayment[] {
  return notImplemented('RequestPaymentForNewOrder: on OrderPlaced (payments.yaml:121) is not written yet; the model does not say where the fields of RequestPayment come from');
}
