// Sample events in generated tests are built from the event's own context's value objects: a
// policy, read model or external system of Shipping that takes Ordering's published event must
// not sample Ordering's `LineItem` by Shipping's `LineItem` of the same name (found by the valid-
// model arbitrary, issue 17a: tsc TS2353 "'tag' does not exist in type 'LineItem'").
import { describe, expect, it } from 'vitest';
import { loadYaml, planModel } from '../generated-project/model-project.js';

const ordering = [
  'stormsmith: 1',
  'context: Ordering',
  'valueObjects:',
  '  LineItem:',
  '    fields: { label: string, count: int }',
  'aggregates:',
  '  Order:',
  '    identity: orderId',
  'commands:',
  '  PlaceOrder:',
  '    aggregate: Order',
  '    fields: { orderId: uuid, item: LineItem }',
  '    emits: [OrderPlaced]',
  'events:',
  '  OrderPlaced:',
  '    aggregate: Order',
  '    published: true',
  '    fields: { orderId: uuid, item: LineItem }',
  '',
].join('\n');

const shipping = [
  'stormsmith: 1',
  'context: Shipping',
  'relationships:',
  '  - { context: Ordering, kind: customer-supplier }',
  'externalSystems:',
  '  Carrier:',
  '    consumes: [Ordering.OrderPlaced]',
  'valueObjects:',
  '  LineItem:',
  '    fields: { label: string, count: int, tag: Tag }',
  '  Tag:',
  '    fields: { code: string }',
  'aggregates:',
  '  Shipment:',
  '    identity: shipmentId',
  'commands:',
  '  PrepareShipment:',
  '    aggregate: Shipment',
  '    fields: { shipmentId: uuid, item: LineItem }',
  '    emits: [ShipmentPrepared]',
  'events:',
  '  ShipmentPrepared:',
  '    aggregate: Shipment',
  '    fields: { shipmentId: uuid, item: LineItem }',
  'policies:',
  '  PrepareWhenPlaced:',
  '    on: [Ordering.OrderPlaced]',
  '    issues: [PrepareShipment]',
  '    with: { shipmentId: $newId }',
  'projections:',
  '  PlacedOrders:',
  '    from: [Ordering.OrderPlaced]',
  '    key: orderId',
  '    fields: { orderId: uuid }',
  '',
].join('\n');

describe('samples of another context\'s event in generated tests', () => {
  it('use that context\'s value objects (no `tag` in an Ordering LineItem)', async () => {
    const files = await planModel(loadYaml({ 'ordering.yaml': ordering, 'shipping.yaml': shipping }));
    const tests = [...files.entries()].filter(([p]) => p.startsWith('test/') && p.includes('shipping') && p.endsWith('.ts') && files.get(p)!.contents.includes("type: 'OrderPlaced'"));
    // The policy's test, the read model's tests, the external system's test, the ops tests.
    expect(tests.map(([p]) => p).length).toBeGreaterThanOrEqual(4);
    for (const [path, file] of tests) expect(file.contents, path).not.toContain('tag:');
  });
});
