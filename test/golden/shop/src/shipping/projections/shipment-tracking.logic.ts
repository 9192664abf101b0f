// Read model ShipmentTracking (shipping.yaml): how each event changes its document.
//
// This file is yours. Stormsmith created it once; when the projection gains a source event,
// `stormsmith generate` only adds a typed stub. Keep these functions pure: they run inline in
// the append transaction or in a consumer, and in the in-memory store in tests.
import { notImplemented } from '../../runtime/index.js';
import type { ShipmentDelivered, ShipmentDispatched, ShipmentPrepared } from '../shipment/events.js';
import type { ShipmentTracking } from './shipment-tracking.js';

/**
 * ShipmentTracking: how ShipmentPrepared (shipping.yaml) changes the document keyed by shipmentId.
 * Return the new document, or null to delete it.
 */
export function onShipmentPrepared(document: ShipmentTracking | null, event: ShipmentPrepared): ShipmentTracking | null {
  return notImplemented('ShipmentTracking: onShipmentPrepared (shipping.yaml) is not written yet; the model does not say how ShipmentPrepared changes status, trackingNumber');
}

/**
 * ShipmentTracking: how ShipmentDispatched (shipping.yaml) changes the document keyed by shipmentId.
 * Return the new document, or null to delete it.
 */
export function onShipmentDispatched(document: ShipmentTracking | null, event: ShipmentDispatched): ShipmentTracking | null {
  return notImplemented('ShipmentTracking: onShipmentDispatched (shipping.yaml) is not written yet; the model does not say how ShipmentDispatched changes status');
}

/**
 * ShipmentTracking: how ShipmentDelivered (shipping.yaml) changes the document keyed by shipmentId.
 * Return the new document, or null to delete it.
 */
export function onShipmentDelivered(document: ShipmentTracking | null, event: ShipmentDelivered): ShipmentTracking | null {
  return notImplemented('ShipmentTracking: onShipmentDelivered (shipping.yaml) is not written yet; the model does not say how ShipmentDelivered changes status, trackingNumber');
}
