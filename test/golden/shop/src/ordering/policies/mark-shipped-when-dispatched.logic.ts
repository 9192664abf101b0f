// Policy MarkShippedWhenDispatched (ordering.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.
import type { PolicyTrigger } from '../../runtime/index.js';
import type { ShipmentDispatched } from '../../shipping/shipment/events.js';
import type { MarkOrderShipped } from '../order/commands.js';

/**
 * MarkShippedWhenDispatched (ordering.yaml).
 * On ShipmentDispatched, issue MarkOrderShipped (return [] to issue nothing).
 * Default from the model: every command field comes from the event.
 * `trigger` is the event's envelope: its id, stream and positions, and `newId(name)`, a new identity that a redelivered event gets again.
 */
export function reactMarkShippedWhenDispatchedOnShipmentDispatched(event: ShipmentDispatched, trigger: PolicyTrigger): MarkOrderShipped | MarkOrderShipped[] {
  return { type: 'MarkOrderShipped', data: { orderId: event.data.orderId, shipmentId: event.data.shipmentId, trackingNumber: event.data.trackingNumber } };
}
