// Business logic of the Order aggregate (ordering.yaml).
//
// This file is yours. Stormsmith created it once and never rewrites it: when the model gains a
// command or an event, `stormsmith generate` only adds a typed stub here. The types hold you to
// the model: a decide function may return only the events its command emits, and reject only
// through `reject`, which offers exactly the command's `rejects`. Keep these functions pure.
import { modelDefault, notImplemented } from '../../runtime/index.js';
import type { CancelOrder, CancelOrderRejections, MarkOrderShipped, MarkOrderShippedRejections, PlaceOrder, PlaceOrderRejections } from './commands.js';
import type { OrderCancelled, OrderPlaced, OrderShipped } from './events.js';
import type { OrderLifecycle, OrderState } from './state.js';

/**
 * CancelOrder (ordering.yaml): The customer cancels from their order page; the CancelWhenPaymentFails policy issues the same command when the payment fails.
 * Emits OrderCancelled; rejects OrderAlreadyShipped, OrderAlreadyCancelled, OrderNotFound.
 *
 * Invariants of Order:
 * - An order has at least one line. (ordering.yaml)
 * - A shipped order can no longer be cancelled. (ordering.yaml)
 *
 * Default from the model: every emitted field comes from the command. Add the rules, and drop
 * the modelDefault wrapper: model specs that expect another outcome stay todo until you do.
 */
export function decideCancelOrder(command: CancelOrder, state: OrderState, reject: CancelOrderRejections, lifecycle: OrderLifecycle): OrderCancelled | OrderCancelled[] {
  if (lifecycle.status === 'absent') {
    return modelDefault('Order: decide CancelOrder (ordering.yaml) rejects by the existence rule of the model', reject.OrderNotFound)('Order does not exist: CancelOrder needs one');
  }
  return modelDefault('Order: decide CancelOrder (ordering.yaml) is the default from the model', { type: 'OrderCancelled', data: { orderId: command.data.orderId, reason: command.data.reason } });
}

/**
 * MarkOrderShipped (ordering.yaml): Issued by a policy when Shipping dispatches the parcel, never by a person.
 * Emits OrderShipped; rejects OrderAlreadyCancelled, OrderNotFound.
 *
 * Invariants of Order:
 * - An order has at least one line. (ordering.yaml)
 * - A shipped order can no longer be cancelled. (ordering.yaml)
 *
 * Default from the model: every emitted field comes from the command. Add the rules, and drop
 * the modelDefault wrapper: model specs that expect another outcome stay todo until you do.
 */
export function decideMarkOrderShipped(command: MarkOrderShipped, state: OrderState, reject: MarkOrderShippedRejections, lifecycle: OrderLifecycle): OrderShipped | OrderShipped[] {
  if (lifecycle.status === 'absent') {
    return modelDefault('Order: decide MarkOrderShipped (ordering.yaml) rejects by the existence rule of the model', reject.OrderNotFound)('Order does not exist: MarkOrderShipped needs one');
  }
  return modelDefault('Order: decide MarkOrderShipped (ordering.yaml) is the default from the model', { type: 'OrderShipped', data: { orderId: command.data.orderId, shipmentId: command.data.shipmentId, trackingNumber: command.data.trackingNumber } });
}

/**
 * PlaceOrder (ordering.yaml): The customer confirms the basket and the shipping address at checkout.
 * Emits OrderPlaced; rejects EmptyOrder, OrderAlreadyExists.
 *
 * Invariants of Order:
 * - An order has at least one line. (ordering.yaml)
 * - A shipped order can no longer be cancelled. (ordering.yaml)
 */
export function decidePlaceOrder(command: PlaceOrder, state: OrderState, reject: PlaceOrderRejections, lifecycle: OrderLifecycle): OrderPlaced | OrderPlaced[] {
  if (lifecycle.status === 'existing') {
    return modelDefault('Order: decide PlaceOrder (ordering.yaml) rejects by the existence rule of the model', reject.OrderAlreadyExists)('Order already exists: PlaceOrder creates one');
  }
  return notImplemented('Order: decide PlaceOrder (ordering.yaml) is not written yet; the model does not say where OrderPlaced.total comes from; keep: An order has at least one line. A shipped order can no longer be cancelled.');
}

/**
 * How OrderCancelled (ordering.yaml) changes Order.
 */
export function evolveOrderCancelled(state: OrderState, event: OrderCancelled): OrderState {
  return notImplemented('Order: evolve OrderCancelled (ordering.yaml) is not written yet; the model does not say which state field reason changes');
}

/**
 * How OrderPlaced (ordering.yaml) changes Order.
 */
export function evolveOrderPlaced(state: OrderState, event: OrderPlaced): OrderState {
  return notImplemented('Order: evolve OrderPlaced (ordering.yaml) is not written yet; the model does not say which state field channel changes');
}

/**
 * How OrderShipped (ordering.yaml) changes Order.
 */
export function evolveOrderShipped(state: OrderState, event: OrderShipped): OrderState {
  return notImplemented('Order: evolve OrderShipped (ordering.yaml) is not written yet; the model does not say which state fields shipmentId, trackingNumber change');
}
