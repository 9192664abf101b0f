// Issue 13: a context run as a service of its own through the generated `npm start` path. The
// shop's shipping context starts with CONTEXTS=shipping, NATS_URL (a real nats-server) and its
// own database; an OrderPlaced published by the sales service (here: put on JetStream the way
// its outbox relay does) is imported once, reaches the ShippingAddresses read model, and is
// served by its HTTP API; routes of the contexts it does not run answer 404.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { natsJetStreamPublisher } from '../../templates/runtime/src/runtime/nats.js';
import { sharedExample } from '../generated-project/example-project.js';
import { expectUntouched, type SharedService } from '../generated-project/shared-service.js';
import { GENERATED_RUN_TIMEOUT } from '../generated-project/support.js';
import { startNats, type RunningNats } from '../support/nats.js';
import { usePostgres } from '../support/postgres.js';
import { query } from '../runtime/sql.js';
import { startServiceProcess } from './serviceProcess.js';

const postgres = usePostgres('split_service');
let nats: RunningNats;
// The run's shop service, only read: the process it starts writes to its database and NATS (ADR 0107).
let shop: SharedService | undefined;
let dir = '';
beforeAll(async () => {
  nats = await startNats();
  shop = await sharedExample('shop');
  dir = shop.dir;
}, 60_000);
afterAll(async () => {
  await nats?.stop();
  if (shop) expectUntouched(shop, 'after this file');
});

it(
  'CONTEXTS=shipping with NATS_URL: imports an OrderPlaced of the sales service once, serves its read model, refuses routes of the other contexts',
  async () => {
    const service = await startServiceProcess(path.join(dir, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: dir,
      env: { PATH: process.env.PATH, DATABASE_URL: postgres.connectionString, PORT: '0', OPS_PORT: '0', LOG_LEVEL: 'info', CONTEXTS: 'shipping', NATS_URL: nats.url, LEASE_RETRY_MS: '200', LEASE_HEARTBEAT_MS: '200' },
      timeoutMs: 90_000,
    });
    const { api } = service;
    try {
      const orderId = '5b3e1c9a-3f1d-4c2b-9f7e-2a6d8c4b1e90';
      const shippingAddress = { recipient: 'Ada Lovelace', line1: '12 Analytical Row', postalCode: '10115', city: 'Berlin', country: 'DE' };
      const placed = {
        messageId: '0f6c2b1e-1111-4222-8333-444455556666',
        type: 'OrderPlaced',
        streamName: `ordering_order-${orderId}`,
        globalPosition: '1',
        data: { orderId, customerId: '7a1b2c3d-0000-4000-8000-000000000001', lines: [{ sku: 'A', quantity: 1, unitPrice: { amount: 2500, currency: 'EUR' } }], total: { amount: 2500, currency: 'EUR' }, shippingAddress, channel: 'web' },
        metadata: { schemaVersion: 2, correlationId: 'checkout-1' },
      };
      const publisher = await natsJetStreamPublisher({ servers: nats.url });
      try {
        await publisher.publish(placed);
        // The relay publishing it again (it crashed before marking the row): still imported once.
        await publisher.publish(placed);
      } finally {
        await publisher.close();
      }
      let document: Response | undefined;
      for (let i = 0; i < 300; i++) {
        document = await fetch(`${api}/shipping/projections/shipping-addresses/${orderId}`);
        if (document.status === 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(document!.status).toBe(200);
      expect(await document!.json()).toMatchObject({ orderId, shippingAddress });
      const imported = await query<{ stream_id: string; source: string }>(postgres.connectionString, `SELECT stream_id, message_metadata ->> 'sourceMessageId' AS source FROM emt_messages WHERE message_type = 'OrderPlaced'`);
      expect(imported).toEqual([{ stream_id: `inbound-${placed.messageId}`, source: placed.messageId }]);
      // Ordering is not run here: its routes are refused, naming the setting.
      const refused = await fetch(`${api}/ordering/order/${orderId}/place-order`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ title: 'This service does not run the ordering context', detail: 'CONTEXTS=shipping' });
      // Its own routes answer (a body that does not match the command's schema: 400).
      const own = await fetch(`${api}/shipping/shipment/${orderId}/prepare-shipment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(own.status).toBe(400);
      // Its OpenAPI document describes the routes it answers: shipping's, and only the schemas they use.
      const served = (await (await fetch(`${api}/openapi.json`)).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> }; 'x-contexts': string[] };
      const full = JSON.parse(fs.readFileSync(path.join(dir, 'docs/openapi.json'), 'utf8')) as typeof served;
      expect(Object.keys(served.paths)).toEqual(Object.keys(full.paths).filter((p) => p.startsWith('/shipping/')));
      expect(Object.keys(served.paths)).toContain('/shipping/shipment/{shipmentId}/prepare-shipment');
      expect(Object.keys(served.components.schemas).filter((s) => !s.startsWith('Shipping.'))).toEqual(['CommandAccepted', 'Problem']);
      expect(served['x-contexts']).toEqual(['shipping']);
    } finally {
      await service.stop();
    }
  },
  GENERATED_RUN_TIMEOUT,
);
