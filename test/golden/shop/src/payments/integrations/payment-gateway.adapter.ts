// Outbound adapter PaymentGateway (payments.yaml): how the service tells PaymentGateway about events.
//
// This file is yours. Stormsmith created it once; when PaymentGateway consumes a new event it only
// adds a typed stub. A thrown error is retried, then dead-lettered (`ops dlq retry` calls it again),
// so make each call idempotent on `delivery.eventId`.
import { notImplemented } from '../../runtime/index.js';
import type { PolicyTrigger } from '../../runtime/index.js';
import type { PaymentRequested } from '../payment/events.js';

/**
 * PaymentGateway (payments.yaml): The card processor. Our gateway adapter subscribes to PaymentRequested and opens a charge; the processor's webhook comes back as ChargeSucceeded or ChargeDeclined.
 * Tell it about PaymentRequested. `delivery.eventId` is the same on every redelivery: use it as the idempotency key of the call.
 */
export function onPaymentRequested(event: PaymentRequested, delivery: PolicyTrigger): Promise<void> {
  return notImplemented('PaymentGateway: telling it about PaymentRequested (payments.yaml) is not written yet');
}
