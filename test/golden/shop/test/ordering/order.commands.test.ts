// One case per command of Order (ordering.yaml).
//
// This file is yours: Stormsmith created it once with the outcome the model implies and never
// rewrites it. Add your own cases here; the model's specs live in order.specs.test.ts.
import { expect } from 'vitest';
import { orderDecider } from '../../src/ordering/order/decider.js';
import { rejectionNamed } from '../../src/runtime/index.js';
import { deciderSpec, modelCase } from '../support/model-case.js';

const given = deciderSpec(orderDecider);

modelCase('CancelOrder when the Order does not exist is rejected: OrderNotFound', () =>
  given([])
    .when({ type: 'CancelOrder', data: { orderId: 'f6d8263a-0000-4000-8000-af43f95b263a', reason: 'customer-request' } })
    .thenThrows(rejectionNamed('OrderNotFound')),
);

modelCase('MarkOrderShipped when the Order does not exist is rejected: OrderNotFound', () =>
  given([])
    .when({ type: 'MarkOrderShipped', data: {
      orderId: 'f6d8263a-0000-4000-8000-af43f95b263a',
      shipmentId: 'f923beae-0000-4000-8000-c044f7f7beae',
      trackingNumber: 'trackingNumber-1',
    } })
    .thenThrows(rejectionNamed('OrderNotFound')),
);

modelCase('PlaceOrder on a new Order', () => {
  // While decidePlaceOrder is a stub this case is todo. Once you have written it,
  // replace the line below with the outcome you expect (then, thenThrows, thenNothingHappened).
  given([]).when({ type: 'PlaceOrder', data: {
      orderId: 'f6d8263a-0000-4000-8000-af43f95b263a',
      customerId: 'cd9469fc-0000-4000-8000-7fa2aa0d69fc',
      lines: [{ sku: 'sku-1', quantity: 1, unitPrice: { amount: 1, currency: 'EUR' } }],
      shippingAddress: {
        recipient: 'recipient-1',
        line1: 'line1-1',
        postalCode: 'postalCode-1',
        city: 'city-1',
        country: 'AA',
      },
      channel: 'web',
    } }).thenNothingHappened();
  expect.fail('decidePlaceOrder has logic now: write the outcome this case expects');
});
