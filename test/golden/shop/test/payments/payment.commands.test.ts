// One case per command of Payment (payments.yaml).
//
// This file is yours: Stormsmith created it once with the outcome the model implies and never
// rewrites it. Add your own cases here; the model's specs live in payment.specs.test.ts.
import { paymentDecider } from '../../src/payments/payment/decider.js';
import { rejectionNamed } from '../../src/runtime/index.js';
import { deciderSpec, modelCase } from '../support/model-case.js';

const given = deciderSpec(paymentDecider);

modelCase('CapturePayment when the Payment does not exist is rejected: PaymentNotFound', () =>
  given([])
    .when({ type: 'CapturePayment', data: {
      paymentId: 'a7c488a4-0000-4000-8000-a162ec8588a4',
      gatewayReference: 'gatewayReference-1',
    } })
    .thenThrows(rejectionNamed('PaymentNotFound')),
);

modelCase('FailPayment when the Payment does not exist is rejected: PaymentNotFound', () =>
  given([])
    .when({ type: 'FailPayment', data: { paymentId: 'a7c488a4-0000-4000-8000-a162ec8588a4', reason: 'reason-1' } })
    .thenThrows(rejectionNamed('PaymentNotFound')),
);

modelCase('RefundPayment when the Payment does not exist is rejected: PaymentNotFound', () =>
  given([])
    .when({ type: 'RefundPayment', data: { paymentId: 'a7c488a4-0000-4000-8000-a162ec8588a4', reason: 'reason-1' } })
    .thenThrows(rejectionNamed('PaymentNotFound')),
);

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

modelCase('RequestPayment when the Payment already exists is rejected: PaymentAlreadyExists', () =>
  given([
    { type: 'PaymentRequested', data: {
      paymentId: 'a7c488a4-0000-4000-8000-a162ec8588a4',
      orderId: 'f6d8263a-0000-4000-8000-af43f95b263a',
      amount: { amount: 1, currency: 'EUR' },
    } },
  ])
    .when({ type: 'RequestPayment', data: {
      paymentId: 'a7c488a4-0000-4000-8000-a162ec8588a4',
      orderId: 'f6d8263a-0000-4000-8000-af43f95b263a',
      amount: { amount: 1, currency: 'EUR' },
    } })
    .thenThrows(rejectionNamed('PaymentAlreadyExists')),
);
