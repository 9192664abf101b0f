// EventCatalog export through @eventcatalog/sdk, read back through the SDK: domains, services,
// events and commands with schemas and versions; a re-export after a version bump keeps what an
// author wrote (text outside the generated block, owners, hand-added links) and versions the old page.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sdkFor from '@eventcatalog/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { GENERATED_BEGIN, GENERATED_END, planCatalog } from '../../generator/eventcatalog/plan.js';
import { eventJsonSchema } from '../../generator/schemas/json-schema.js';
import { runCli, tempTree } from '../cli/support.js';
import { loadExample } from '../generated-project/support.js';

const SHOP = fileURLToPath(new URL('../../models/shop', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('stormsmith export eventcatalog', () => {
  it('writes the shop catalogue, and a re-export keeps hand-written content', async () => {
    const { dir, cleanup } = tempTree({});
    cleanups.push(cleanup);
    // The shop model, copied so the test can bump a version.
    for (const f of ['ordering.yaml', 'payments.yaml', 'shipping.yaml']) writeFileSync(path.join(dir, f), readFileSync(path.join(SHOP, f)));
    const first = await runCli(['export', 'eventcatalog', '.', '--out', 'catalog'], dir);
    expect([first.code, first.stderr]).toEqual([0, '']);
    const sdk = sdkFor(path.join(dir, 'catalog'));
    const shop = loadExample('shop');

    expect((await sdk.getDomains()).map((d) => d.id).sort()).toEqual(['Ordering', 'Payments', 'Shipping']);
    expect((await sdk.getDomain('Payments')).services).toEqual([{ id: 'PaymentsService', version: '1.0.0' }]);
    const placed = shop.contexts[0]!.events.find((e) => e.name === 'OrderPlaced')!;
    const event = await sdk.getEvent('Ordering.OrderPlaced', undefined, { attachSchema: true });
    expect(event.version).toBe(`${placed.version}.0.0`);
    expect((event as unknown as { schema: unknown }).schema).toEqual(JSON.parse(JSON.stringify(eventJsonSchema(shop, placed))));
    expect(event.badges?.map((b) => b.content)).toEqual(['published']);
    expect((await sdk.getCommand('Payments.CapturePayment')).markdown).toContain('PaymentNotPending');
    const payments = await sdk.getService('PaymentsService');
    expect(payments.receives).toContainEqual({ id: 'Ordering.OrderPlaced', version: `${placed.version}.0.0` });
    expect(payments.sends).toContainEqual({ id: 'Payments.PaymentCaptured', version: '1.0.0' });

    // An author edits the catalogue: prose around the generated block, owners, a hand-added link.
    const cancelled = await sdk.getEvent('Ordering.OrderCancelled');
    await sdk.writeEvent({ ...cancelled, owners: ['order-team'], markdown: `## Why we cancel\n\nHand-written notes.\n\n${cancelled.markdown}\nMore notes below.\n` }, { override: true });
    const service = await sdk.getService('OrderingService');
    await sdk.writeService({ ...service, owners: ['order-team'], sends: [...(service.sends ?? []), { id: 'LegacyOrderExported', version: '1' }] }, { override: true });

    // The model moves on: OrderCancelled gets version 2 with a new optional field.
    const orderingFile = path.join(dir, 'ordering.yaml');
    const text = readFileSync(orderingFile, 'utf8');
    const bumped = text.replace(/(  OrderCancelled:\n    aggregate: Order\n    published: true\n    version: )1\n    fields:\n      orderId: uuid\n      reason: enum\(customer-request\|payment-failed\)\n/, '$12\n    fields:\n      orderId: uuid\n      reason: enum(customer-request|payment-failed)\n      note?: string\n    previousVersions:\n      1:\n        fields:\n          orderId: uuid\n          reason: enum(customer-request|payment-failed)\n        upcast:\n          defaults: {}\n');
    expect(bumped).not.toBe(text);
    writeFileSync(orderingFile, bumped);
    const second = await runCli(['export', 'eventcatalog', '.', '--out', 'catalog'], dir);
    expect([second.code, second.stderr]).toEqual([0, '']);
    expect(second.stdout).toContain('event Ordering.OrderCancelled 1.0.0 -> 2.0.0');

    const v2 = await sdk.getEvent('Ordering.OrderCancelled');
    expect(v2.version).toBe('2.0.0');
    expect(v2.owners).toEqual(['order-team']);
    expect(v2.markdown.startsWith('## Why we cancel\n\nHand-written notes.\n\n')).toBe(true);
    expect(v2.markdown).toContain('More notes below.');
    expect(v2.markdown).toContain('Version 2;');
    expect(v2.markdown.split(GENERATED_BEGIN).length).toBe(2);
    expect(v2.markdown.split(GENERATED_END).length).toBe(2);
    // Version 1 is still there, as it was.
    const v1 = await sdk.getEvent('Ordering.OrderCancelled', '1.0.0');
    expect(v1.version).toBe('1.0.0');
    expect(v1.markdown).toContain('Version 1;');
    const ordering = await sdk.getService('OrderingService');
    expect(ordering.owners).toEqual(['order-team']);
    expect(ordering.sends).toContainEqual({ id: 'LegacyOrderExported', version: '1' });
    expect(ordering.sends).toContainEqual({ id: 'Ordering.OrderCancelled', version: '2.0.0' });
    expect(existsSync(path.join(dir, 'catalog/events'))).toBe(true);
  }, 60_000);
});

describe('EventCatalog plan of outbound integrations (`consumes:`)', () => {
  it('the service page lists whom it tells about which events, and the event page says so', () => {
    const plan = planCatalog(loadExample('shop'));
    const payments = plan.services.find((s) => s.id === 'PaymentsService')!;
    expect(payments.block).toContain('Outbound integrations (each through a user-owned adapter, retried, then dead-lettered):\n- PaymentGateway is told about PaymentRequested');
    const requested = plan.messages.find((m) => m.id === 'Payments.PaymentRequested')!;
    expect(requested.block).toContain('Told to the external system PaymentGateway (outbound integration).');
    expect(plan.services.find((s) => s.id === 'OrderingService')!.block).not.toContain('Outbound integrations');
  });
});
