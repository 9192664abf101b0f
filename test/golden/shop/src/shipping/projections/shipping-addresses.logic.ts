// Read model ShippingAddresses (shipping.yaml): how each event changes its document.
//
// This file is yours. Stormsmith created it once; when the projection gains a source event,
// `stormsmith generate` only adds a typed stub. Keep these functions pure: they run inline in
// the append transaction or in a consumer, and in the in-memory store in tests.
import type { OrderPlaced } from '../../ordering/order/events.js';
import type { ShippingAddresses } from './shipping-addresses.js';

/**
 * ShippingAddresses: how OrderPlaced (ordering.yaml) changes the document keyed by orderId.
 * Return the new document, or null to delete it.
 * Default from the model: every document field comes from the same-named event field.
 */
export function onOrderPlaced(document: ShippingAddresses | null, event: OrderPlaced): ShippingAddresses | null {
  return { ...document, orderId: event.data.orderId, shippingAddress: event.data.shippingAddress };
}
