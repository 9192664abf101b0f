// Issue 17, scripted evolution (the retire half; renaming with `formerly` is not landed yet): the
// shop is generated and released, then OrderShipped is retired (MarkOrderShipped now emits a new
// OrderDispatched). `stormsmith check` passes — model, regenerated output, schema gate — while
// deleting the released event is still refused by the gate (TYPE_REMOVED).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempTree } from '../cli/support.js';

const shop = join(import.meta.dirname, '..', '..', 'models', 'shop');
const t = tempTree({ 'stormsmith.config.json': '{\n  "model": "models/shop",\n  "out": "services/shop"\n}\n' });
afterAll(() => t.cleanup());
const run = (...argv: string[]) => runCli(argv, t.dir);
const ordering = join(t.dir, 'models/shop/ordering.yaml');
const edit = (from: string, to: string) => {
  const text = readFileSync(ordering, 'utf8');
  expect(text).toContain(from);
  writeFileSync(ordering, text.replace(from, to));
};

const SHIPPED = '  OrderShipped:\n    aggregate: Order\n    version: 1\n    fields:\n      orderId: uuid\n      shipmentId: uuid\n      trackingNumber: string\n';
const RETIRED = SHIPPED.replace('    aggregate: Order\n', '    aggregate: Order\n    retired: true\n');
const DISPATCHED = '  OrderDispatched:\n    aggregate: Order\n    fields:\n      orderId: uuid\n      shipmentId: uuid\n      trackingNumber: string\n      carrier?: string\n';

describe('scripted evolution: retiring a released event', () => {
  it('generate, release, retire, regenerate: check passes; deleting the event is still TYPE_REMOVED', async () => {
    cpSync(shop, join(t.dir, 'models/shop'), { recursive: true });
    expect((await run('generate')).code).toBe(0);
    const released = await run('schemas', 'release');
    expect(released.stdout).toContain('released Ordering.OrderShipped v1');

    edit('    emits: [OrderShipped]', '    emits: [OrderDispatched]');
    edit(SHIPPED, RETIRED + DISPATCHED);
    edit('from: [OrderPlaced, OrderCancelled, OrderShipped]', 'from: [OrderPlaced, OrderCancelled, OrderShipped, OrderDispatched]');
    // The retired model is valid before it is regenerated.
    expect((await run('validate', 'models/shop')).code).toBe(0);
    expect((await run('generate')).code).toBe(0);
    const check = await run('check');
    expect(check.stdout + check.stderr).toContain('ok   event schema gate');
    expect(check.code, check.stdout + check.stderr).toBe(0);

    // A command that still emits the retired event is refused at the reference.
    edit('    emits: [OrderDispatched]', '    emits: [OrderDispatched, OrderShipped]');
    const emitting = await run('validate', 'models/shop');
    expect(emitting.code).toBe(1);
    expect(emitting.stdout + emitting.stderr).toContain('error[E_RETIRED_EVENT_EMITTED]: command MarkOrderShipped emits retired event OrderShipped');
    edit('    emits: [OrderDispatched, OrderShipped]', '    emits: [OrderDispatched]');

    // A plain removal of the released event: the gate refuses it.
    edit(RETIRED, '');
    const removed = await run('schemas', 'check');
    expect(removed.code).toBe(1);
    expect(removed.stdout + removed.stderr).toContain('[TYPE_REMOVED]');
  }, 120_000);
});
