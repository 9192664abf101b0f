// The generated versioning on Emmett's PostgreSQL event store (the production store): the
// version stamp survives storage in message metadata, reads upcast old events (stamped or
// not), and aggregateStream folds upcast events.
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { afterAll, describe, expect, it } from 'vitest';
import { planEvolutionFiles } from '../../generator/emit/evolution/index.js';
import { usePostgres } from '../support/postgres.js';
import { context, event, model } from './support/model.js';
import { importGenerated, removeGenerated } from './support/transpile.js';
import { loadTemplates } from '../../generator/emit/templates.js';

const pg = usePostgres('schemas');
let store: PostgresEventStore | undefined;
afterAll(async () => {
  await store?.close();
  removeGenerated();
});

const placed = event(
  'OrderPlaced',
  {
    version: 2,
    fields: { orderId: 'uuid', shippingAddress: 'string', channel: 'string' },
    previous: [{ version: 1, fields: { orderId: 'uuid', deliveryAddress: 'string' }, upcast: { kind: 'declarative', renames: { deliveryAddress: 'shippingAddress' }, defaults: { channel: 'web' } } }],
  },
  'Sales',
);

type Ev = { type: string; data: Record<string, unknown>; metadata?: Record<string, unknown> };
type Versioning = { upcast: (e: Ev) => Ev; downcast: (e: Ev) => Ev };

describe('generated versioning on PostgreSQL', () => {
  it('stamps on append, keeps the stamp in storage, upcasts stamped and unstamped old events on read', async () => {
    const mod = await importGenerated<{ salesEventVersioning: Versioning }>(planEvolutionFiles(model(context('Sales', { events: [placed] })), loadTemplates()), 'src/sales/evolution/upcasters.js');
    const versioning = mod.salesEventVersioning;
    store = getPostgreSQLEventStore(pg.connectionString);
    const id = '7b0c4e8a-6f0e-4f51-9a43-0a9a0c2f5d11';
    const stream = `sales_order-${id}`;
    // Stored long ago: a stamped v1 and an unstamped v1 (written before versioning existed).
    await store.appendToStream(stream, [
      { type: 'OrderPlaced', data: { orderId: id, deliveryAddress: 'London' }, metadata: { schemaVersion: 1 } },
      { type: 'OrderPlaced', data: { orderId: id, deliveryAddress: 'Paris' } },
    ]);
    // Written today through the downcast.
    await store.appendToStream(stream, [{ type: 'OrderPlaced', data: { orderId: id, shippingAddress: 'Rome', channel: 'app' } }], { schema: { versioning: { downcast: versioning.downcast } } });

    const raw = await store.readStream(stream);
    expect(raw.events.map((e) => (e.metadata as { schemaVersion?: number }).schemaVersion)).toEqual([1, undefined, 2]);

    const read = await store.readStream<Ev>(stream, { schema: { versioning: { upcast: versioning.upcast } } });
    expect(read.events.map((e) => e.data)).toEqual([
      { orderId: id, shippingAddress: 'London', channel: 'web' },
      { orderId: id, shippingAddress: 'Paris', channel: 'web' },
      { orderId: id, shippingAddress: 'Rome', channel: 'app' },
    ]);
    expect(read.events.map((e) => (e.metadata as { schemaVersion?: number }).schemaVersion)).toEqual([2, 2, 2]);

    const { state } = await store.aggregateStream<string[], Ev>(stream, {
      evolve: (s: string[], e: Ev) => [...s, `${e.data.shippingAddress}/${e.data.channel}`],
      initialState: () => [],
      read: { schema: { versioning: { upcast: versioning.upcast } } },
    });
    expect(state).toEqual(['London/web', 'Paris/web', 'Rome/app']);
  });
});
