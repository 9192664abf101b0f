// Business logic of the Shipment aggregate (shipping.yaml).
//
// This file is yours. Stormsmith created it once and never rewrites it: when the model gains a
// command or an event, `stormsmith generate` only adds a typed stub here. The types hold you to
// the model: a decide function may return only the events its command emits, and reject only
// through `reject`, which offers exactly the command's `rejects`. Keep these functions pure.
import { modelDefault, notImplemented } from '../../runtime/index.js';
import type { ConfirmDelivery, ConfirmDeliveryRejections, DispatchShipment, DispatchShipmentRejections, PrepareShipment, PrepareShipmentRejections } from './commands.js';
import type { ShipmentDelivered, ShipmentDispatched, ShipmentPrepared } from './events.js';
import type { ShipmentLifecycle, ShipmentState } from './state.js';

/**
 * ConfirmDelivery (shipping.yaml).
 * Emits ShipmentDelivered; rejects ShipmentNotFound.
 *
 * Invariants of Shipment:
 * - A shipment is dispatched only after it was prepared. (shipping.yaml)
 *
 * Default from the model: every emitted field comes from the command. Add the rules, and drop
 * the modelDefault wrapper: model specs that expect another outcome stay todo until you do.
 */
export function decideConfirmDelivery(command: ConfirmDelivery, state: ShipmentState, reject: ConfirmDeliveryRejections, lifecycle: ShipmentLifecycle): ShipmentDelivered | ShipmentDelivered[] {
  if (lifecycle.status === 'absent') {
    return modelDefault('Shipment: decide ConfirmDelivery (shipping.yaml) rejects by the existence rule of the model', reject.ShipmentNotFound)('Shipment does not exist: ConfirmDelivery needs one');
  }
  return modelDefault('Shipment: decide ConfirmDelivery (shipping.yaml) is the default from the model', { type: 'ShipmentDelivered', data: { shipmentId: command.data.shipmentId, deliveredAt: command.data.deliveredAt } });
}

/**
 * DispatchShipment (shipping.yaml).
 * Emits ShipmentDispatched; rejects ShipmentNotPrepared, ShipmentNotFound.
 *
 * Invariants of Shipment:
 * - A shipment is dispatched only after it was prepared. (shipping.yaml)
 */
export function decideDispatchShipment(command: DispatchShipment, state: ShipmentState, reject: DispatchShipmentRejections, lifecycle: ShipmentLifecycle): ShipmentDispatched | ShipmentDispatched[] {
  if (lifecycle.status === 'absent') {
    return modelDefault('Shipment: decide DispatchShipment (shipping.yaml) rejects by the existence rule of the model', reject.ShipmentNotFound)('Shipment does not exist: DispatchShipment needs one');
  }
  return notImplemented('Shipment: decide DispatchShipment (shipping.yaml) is not written yet; the model does not say where ShipmentDispatched.orderId comes from; keep: A shipment is dispatched only after it was prepared.');
}

/**
 * PrepareShipment (shipping.yaml): Issued when a payment is captured; the address comes from ShippingAddresses.
 * Emits ShipmentPrepared; rejects ShipmentAlreadyExists.
 *
 * Invariants of Shipment:
 * - A shipment is dispatched only after it was prepared. (shipping.yaml)
 *
 * Default from the model: every emitted field comes from the command. Add the rules, and drop
 * the modelDefault wrapper: model specs that expect another outcome stay todo until you do.
 */
export function decidePrepareShipment(command: PrepareShipment, state: ShipmentState, reject: PrepareShipmentRejections, lifecycle: ShipmentLifecycle): ShipmentPrepared | ShipmentPrepared[] {
  if (lifecycle.status === 'existing') {
    return modelDefault('Shipment: decide PrepareShipment (shipping.yaml) rejects by the existence rule of the model', reject.ShipmentAlreadyExists)('Shipment already exists: PrepareShipment creates one');
  }
  return modelDefault('Shipment: decide PrepareShipment (shipping.yaml) is the default from the model', { type: 'ShipmentPrepared', data: { shipmentId: command.data.shipmentId, orderId: command.data.orderId, address: command.data.address } });
}

/**
 * How ShipmentDelivered (shipping.yaml) changes Shipment.
 */
export function evolveShipmentDelivered(state: ShipmentState, event: ShipmentDelivered): ShipmentState {
  return notImplemented('Shipment: evolve ShipmentDelivered (shipping.yaml) is not written yet; the model does not say which state field deliveredAt changes');
}

/**
 * How ShipmentDispatched (shipping.yaml) changes Shipment.
 */
export function evolveShipmentDispatched(state: ShipmentState, event: ShipmentDispatched): ShipmentState {
  return notImplemented('Shipment: evolve ShipmentDispatched (shipping.yaml) is not written yet; the model does not say which state field carrier changes');
}

/**
 * How ShipmentPrepared (shipping.yaml) changes Shipment.
 * Default from the model: state fields take the same-named event fields.
 */
export function evolveShipmentPrepared(state: ShipmentState, event: ShipmentPrepared): ShipmentState {
  return { ...state, orderId: event.data.orderId, address: event.data.address };
}
