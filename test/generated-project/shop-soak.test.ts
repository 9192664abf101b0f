// The shop soak of issue 13 in its bounded form (the long one: `npm run soak:shop`,
// bench/soak-shop.ts): the generated shop split into two services by CONTEXTS over one
// PostgreSQL and one nats-server, two instances of the sales service, the shipping service
// consuming its published events from JetStream. Mid-run: nats-server stopped and started again
// over its store, one sales instance killed with SIGKILL, the shipping instance killed with
// SIGKILL and started again. Every command answered, every event once, every published event
// consumed across delivered exactly once, every read model equal to a rebuild.
import { expect, it } from 'vitest';
import { runShopSoak } from '../../bench/soak/shop.js';

it('two services over NATS; nats-server restarted, a sales and the shipping instance killed mid-run: nothing unanswered, lost, duplicated or delivered twice; read models equal a rebuild', async () => {
  const orders = 40;
  const declined = orders / 5;
  // 40 orders pass quickly: nats-server goes down once 4 orders reached their end (while most
  // payments are still to cross to shipping), the shipping instance dies at 24.
  const result = await runShopSoak({ orders, inFlight: 8, natsRestartAfter: orders * 0.1, natsDownMs: 1_500, killAfter: orders / 2, shippingKillAfter: orders * 0.6, declineEvery: 5, timeoutSeconds: 200 });
  expect(result).toMatchObject({
    answered: result.commands,
    unexpected: [],
    duplicates: [],
    unfinished: 0,
    refundsRefused: declined,
    deliveries: { twice: 0, missing: 0, unknown: 0 },
    projectionsMatch: { OrderStatus: true, PaymentsByOrder: true, ShippingAddresses: true, ShipmentTracking: true },
  });
  expect(result.events).toMatchObject({
    'A:OrderPlaced': orders,
    'A:PaymentRequested': orders,
    'A:PaymentCaptured': orders - declined,
    'A:PaymentFailed': declined,
    'A:OrderCancelled': declined,
    'A:OrderShipped': orders - declined,
    'A:ShipmentDispatched (imported)': orders - declined,
    'B:OrderPlaced (imported)': orders,
    'B:PaymentCaptured (imported)': orders - declined,
    'B:ShipmentPrepared': orders - declined,
    'B:ShipmentDispatched': orders - declined,
  });
  // Each direction: OrderPlaced + PaymentCaptured to shipping, ShipmentDispatched back.
  expect(result.deliveries.once).toBe(orders + 2 * (orders - declined));
  expect(result.killedAtSeconds).not.toBeNull();
  // Each disruption happened, and the restarted processes came back.
  expect(result.disruptions.salesKill).not.toBeNull();
  expect(result.disruptions.shippingKill?.readyAfterSeconds).toEqual(expect.any(Number));
  expect(result.disruptions.natsRestart?.downSeconds).toEqual(expect.any(Number));
}, 300_000);
