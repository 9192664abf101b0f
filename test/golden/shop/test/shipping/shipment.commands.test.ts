// One case per command of Shipment (shipping.yaml).
//
// This file is yours: Stormsmith created it once with the outcome the model implies and never
// rewrites it. Add your own cases here; the model's specs live in shipment.specs.test.ts.
import { shipmentDecider } from '../../src/shipping/shipment/decider.js';
import { rejectionNamed } from '../../src/runtime/index.js';
import { deciderSpec, modelCase } from '../support/model-case.js';

const given = deciderSpec(shipmentDecider);

modelCase('ConfirmDelivery when the Shipment does not exist is rejected: ShipmentNotFound', () =>
  given([])
    .when({ type: 'ConfirmDelivery', data: {
      shipmentId: 'f923beae-0000-4000-8000-c044f7f7beae',
      deliveredAt: '2026-01-15T10:00:00.000Z',
    } })
    .thenThrows(rejectionNamed('ShipmentNotFound')),
);

// DispatchShipment when the Shipment does not exist: the model's spec says what happens (shipment.specs.test.ts).

modelCase('PrepareShipment on a new Shipment', () =>
  given([])
    .when({ type: 'PrepareShipment', data: {
      shipmentId: 'f923beae-0000-4000-8000-c044f7f7beae',
      orderId: 'f6d8263a-0000-4000-8000-af43f95b263a',
      address: {
        recipient: 'recipient-1',
        line1: 'line1-1',
        postalCode: 'postalCode-1',
        city: 'city-1',
        country: 'AA',
      },
    } })
    .then([
      { type: 'ShipmentPrepared', data: {
        shipmentId: 'f923beae-0000-4000-8000-c044f7f7beae',
        orderId: 'f6d8263a-0000-4000-8000-af43f95b263a',
        address: {
          recipient: 'recipient-1',
          line1: 'line1-1',
          postalCode: 'postalCode-1',
          city: 'city-1',
          country: 'AA',
        },
      } },
    ]),
);

modelCase('PrepareShipment when the Shipment already exists is rejected: ShipmentAlreadyExists', () =>
  given([
    { type: 'ShipmentPrepared', data: {
      shipmentId: 'f923beae-0000-4000-8000-c044f7f7beae',
      orderId: 'f6d8263a-0000-4000-8000-af43f95b263a',
      address: {
        recipient: 'recipient-1',
        line1: 'line1-1',
        postalCode: 'postalCode-1',
        city: 'city-1',
        country: 'AA',
      },
    } },
  ])
    .when({ type: 'PrepareShipment', data: {
      shipmentId: 'f923beae-0000-4000-8000-c044f7f7beae',
      orderId: 'f6d8263a-0000-4000-8000-af43f95b263a',
      address: {
        recipient: 'recipient-1',
        line1: 'line1-1',
        postalCode: 'postalCode-1',
        city: 'city-1',
        country: 'AA',
      },
    } })
    .thenThrows(rejectionNamed('ShipmentAlreadyExists')),
);
