// Read model OrderStatus (ordering.yaml): how each event changes its document.
//
// This file is yours. Stormsmith created it once; when the projection gains a source event,
// `stormsmith generate` only adds a typed stub. Keep these functions pure: they run inline in
// the append transaction or in a consumer, and in the in-memory store in tests.
import { notImplemented } from '../../runtime/index.js';
import type { OrderCancelled, OrderPlaced, OrderShipped } from '../order/events.js';
import type { OrderStatus } from './order-status.js';

/**
 * OrderStatus: how OrderPlaced (ordering.yaml) changes the document keyed by orderId.
 * Return the new document, or null to delete it.
 */
export function onOrderPlaced(document: OrderStatus | null, event: OrderPlaced): OrderStatus | null {
  return notImplemented('OrderStatus: onOrderPlaced (ordering.yaml) is not written yet; the model does not say how OrderPlaced changes status, trackingNumber');
}

/**
 * OrderStatus: how OrderCancelled (ordering.yaml) changes the document keyed by orderId.
 * Return the new document, or null to delete it.
 */
export function onOrderCancelled(document: OrderStatus | null, event: OrderCancelled): OrderStatus | null {
  return notImplemented('OrderStatus: onOrderCancelled (ordering.yaml) is not written yet; the model does not say how OrderCancelled changes customerId, status, total, trackingNumber');
}

/**
 * OrderStatus: how OrderShipped (ordering.yaml) changes the document keyed by orderId.
 * Return the new document, or null to delete it.
 */
export function onOrderShipped(document: OrderStatus | null, event: OrderShipped): OrderStatus | null {
  return notImplemented('OrderStatus: onOrderShipped (ordering.yaml) is not written yet; the model does not say how OrderShipped changes customerId, status, total');
}
