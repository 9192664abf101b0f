// The shop soak (issue 13's Done-when): the generated shop with the hand-written logic of
// test/fixtures/shop-logic, split into two services over one PostgreSQL server and one
// nats-server, each configured through the generated settings (CONTEXTS, NATS_URL, NATS_ACK_WAIT_MS, LEASE_*):
// - "sales": CONTEXTS=ordering,payments, database A, TWO instances;
// - "shipping": CONTEXTS=shipping, database B, one instance, consuming Ordering's and Payments'
//   published events from JetStream (imported through the inbox) and publishing its own.
// The driver places orders on both sales instances concurrently; a payment gateway answers each
// PaymentRequested with ChargeSucceeded (or ChargeDeclined for every `declineEvery`-th order);
// a warehouse dispatches each prepared shipment (a command to the shipping service). The chain:
// OrderPlaced -> RequestPayment -> (gateway) -> CapturePayment -> PaymentCaptured -> [NATS] ->
// PrepareShipment -> (warehouse) DispatchShipment -> ShipmentDispatched -> [NATS] ->
// MarkOrderShipped; a declined charge: FailPayment -> CancelOrder -> RefundPayment refused
// (PaymentNotCaptured, the trigger's recorded outcome). Three disruptions mid-run, the sales kill
// at a number of PlaceOrders answered (so that it dies with commands in flight), the other two at
// a number of orders at their end (so that they hit the chain of policies and imports mid-way):
// - nats-server is stopped (SIGTERM, its JetStream store stays on disk) and started again on the
//   same port and store after `natsDownMs`; commands keep flowing meanwhile (the outboxes are in
//   PostgreSQL), the relays and imports reconnect on their own;
// - one sales instance is killed with SIGKILL and its unanswered commands re-sent to the other (a
//   re-sent PlaceOrder that had committed is answered OrderAlreadyExists: its success);
// - the shipping instance (the only one) is killed with SIGKILL and started again; its unanswered
//   commands, and those issued while it was down, go to the new process (a re-sent
//   DispatchShipment that had committed is answered ShipmentNotPrepared "... is dispatched").
// Checked afterwards: every command answered; every event exactly once per order (none lost or
// duplicated); every published event the other side consumes imported there exactly once; every
// read model equal to a from-scratch fold of its database's events.
// Used by bench/soak-shop.ts (figures) and test/generated-project/shop-soak.test.ts (bounded).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { connect } from 'nats';
import { createTestDatabase } from '../../templates/runtime/test/setup/embeddedPostgres.js';
import { startNats, type RunningNats } from '../../test/support/nats.js';
import { uuidOf } from '../service/workload.js';
import { canonical, foldProjection, query, sendCommand, startInstance, stopInstances, storedDocuments, storedEvents, takeAnswers, type Instance } from './process.js';
import { setUpSoak } from './setup.js';

export type ShopSoakOptions = {
  orders: number;
  inFlight: number;
  /** PlaceOrders answered before one sales instance is killed. */
  killAfter: number;
  /** Orders at their end (shipped or cancelled) before the shipping instance is killed (and started again). */
  shippingKillAfter: number;
  /** Orders at their end before nats-server is stopped, for natsDownMs, and started again. */
  natsRestartAfter: number;
  natsDownMs: number;
  declineEvery: number;
  timeoutSeconds?: number;
};
/** Seconds from the start of the run; recovery figures from the disruption (or the restart). */
export type Disruptions = {
  salesKill: { atSeconds: number; resent: number; resentAnsweredAfterSeconds: number | null } | null;
  /**
   * readyAfter: the new process started; answeredAfter: the commands it had pending (re-sent) and
   * those issued while it was down (held) answered; importingAfter: its first import (null: nothing
   * was left to import); backlogImportedAfter: every event published before the kill imported
   * (messages the dead process held un-acked come back after JetStream's ack wait, 30 s).
   */
  shippingKill: {
    atSeconds: number;
    resent: number;
    held: number;
    /** Messages the killed process had taken from JetStream without acking (back after NATS_ACK_WAIT_MS). */
    ackPendingAtKill: number | null;
    readyAfterSeconds: number | null;
    answeredAfterSeconds: number | null;
    importingAfterSeconds: number | null;
    backlogImportedAfterSeconds: number | null;
  } | null;
  /** After the restart: the first publish, the first import, every event published before the stop imported. */
  natsRestart: { atSeconds: number; downSeconds: number | null; publishingAfterSeconds: number | null; importingAfterSeconds: number | null; backlogImportedAfterSeconds: number | null } | null;
};
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
  disruptions: Disruptions;
};

const address = { recipient: 'Ada Lovelace', line1: '12 Analytical Row', postalCode: '10115', city: 'Berlin', country: 'DE' };

export const runShopSoak = async ({ orders, inFlight, killAfter, shippingKillAfter, natsRestartAfter, natsDownMs, declineEvery, timeoutSeconds = 600 }: ShopSoakOptions): Promise<ShopSoakResult> => {
  const setup = await setUpSoak('shop', 'shop-logic', 'stormsmith-shop-soak-');
  const { dir } = setup;
  let nats: RunningNats | undefined;
  const instances: Instance[] = [];
  try {
    nats = await startNats();
    const urlA = await createTestDatabase(setup.serverUrl, 'shop_sales');
    const urlB = await createTestDatabase(setup.serverUrl, 'shop_shipping');
    const script = fileURLToPath(new URL('./shop-instance.ts', import.meta.url));
    // NATS_ACK_WAIT_MS: messages the killed shipping process took come back after 5 s (JetStream's default: 30 s).
    const env = (url: string, contexts: string) => ({ SERVICE_DIR: dir, DATABASE_URL: url, NATS_URL: nats!.url, NATS_ACK_WAIT_MS: '5000', CONTEXTS: contexts, LEASE_RETRY_MS: '300', LEASE_HEARTBEAT_MS: '300' });
    const a1 = await startInstance('sales-1', script, env(urlA, 'ordering,payments'), instances);
    const [a2, firstShipping] = await Promise.all([startInstance('sales-2', script, env(urlA, 'ordering,payments'), instances), startInstance('shipping', script, env(urlB, 'shipping'), instances)]);
    const sales = [a1, a2];
    // The shipping service's current process (replaced when it is killed and started again).
    let shipping = firstShipping;

    type Sent = { id: string; context: string; kind: string; command: unknown };
    const answers = new Map<string, string>();
    const unexpected: string[] = [];
    const resentIds = new Set<string>();
    let commands = 0;
    let resent = 0;
    const send = (instance: Instance, c: Sent) => sendCommand(instance, c);
    const collect = () => {
      for (const { id, outcome, line } of takeAnswers(instances, answers)) {
        // A re-sent command that had committed on the killed process: the order exists, the
        // shipment is dispatched (once).
        const committedBefore = outcome === 'rejected' && resentIds.has(id) && (line.includes(' OrderAlreadyExists:') || (line.includes(' ShipmentNotPrepared:') && line.endsWith(' is dispatched')));
        answers.set(id, outcome === 'ok' || committedBefore ? 'ok' : outcome);
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
    const since = (t: number | null, from: number | null) => (t === null || from === null ? null : (t - from) / 1000);
    let killedAt: number | null = null;
    let resentSales: string[] = [];
    let resentSalesAnsweredAt: number | null = null;
    // The shipping service's kill and restart: commands issued while it is down wait here.
    let shippingKilledAt: number | null = null;
    let shippingReadyAt: number | null = null;
    let shippingImportingAt: number | null = null;
    let shippingAnsweredAt: number | null = null;
    let importedBAtKill = 0;
    let shippingBacklogAt: number | null = null;
    let shippingAckPending: number | null = null;
    /** Messages JetStream delivered to the consumer's instances and has no ack for (null: not known). */
    const ackPending = async (consumer: string) => {
      const connection = await connect({ servers: nats!.url });
      try {
        return (await (await connection.jetstreamManager()).consumers.info('STORMSMITH_EVENTS', consumer)).num_ack_pending;
      } catch {
        return null;
      } finally {
        await connection.close();
      }
    };
    let shippingBacklog: Set<string> | undefined;
    const shippingWaiting: Sent[] = [];
    const resentShipping: string[] = [];
    let heldShipping = 0;
    let shippingRestart: Promise<void> | undefined;
    const sendShipping = (c: Sent) => (shipping.alive ? send(shipping, c) : shippingWaiting.push(c));
    // nats-server's stop and restart, in the background (commands keep flowing meanwhile).
    let natsStoppedAt: number | null = null;
    let natsRestartedAt: number | null = null;
    let natsPublishingAt: number | null = null;
    let natsImportingAt: number | null = null;
    let natsBaseline: { published: number; imported: number } | undefined;
    let natsBacklog: Set<string> | undefined;
    let natsBacklogAt: number | null = null;
    let natsRestart: Promise<void> | undefined;
    let next = 0;
    const countA = async (type: string) => Number((await query<{ n: string }>(urlA, 'SELECT count(*)::text AS n FROM emt_messages WHERE message_type = $1', [type]))[0]!.n);
    const countOf = async (url: string, sql: string) => Number((await query<{ n: string }>(url, sql).catch(() => [{ n: '0' }]))[0]!.n);
    const importedIn = (url: string) => countOf(url, `SELECT count(*)::text AS n FROM emt_messages WHERE stream_id LIKE 'inbound-%'`);
    const publishedFrom = (url: string) => countOf(url, `SELECT count(*)::text AS n FROM stormsmith_outbox WHERE published_at IS NOT NULL`);
    /** The message ids published (so far) of the events the other service imports. */
    const importedTypes = { [urlA]: ['OrderPlaced', 'PaymentCaptured'], [urlB]: ['ShipmentDispatched'] };
    const publishedIds = async (url: string) =>
      (await query<{ id: string }>(url, `SELECT message_id AS id FROM stormsmith_outbox WHERE published_at IS NOT NULL AND message_type = ANY($1)`, [importedTypes[url]]).catch(() => [])).map((r) => r.id);
    const importedIds = async (url: string) =>
      new Set((await query<{ id: string }>(url, `SELECT message_metadata ->> 'sourceMessageId' AS id FROM emt_messages WHERE stream_id LIKE 'inbound-%'`).catch(() => [])).map((r) => r.id));
    const placedAnswered = () => [...answers.keys()].filter((id) => id.startsWith('o')).length;
    /** How soon each disruption's work moves again (polled during the run and while it settles). */
    const observeRecovery = async () => {
      // Each time is taken after its queries: the background restart may finish meanwhile.
      const restartedAt = natsRestartedAt;
      if (resentSalesAnsweredAt === null && killedAt !== null && resentSales.every((id) => answers.has(id))) resentSalesAnsweredAt = performance.now();
      if (shippingAnsweredAt === null && shippingReadyAt !== null && resentShipping.every((id) => answers.has(id))) shippingAnsweredAt = performance.now();
      if (shippingImportingAt === null && shippingReadyAt !== null && (await importedIn(urlB)) > importedBAtKill) shippingImportingAt = performance.now();
      if (shippingBacklogAt === null && shippingBacklog !== undefined) {
        const imported = await importedIds(urlB);
        if ([...shippingBacklog].every((id) => imported.has(id))) shippingBacklogAt = performance.now();
      }
      if (restartedAt !== null) {
        const published = (await publishedFrom(urlA)) + (await publishedFrom(urlB));
        const imported = (await importedIn(urlA)) + (await importedIn(urlB));
        if (natsPublishingAt === null && published > natsBaseline!.published) natsPublishingAt = performance.now();
        if (natsImportingAt === null && imported > natsBaseline!.imported) natsImportingAt = performance.now();
        if (natsBacklogAt === null && natsBacklog !== undefined) {
          const all = new Set([...(await importedIds(urlA)), ...(await importedIds(urlB))]);
          if ([...natsBacklog].every((id) => all.has(id))) natsBacklogAt = performance.now();
        }
      }
    };
    let lastPoll = 0;
    try {
      for (;;) {
        collect();
        const live = sales.filter((i) => i.alive);
        for (let k = live.reduce((n, i) => n + i.pending.size, 0); k < inFlight && next < placeOrders.length; k++) send(live[next % live.length]!, placeOrders[next++]!);
        // Killed right after a round of sends, so that it dies with commands in flight.
        if (killedAt === null && placedAnswered() >= killAfter) {
          a1.child.kill('SIGKILL');
          a1.alive = false;
          killedAt = performance.now();
          for (const raw of a1.pending.values()) {
            resent++;
            resentIds.add(JSON.parse(raw).id);
            resentSales.push(JSON.parse(raw).id);
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
            const c: Sent = { id: `d${dispatched.size}`, context: 'shipping', kind: 'dispatchShipment', command: { type: 'DispatchShipment', data: { shipmentId, carrier: 'DHL', trackingNumber: `T-${dispatched.size}` } } };
            // Issued while the shipping service is down: answered by its next process.
            if (shippingKilledAt !== null && shippingReadyAt === null) {
              resentShipping.push(c.id);
              heldShipping++;
            }
            sendShipping(c);
          }
          await observeRecovery();
          const ended = (await countA('OrderShipped')) + (await countA('OrderCancelled'));
          if (natsStoppedAt === null && ended >= natsRestartAfter) {
            natsStoppedAt = performance.now();
            natsBacklog = new Set([...(await publishedIds(urlA)), ...(await publishedIds(urlB))]);
            natsRestart = (async () => {
              await nats!.halt();
              await new Promise((r) => setTimeout(r, natsDownMs));
              await nats!.resume();
              // Counted at once: the services' clients reconnect up to 2 s later.
              natsBaseline = { published: (await publishedFrom(urlA)) + (await publishedFrom(urlB)), imported: (await importedIn(urlA)) + (await importedIn(urlB)) };
              natsRestartedAt = performance.now();
            })();
            natsRestart.catch(() => undefined); // awaited (and thrown) below
          }
          // The shipping service dies with whatever it holds: commands, un-acked messages, leases.
          // (Not while nats-server is down: each disruption's recovery is measured on its own.)
          if (shippingKilledAt === null && ended >= shippingKillAfter && natsRestartedAt !== null) {
            const dead = shipping;
            dead.child.kill('SIGKILL');
            dead.alive = false;
            shippingKilledAt = performance.now();
            importedBAtKill = await importedIn(urlB);
            shippingAckPending = await ackPending('stormsmith-shipping');
            shippingBacklog = new Set(await publishedIds(urlA));
            for (const raw of dead.pending.values()) {
              const c = JSON.parse(raw) as Sent;
              resent++;
              resentIds.add(c.id);
              resentShipping.push(c.id);
              shippingWaiting.push(c);
            }
            dead.pending.clear();
            shippingRestart = startInstance('shipping-2', script, env(urlB, 'shipping'), instances).then((restarted) => {
              shippingReadyAt = performance.now();
              shipping = restarted;
              for (const c of shippingWaiting.splice(0)) send(restarted, c);
            });
            shippingRestart.catch(() => undefined); // awaited (and thrown) below
          }
          if (process.env.SOAK_DEBUG) console.error(`${((performance.now() - started) / 1000).toFixed(1)} s: nats ${natsStoppedAt === null ? 'up' : natsRestartedAt === null ? 'DOWN' : 'restarted'}, shipping ${shipping.name}${shipping.alive ? '' : ' DOWN'}; answered ${answers.size}/${commands}; charged ${charged.size}; dispatched ${dispatched.size}; shipped ${await countA('OrderShipped')}; cancelled ${await countA('OrderCancelled')}`);
          // Done when all work is, and every disruption happened (one that comes after the work, in
          // a short run, still has to leave everything correct).
          const disrupted = killedAt !== null && natsRestartedAt !== null && shippingReadyAt !== null;
          if (next >= placeOrders.length && answers.size >= commands && ended >= orders && disrupted) break;
          if ((performance.now() - started) / 1000 > timeoutSeconds) break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      await gateway.close();
      await natsRestart;
      await shippingRestart;
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
      await observeRecovery();
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
      disruptions: {
        salesKill: killedAt === null ? null : { atSeconds: since(killedAt, started)!, resent: resentSales.length, resentAnsweredAfterSeconds: since(resentSalesAnsweredAt, killedAt) },
        shippingKill:
          shippingKilledAt === null
            ? null
            : {
                atSeconds: since(shippingKilledAt, started)!,
                resent: resentShipping.length - heldShipping,
                held: heldShipping,
                ackPendingAtKill: shippingAckPending,
                readyAfterSeconds: since(shippingReadyAt, shippingKilledAt),
                answeredAfterSeconds: since(shippingAnsweredAt, shippingKilledAt),
                importingAfterSeconds: since(shippingImportingAt, shippingKilledAt),
                backlogImportedAfterSeconds: since(shippingBacklogAt, shippingKilledAt),
              },
        natsRestart:
          natsStoppedAt === null
            ? null
            : {
                atSeconds: since(natsStoppedAt, started)!,
                downSeconds: since(natsRestartedAt, natsStoppedAt),
                publishingAfterSeconds: since(natsPublishingAt, natsRestartedAt),
                importingAfterSeconds: since(natsImportingAt, natsRestartedAt),
                backlogImportedAfterSeconds: since(natsBacklogAt, natsRestartedAt),
              },
      },
    };
  } finally {
    await stopInstances(instances);
    await nats?.stop();
    await setup.close();
  }
};
