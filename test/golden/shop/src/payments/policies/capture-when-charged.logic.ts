// Policy CaptureWhenCharged (payments.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.
import type { ChargeSucceeded } from '../external-events.js';
import type { CapturePayment } from '../payment/commands.js';

/**
 * CaptureWhenCharged (payments.yaml:124).
 * On ChargeSucceeded, issue CapturePayment (return [] to issue nothing).
 * Default from the model: every command field comes from the event.
 */
export function reactCaptureWhenChargedOnChargeSucceeded(event: ChargeSucceeded): CapturePayment | CapturePayment[] {
  return { type: 'CapturePayment', data: { paymentId: event.data.paymentId, gatewayReference: event.data.gatewayReference } };
}
