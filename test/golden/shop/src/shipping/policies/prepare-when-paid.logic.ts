// Policy PrepareWhenPaid (shipping.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Read only what `reads` gives them: the generated reactor sends what they return.
import { notImplemented } from '../../runtime/index.js';
import type { PaymentCaptured } from '../../payments/payment/events.js';
import type { PolicyTrigger } from '../../runtime/index.js';
import type { PrepareShipment } from '../shipment/commands.js';
import type { PrepareWhenPaidReads } from './prepare-when-paid.js';

/**
 * PrepareWhenPaid (shipping.yaml): A new shipment per captured payment, to the address ShippingAddresses holds for the order.
 * On PaymentCaptured, issue PrepareShipment (return [] to issue nothing).
 * `reads` gives typed access to ShippingAddresses.
 * `trigger` is the event's envelope: its id, stream and positions, and `newId(name)`, a new identity that a redelivered event gets again.
 */
export function reactPrepareWhenPaidOnPaymentCaptured(event: PaymentCaptured, trigger: PolicyTrigger, reads: PrepareWhenPaidReads): Promise<PrepareShipment | PrepareShipment[]> {
  return notImplemented('PrepareWhenPaid: on PaymentCaptured (shipping.yaml) is not written yet; the model does not say where the fields of PrepareShipment come from');
}
