// Read model PaymentsByOrder (payments.yaml): how each event changes its document.
//
// This file is yours. Stormsmith created it once; when the projection gains a source event,
// `stormsmith generate` only adds a typed stub. Keep these functions pure: they run inline in
// the append transaction or in a consumer, and in the in-memory store in tests.
import { notImplemented } from '../../runtime/index.js';
import type { PaymentCaptured, PaymentFailed, PaymentRefunded, PaymentRequested } from '../payment/events.js';
import type { PaymentsByOrder } from './payments-by-order.js';

/**
 * PaymentsByOrder: how PaymentRequested (payments.yaml) changes the document keyed by orderId.
 * Return the new document, or null to delete it.
 */
export function onPaymentRequested(document: PaymentsByOrder | null, event: PaymentRequested): PaymentsByOrder | null {
  return notImplemented('PaymentsByOrder: onPaymentRequested (payments.yaml) is not written yet; the model does not say how PaymentRequested changes status');
}

/**
 * PaymentsByOrder: how PaymentCaptured (payments.yaml) changes the document keyed by orderId.
 * Return the new document, or null to delete it.
 */
export function onPaymentCaptured(document: PaymentsByOrder | null, event: PaymentCaptured): PaymentsByOrder | null {
  return notImplemented('PaymentsByOrder: onPaymentCaptured (payments.yaml) is not written yet; the model does not say how PaymentCaptured changes status');
}

/**
 * PaymentsByOrder: how PaymentFailed (payments.yaml) changes the document keyed by orderId.
 * Return the new document, or null to delete it.
 */
export function onPaymentFailed(document: PaymentsByOrder | null, event: PaymentFailed): PaymentsByOrder | null {
  return notImplemented('PaymentsByOrder: onPaymentFailed (payments.yaml) is not written yet; the model does not say how PaymentFailed changes status, amount');
}

/**
 * PaymentsByOrder: how PaymentRefunded (payments.yaml) changes the document keyed by orderId.
 * Return the new document, or null to delete it.
 */
export function onPaymentRefunded(document: PaymentsByOrder | null, event: PaymentRefunded): PaymentsByOrder | null {
  return notImplemented('PaymentsByOrder: onPaymentRefunded (payments.yaml) is not written yet; the model does not say how PaymentRefunded changes status');
}
