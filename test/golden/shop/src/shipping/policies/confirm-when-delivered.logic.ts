// Policy ConfirmWhenDelivered (shipping.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.
import type { PolicyTrigger } from '../../runtime/index.js';
import type { ParcelDelivered } from '../external-events.js';
import type { ConfirmDelivery } from '../shipment/commands.js';

/**
 * ConfirmWhenDelivered (shipping.yaml).
 * On ParcelDelivered, issue ConfirmDelivery (return [] to issue nothing).
 * Default from the model: every command field comes from the event.
 * `trigger` is the event's envelope: its id, stream and positions, and `newId(name)`, a new identity that a redelivered event gets again.
 */
export function reactConfirmWhenDeliveredOnParcelDelivered(event: ParcelDelivered, trigger: PolicyTrigger): ConfirmDelivery | ConfirmDelivery[] {
  return { type: 'ConfirmDelivery', data: { shipmentId: event.data.shipmentId, deliveredAt: event.data.deliveredAt } };
}
