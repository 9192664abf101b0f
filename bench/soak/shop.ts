// The shop soak (issue 13's Done-when): the generated shop with the hand-written logic of
// test/fixtures/shop-logic, split into two services over one PostgreSQL server and one
// nats-server, each configured through the generated settings (CONTEXTS, NATS_URL, LEASE_*):
// - "sales": CONTEXTS=ordering,payments, database A, TWO instances;
// - "shipping": CONTEXTS=shipping, database B, one instance, consuming Ordering's and Payments'
//   published events from JetStream (imported through the inbox) and publishing its own.
// The driver places orders on both sales instances concurrently; a payment gateway answers each
// PaymentRequested with ChargeSucceeded (or ChargeDeclined for every `declineEvery`-th order);
// a warehouse dispatches each prepared shipment (a command to the shipping service). The chain:
// OrderPlaced -> RequestPayment -> (gateway) -> CapturePayment -> PaymentCaptured -> [NATS] ->
// PrepareShipment -> (warehouse) DispatchShipment -> ShipmentDispatched -> [NATS] ->
// MarkOrderShipped; a declined charge: FailPayment -> CancelOrder -> RefundPayment refused
// (PaymentNotCaptured, the trigger's recorded outcome). One sales instance is killed with SIGKILL
// mid-run and its unanswered commands re-sent to the other (a re-sent PlaceOrder that had
// committed is answered OrderAlreadyExists: its success).
// Checked afterwards: every command answered; every event exactly once per order (none lost or
// duplicated); every published event the other side consumes imported there exactly once; every
// read model equal to a from-scratch fold of its database's events.
// Used by bench/soak-shop.ts (figures) and test/generated-project/shop-soak.test.ts (bounded).
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { loadTemplates } from '../../generator/emit/templates.js';
import { plan } from '../../generator/plan.js';
import { createTestDatabase, startEmbeddedPostgres, type RunningPostgres } from '../../templates/runtime/test/setup/embeddedPostgres.js';
import { loadExample, REPO_ROOT, writeFileMap } from '../../test/generated-project/support.js';
import { startNats, type RunningNats } from '../../test/support/nats.js';
import { uuidOf } from '../service/workload.js';
import { canonical, foldProjection, query, startInstance, stopInstances, storedDocuments, storedEvents, type Instance } from './process.js';

export type ShopSoakOptions = { orders: number; inFlight: number; killAfter: number; declineEvery: number; timeoutSeconds?: number };
export type ShopSoakResult = {
  orders: number;
  commands: number;
  answered: number;
  resent: number;
  unexpected: string[];
  /** Events per type and database (A: sales, B: shipping), imported copies counted apart. */
  events: Record<string, number>;
  /** Events whose business key occurs more than once (per type and database): must be none. */
  duplicates: string[];
  /** Orders that did not reach their end (shipped, or cancelled after a declined charge). */
  unfinished: number;
  /** Published events the other service consumes, and how many arrived there once / twice / never. */
  deliveries: { published: number; once: number; twice: number; missing: number; unknown: number };
  refundsRefused: number;
  projectionsMatch: Record<string, boolean>;
  seconds: number;
  killedAtSeconds: number | null;
};

const address = { recipient: 'Ada Lovelace', line1: '12 Analytical Row', postalCode: '10115', city: 'Berlin', country: 'DE' };

export const runShopSoak = async ({ orders, inFlight, killAfter, declineEvery, timeoutSeconds = 600 }: ShopSoakOptions): Promise<ShopSoakResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'stormsmith-shop-soak-'));
  let server: RunningPostgres | undefined;
  let nats: RunningNats | undefined;
  const instances: Instance[] = [];
  try {
    writeFileMap(await plan(loadExample('shop'), { templates: loadTemplates(), modelRoot: 'models/shop' }), dir);
    cpSync(join(REPO_ROOT, 'test/fixtures/shop-logic/generated'), dir, { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    let serverUrl = process.env.DATABASE_URL;
    if (serverUrl === undefined) {
      server = await startEmbeddedPostgres({ reuseInitdb: true });
      serverUrl = server.serverUrl;
    }
    nats = await startNats();
    const urlA = await createTestDatabase(serverUrl, 'shop_sales');
    const urlB = await createTestDatabase(serverUrl, 'shop_shipping');
    const script = fileURLToPath(new URL('./shop-instance.ts', import.meta.url));
    const env = (url: string, contexts: string) => ({ SERVICE_DIR: dir, DATABASE_URL: url, NATS_URL: nats!.url, CONTEXTS: contexts, LEASE_RETRY_MS: '300', LEASE_HEARTBEAT_MS: '300' });
    const a1 = await startInstance('sales-1', script, env(urlA, 'ordering,payments'), instances);
    const [a2, shipping] = await Promise.all([startInstance('sales-2', script, env(urlA, 'ordering,payments'), instances), startInstance('shipping', script, env(urlB, 'shipping'), instances)]);
    const sales = [a1, a2];

    type Sent = { id: string; context: string; kind: string; command: unknown };
    const answers = new Map<string, string>();
    const unexpected: string[] = [];
    const resentIds = new Set<string>();
    let commands = 0;
    let resent = 0;
    const send = (instance: Instance, c: Sent) => {
      instance.pending.set(c.id, JSON.stringify(c));
      instance.child.stdin!.write(`${JSON.stringify(c)}\n`);
    };
    const collect = () => {
      for (const instance of instances)
        for (const line of instance.lines.splice(0)) {
          const [outcome, id] = line.split(' ');
          if (!id || !['ok', 'rejected', 'failed'].includes(outcome!)) continue;
          instance.pending.delete(id);
          if (answers.has(id)) continue;
          const committedBefore = outcome === 'rejected' && resentIds.has(id) && line.includes(' OrderAlreadyExists:');
          answers.set(id, outcome === 'ok' || committedBefore ? 'ok' : outcome!);
          if (outcome !== 'ok' && !committedBefore) unexpected.push(line);
        }
    };
    const orderId = (i: number) => uuidOf(`shop-soak-order-${i}`);
    const indexOf = new Map(Array.from({ length: orders }, (_, i) => [orderId(i), i]));
    const placeOrders: Sent[] = Array.from({ length: orders }, (_, i) => ({
      id: `o${i}`,
      context: 'ordering',
      kind: 'placeOrder',
      command: { type: 'PlaceOrder', data: { orderId: orderId(i), customerId: uuidOf(`shop-soak-customer-${i % 20}`), lines: [{ sku: `SKU-${i % 7}`, quantity: 1 + (i % 3), unitPrice: { amount: 1999, currency: 'EUR' } }], shippingAddress: address, channel: i % 2 ? 'web' : 'app' } },
    }));
    commands += placeOrders.length;

    const gateway = getPostgreSQLEventStore(urlA);
    const charged = new Set<string>();
    const dispatched = new Set<string>();
    const started = performance.now();
    let killedAt: number | null = null;
    let next = 0;
    const countA = async (type: string) => Number((await query<{ n: string }>(urlA, 'SELECT count(*)::text AS n FROM emt_messages WHERE message_type = $1', [type]))[0]!.n);
    /** Every order at its end: shipped, or cancelled after its declined charge. */
    const finished = async () => (await countA('OrderShipped')) + (await countA('OrderCancelled')) >= orders;
    let lastPoll = 0;
    try {
      for (;;) {
        collect();
        const live = sales.filter((i) => i.alive);
        for (let k = live.reduce((n, i) => n + i.pending.size, 0); k < inFlight && next < placeOrders.length; k++) send(live[next % live.length]!, placeOrders[next++]!);
        // Killed right after a round of sends, so that it dies with commands in flight.
        if (killedAt === null && [...answers.keys()].filter((id) => id.startsWith('o')).length >= killAfter) {
          a1.child.kill('SIGKILL');
          a1.alive = false;
          killedAt = performance.now();
          for (const raw of a1.pending.values()) {
            resent++;
            resentIds.add(JSON.parse(raw).id);
            a2.pending.set(JSON.parse(raw).id, raw);
            a2.child.stdin!.write(`${raw}\n`);
          }
          a1.pending.clear();
        }
        if (performance.now() - lastPoll > 200) {
          lastPoll = performance.now();
          // The payment gateway answers every payment request once.
          for (const { paymentId, orderId: id } of await query<{ paymentId: string; orderId: string }>(urlA, `SELECT message_data ->> 'paymentId' AS "paymentId", message_data ->> 'orderId' AS "orderId" FROM emt_messages WHERE message_type = 'PaymentRequested'`)) {
            if (charged.has(paymentId)) continue;
            charged.add(paymentId);
            const declined = indexOf.get(id)! % declineEvery === 0;
            await gateway.appendToStream(`payments_payment_gateway-${paymentId}`, [
              declined ? { type: 'ChargeDeclined', data: { paymentId, reason: 'insufficient funds' } } : { type: 'ChargeSucceeded', data: { paymentId, gatewayReference: `gw-${indexOf.get(id)}` } },
            ]);
          }
          // The warehouse dispatches every prepared shipment once.
          for (const { shipmentId } of await query<{ shipmentId: string }>(urlB, `SELECT message_data ->> 'shipmentId' AS "shipmentId" FROM emt_messages WHERE message_type = 'ShipmentPrepared'`).catch(() => [])) {
            if (dispatched.has(shipmentId)) continue;
            dispatched.add(shipmentId);
            commands++;
            send(shipping, { id: `d${dispatched.size}`, context: 'shipping', kind: 'dispatchShipment', command: { type: 'DispatchShipment', data: { shipmentId, carrier: 'DHL', trackingNumber: `T-${dispatched.size}` } } });
          }
          if (process.env.SOAK_DEBUG) console.error(`answered ${answers.size}/${commands}; charged ${charged.size}; dispatched ${dispatched.size}; shipped ${await countA('OrderShipped')}; cancelled ${await countA('OrderCancelled')}`);
          if (next >= placeOrders.length && answers.size >= commands && (await finished())) break;
          if ((performance.now() - started) / 1000 > timeoutSeconds) break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      await gateway.close();
    }

    // Async processors, relays and imports settle: wait (bounded) until every read model equals
    // its fold and every published event the other side consumes arrived there.
    const projections = [
      { url: urlA, name: 'OrderStatus', module: 'src/ordering/projections/order-status.ts', collection: 'order_status', evolve: 'evolveOrderStatus', id: 'orderStatusDocumentId', types: ['OrderPlaced', 'OrderCancelled', 'OrderShipped'] },
      { url: urlA, name: 'PaymentsByOrder', module: 'src/payments/projections/payments-by-order.ts', collection: 'payments_by_order', evolve: 'evolvePaymentsByOrder', id: 'paymentsByOrderDocumentId', types: ['PaymentRequested', 'PaymentCaptured', 'PaymentFailed', 'PaymentRefunded'] },
      { url: urlB, name: 'ShippingAddresses', module: 'src/shipping/projections/shipping-addresses.ts', collection: 'shipping_addresses', evolve: 'evolveShippingAddresses', id: 'shippingAddressesDocumentId', types: ['OrderPlaced'] },
      { url: urlB, name: 'ShipmentTracking', module: 'src/shipping/projections/shipment-tracking.ts', collection: 'shipment_tracking', evolve: 'evolveShipmentTracking', id: 'shipmentTrackingDocumentId', types: ['ShipmentPrepared', 'ShipmentDispatched', 'ShipmentDelivered'] },
    ];
    const compare = async () => {
      const events = { [urlA]: await storedEvents(urlA), [urlB]: await storedEvents(urlB) };
      const match: Record<string, boolean> = {};
      for (const p of projections)
        match[p.name] = canonical(await storedDocuments(p.url, p.collection)) === canonical(await foldProjection(events[p.url]!, join(dir, p.module), p.evolve, p.id, p.types));
      return match;
    };
    // Published events consumed across: A's OrderPlaced and PaymentCaptured by shipping, B's ShipmentDispatched by sales.
    const deliveries = async () => {
      const result = { published: 0, once: 0, twice: 0, missing: 0, unknown: 0 };
      for (const [from, to, types] of [[urlA, urlB, ['OrderPlaced', 'PaymentCaptured']], [urlB, urlA, ['ShipmentDispatched']]] as const) {
        const outbox = await query<{ message_id: string; published: boolean }>(from, `SELECT message_id, published_at IS NOT NULL AS published FROM stormsmith_outbox WHERE message_type = ANY($1)`, [types]);
        const imported = await query<{ source: string; n: string }>(to, `SELECT message_metadata ->> 'sourceMessageId' AS source, count(*)::text AS n FROM emt_messages WHERE stream_id LIKE 'inbound-%' AND message_type = ANY($1) GROUP BY 1`, [types]);
        const copies = new Map(imported.map((r) => [r.source, Number(r.n)]));
        result.published += outbox.filter((o) => o.published).length;
        for (const o of outbox) {
          const n = copies.get(o.message_id) ?? 0;
          if (n === 1) result.once++;
          else if (n > 1) result.twice++;
          else result.missing++;
        }
        const known = new Set(outbox.map((o) => o.message_id));
        result.unknown += imported.filter((r) => !known.has(r.source)).length;
      }
      return result;
    };
    let match = await compare();
    let delivered = await deliveries();
    for (let i = 0; i < 600 && (Object.values(match).includes(false) || delivered.missing > 0 || delivered.published < delivered.once + delivered.twice + delivered.missing); i++) {
      await new Promise((r) => setTimeout(r, 250));
      match = await compare();
      delivered = await deliveries();
    }

    // Counts per type and database, and business keys seen twice.
    const events: Record<string, number> = {};
    const duplicates: string[] = [];
    for (const [db, url] of [['A', urlA], ['B', urlB]] as const) {
      for (const r of await query<{ type: string; inbound: boolean; n: string; keys: string }>(
        url,
        `SELECT message_type AS type, stream_id LIKE 'inbound-%' AS inbound, count(*)::text AS n,
                count(DISTINCT COALESCE(message_data ->> 'shipmentId', message_data ->> 'paymentId', message_data ->> 'orderId'))::text AS keys
           FROM emt_messages GROUP BY 1, 2`,
      )) {
        const name = `${db}:${r.type}${r.inbound ? ' (imported)' : ''}`;
        events[name] = Number(r.n);
        if (Number(r.keys) !== Number(r.n)) duplicates.push(`${name}: ${r.n} events for ${r.keys} keys`);
      }
    }
    const declined = Array.from({ length: orders }, (_, i) => i).filter((i) => i % declineEvery === 0).length;
    const refundsRefused = Number(
      (await query<{ n: string }>(urlA, `SELECT count(*)::text AS n FROM stormsmith_policy_outcomes WHERE processor_id = 'payments:refund-cancelled-order' AND rejection = 'PaymentNotCaptured'`))[0]!.n,
    );
    return {
      orders,
      commands,
      answered: answers.size,
      resent,
      unexpected,
      events,
      duplicates,
      unfinished: orders - (events['A:OrderShipped'] ?? 0) - (events['A:OrderCancelled'] ?? 0) + Math.max(0, (events['A:OrderCancelled'] ?? 0) - declined),
      deliveries: delivered,
      refundsRefused,
      projectionsMatch: match,
      seconds: (performance.now() - started) / 1000,
      killedAtSeconds: killedAt === null ? null : (killedAt - started) / 1000,
    };
  } finally {
    await stopInstances(instances);
    await nats?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
