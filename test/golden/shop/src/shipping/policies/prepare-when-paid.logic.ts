// Policy PrepareWhenPaid (shipping.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.
import { notImplemented } from '../../runtime/index.js';
import type { PaymentCaptured } from '../../payments/payment/events.js';
import type { PrepareShipment } from '../shipment/commands.js';

/**
 * PrepareWhenPaid (shipping.yaml:97).
 * On PaymentCaptured, issue PrepareShipment (return [] to issue nothing).
 */
export function reactPrepareWhenPaidOnPaymentCaptured(event: PaymentCaptured): PrepareShipment | PrepareShipment[] {
  return notImplemented('PrepareWhenPaid: on PaymentCaptured (shipping.yaml:97) is not written yet; the model does not say where the fields of PrepareShipment come from');
}
