// One case per command of Payment (payments.yaml).
//
// This file is yours: Stormsmith created it once with the outcome the model implies and never
// rewrites it. Add your own cases here; the model's specs live in payment.specs.test.ts.
import { expect } from 'vitest';
import { paymentDecider } from '../../src/payments/payment/decider.js';
import { deciderSpec, modelCase } from '../support/model-case.js';

const given = deciderSpec(paymentDecider);

modelCase('CapturePayment on a new Payment', () => {
  // While decideCapturePayment is a stub this case is todo. Once you have written it,
  // replace the line below with the outcome you expect (then, thenThrows, thenNothingHappened).
  given([]).when({ type: 'CapturePayment', data: {
      paymentId: 'a7c488a4-0000-4000-8000-a162ec8588a4',
      gatewayReference: 'gatewayReference-1',
    } }).thenNothingHappened();
  expect.fail('decideCapturePayment has logic now: write the outcome this case expects');
});

modelCase('FailPayment on a new Payment', () => {
  // While decideFailPayment is a stub this case is todo. Once you have written it,
  // replace the line below with the outcome you expect (then, thenThrows, thenNothingHappened).
  given([]).when({ type: 'FailPayment', data: { paymentId: 'a7c488a4-0000-4000-8000-a162ec8588a4', reason: 'reason-1' } }).thenNothingHappened();
  expect.fail('decideFailPayment has logic now: write the outcome this case expects');
});

modelCase('RefundPayment on a new Payment', () => {
  // While decideRefundPayment is a stub this case is todo. Once you have written it,
  // replace the line below with the outcome you expect (then, thenThrows, thenNothingHappened).
  given([]).when({ type: 'RefundPayment', data: { paymentId: 'a7c488a4-0000-4000-8000-a162ec8588a4', reason: 'reason-1' } }).thenNothingHappened();
  expect.fail('decideRefundPayment has logic now: write the outcome this case expects');
});

modelCase('RequestPayment on a new Payment', () =>
  given([])
    .when({ type: 'RequestPayment', data: {
      paymentId: 'a7c488a4-0000-4000-8000-a162ec8588a4',
      orderId: 'f6d8263a-0000-4000-8000-af43f95b263a',
      amount: { amount: 1, currency: 'EUR' },
    } })
    .then([
      { type: 'PaymentRequested', data: {
        paymentId: 'a7c488a4-0000-4000-8000-a162ec8588a4',
        orderId: 'f6d8263a-0000-4000-8000-af43f95b263a',
        amount: { amount: 1, currency: 'EUR' },
      } },
    ]),
);
