// Business logic of the Payment aggregate (payments.yaml).
//
// This file is yours. Stormsmith created it once and never rewrites it: when the model gains a
// command or an event, `stormsmith generate` only adds a typed stub here. The types hold you to
// the model: a decide function may return only the events its command emits, and reject only
// through `reject`, which offers exactly the command's `rejects`. Keep these functions pure.
import { modelDefault, notImplemented } from '../../runtime/index.js';
import type { CapturePayment, CapturePaymentRejections, FailPayment, FailPaymentRejections, RefundPayment, RefundPaymentRejections, RequestPayment, RequestPaymentRejections } from './commands.js';
import type { PaymentCaptured, PaymentFailed, PaymentRefunded, PaymentRequested } from './events.js';
import type { PaymentLifecycle, PaymentState } from './state.js';

/**
 * CapturePayment (payments.yaml).
 * Emits PaymentCaptured; rejects PaymentNotPending, PaymentNotFound.
 *
 * Invariants of Payment:
 * - Only a pending payment can be captured or failed. (payments.yaml)
 * - Only a captured payment can be refunded, and only once. (payments.yaml)
 */
export function decideCapturePayment(command: CapturePayment, state: PaymentState, reject: CapturePaymentRejections, lifecycle: PaymentLifecycle): PaymentCaptured | PaymentCaptured[] {
  if (lifecycle.status === 'absent') {
    return modelDefault('Payment: decide CapturePayment (payments.yaml) rejects by the existence rule of the model', reject.PaymentNotFound)('Payment does not exist: CapturePayment needs one');
  }
  return notImplemented('Payment: decide CapturePayment (payments.yaml) is not written yet; the model does not say where PaymentCaptured.orderId, PaymentCaptured.amount come from; keep: Only a pending payment can be captured or failed. Only a captured payment can be refunded, and only once.');
}

/**
 * FailPayment (payments.yaml).
 * Emits PaymentFailed; rejects PaymentNotPending, PaymentNotFound.
 *
 * Invariants of Payment:
 * - Only a pending payment can be captured or failed. (payments.yaml)
 * - Only a captured payment can be refunded, and only once. (payments.yaml)
 */
export function decideFailPayment(command: FailPayment, state: PaymentState, reject: FailPaymentRejections, lifecycle: PaymentLifecycle): PaymentFailed | PaymentFailed[] {
  if (lifecycle.status === 'absent') {
    return modelDefault('Payment: decide FailPayment (payments.yaml) rejects by the existence rule of the model', reject.PaymentNotFound)('Payment does not exist: FailPayment needs one');
  }
  return notImplemented('Payment: decide FailPayment (payments.yaml) is not written yet; the model does not say where PaymentFailed.orderId comes from; keep: Only a pending payment can be captured or failed. Only a captured payment can be refunded, and only once.');
}

/**
 * RefundPayment (payments.yaml): Issued by the refund policy on cancellation, or by finance by hand.
 * Emits PaymentRefunded; rejects PaymentNotCaptured, PaymentNotFound.
 *
 * Invariants of Payment:
 * - Only a pending payment can be captured or failed. (payments.yaml)
 * - Only a captured payment can be refunded, and only once. (payments.yaml)
 */
export function decideRefundPayment(command: RefundPayment, state: PaymentState, reject: RefundPaymentRejections, lifecycle: PaymentLifecycle): PaymentRefunded | PaymentRefunded[] {
  if (lifecycle.status === 'absent') {
    return modelDefault('Payment: decide RefundPayment (payments.yaml) rejects by the existence rule of the model', reject.PaymentNotFound)('Payment does not exist: RefundPayment needs one');
  }
  return notImplemented('Payment: decide RefundPayment (payments.yaml) is not written yet; the model does not say where PaymentRefunded.orderId, PaymentRefunded.amount come from; keep: Only a pending payment can be captured or failed. Only a captured payment can be refunded, and only once.');
}

/**
 * RequestPayment (payments.yaml): Issued when an order is placed; asks the gateway to charge the order total.
 * Emits PaymentRequested; rejects PaymentAlreadyExists.
 *
 * Invariants of Payment:
 * - Only a pending payment can be captured or failed. (payments.yaml)
 * - Only a captured payment can be refunded, and only once. (payments.yaml)
 *
 * Default from the model: every emitted field comes from the command. Add the rules, and drop
 * the modelDefault wrapper: model specs that expect another outcome stay todo until you do.
 */
export function decideRequestPayment(command: RequestPayment, state: PaymentState, reject: RequestPaymentRejections, lifecycle: PaymentLifecycle): PaymentRequested | PaymentRequested[] {
  if (lifecycle.status === 'existing') {
    return modelDefault('Payment: decide RequestPayment (payments.yaml) rejects by the existence rule of the model', reject.PaymentAlreadyExists)('Payment already exists: RequestPayment creates one');
  }
  return modelDefault('Payment: decide RequestPayment (payments.yaml) is the default from the model', { type: 'PaymentRequested', data: { paymentId: command.data.paymentId, orderId: command.data.orderId, amount: command.data.amount } });
}

/**
 * How PaymentCaptured (payments.yaml) changes Payment.
 */
export function evolvePaymentCaptured(state: PaymentState, event: PaymentCaptured): PaymentState {
  return notImplemented('Payment: evolve PaymentCaptured (payments.yaml) is not written yet; the model does not say which state field gatewayReference changes');
}

/**
 * How PaymentFailed (payments.yaml) changes Payment.
 */
export function evolvePaymentFailed(state: PaymentState, event: PaymentFailed): PaymentState {
  return notImplemented('Payment: evolve PaymentFailed (payments.yaml) is not written yet; the model does not say which state field reason changes');
}

/**
 * How PaymentRefunded (payments.yaml) changes Payment.
 */
export function evolvePaymentRefunded(state: PaymentState, event: PaymentRefunded): PaymentState {
  return notImplemented('Payment: evolve PaymentRefunded (payments.yaml) is not written yet; the model does not say which state field reason changes');
}

/**
 * How PaymentRequested (payments.yaml) changes Payment.
 * Default from the model: state fields take the same-named event fields.
 */
export function evolvePaymentRequested(state: PaymentState, event: PaymentRequested): PaymentState {
  return { ...state, orderId: event.data.orderId, amount: event.data.amount };
}
