// Issue 17, scripted evolution (Done-when): the shop is generated and released, then
// OrderShipped is retired (MarkOrderShipped now emits a new OrderDispatched) and OrderCancelled
// is renamed OrderWithdrawn with `formerly: [OrderCancelled]`. `stormsmith check` passes (model,
// regenerated output, schema gate); the generated museum replays the exhibits stored under the
// old name (with the Order evolve written, as a user would); deleting a released event, or
// renaming one without the alias, is still refused by the gate.
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempTree } from '../cli/support.js';
import { REPO_ROOT, runTool } from '../generated-project/support.js';

const shop = join(import.meta.dirname, '..', '..', 'models', 'shop');
const t = tempTree({ 'stormsmith.config.json': '{\n  "model": "models/shop",\n  "out": "services/shop"\n}\n' });
afterAll(() => t.cleanup());
const run = (...argv: string[]) => runCli(argv, t.dir);
const ordering = join(t.dir, 'models/shop/ordering.yaml');
const payments = join(t.dir, 'models/shop/payments.yaml');
const editFile = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};
const edit = (from: string, to: string) => editFile(ordering, from, to);

/** What a user writes in the Order logic: evolve bodies (the generated stubs throw). */
function writeOrderEvolve(service: string): void {
  const file = join(service, 'src/ordering/order/logic.ts');
  const bodies: Record<string, string> = {
    evolveOrderPlaced: `return { ...state, customerId: event.data.customerId, lines: [...event.data.lines], total: event.data.total, shippingAddress: event.data.shippingAddress, status: 'placed' };`,
    evolveOrderWithdrawn: `return { ...state, status: 'cancelled' };`,
    evolveOrderShipped: `return { ...state, status: 'shipped' };`,
    evolveOrderDispatched: `return { ...state, status: 'shipped' };`,
  };
  let text = readFileSync(file, 'utf8');
  for (const [fn, body] of Object.entries(bodies)) {
    const re = new RegExp(`(export function ${fn}\\([^)]*\\): OrderState \\{\\n)\\s*return notImplemented\\([^\\n]*\\);`);
    expect(re.test(text), `${fn} stub found`).toBe(true);
    text = text.replace(re, `$1  ${body}`);
  }
  writeFileSync(file, text);
}

/** The generated museum tests, run in the service (no database needed). */
function museumOutcomes(service: string): { output: string; outcomes: { file: string; name: string; status: string }[] } {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = 'postgres://museum:unused@127.0.0.1:9/unused';
  let run;
  try {
    run = runTool(service, 'vitest', ['run', 'test/museum', '--reporter=json', '--outputFile=.museum-report.json']);
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
  const report = JSON.parse(readFileSync(join(service, '.museum-report.json'), 'utf8')) as { testResults: { name: string; assertionResults: { title: string; status: string }[] }[] };
  const outcomes = report.testResults.flatMap((f) => f.assertionResults.map((a) => ({ file: relative(service, f.name).split(sep).join('/'), name: a.title, status: a.status })));
  return { output: run.output, outcomes };
}

const SHIPPED = '  OrderShipped:\n    aggregate: Order\n    version: 1\n    fields:\n      orderId: uuid\n      shipmentId: uuid\n      trackingNumber: string\n';
const RETIRED = SHIPPED.replace('    aggregate: Order\n', '    aggregate: Order\n    retired: true\n');
const CANCELLED = '  OrderCancelled:\n    aggregate: Order\n    published: true\n';
const WITHDRAWN = '  OrderWithdrawn:\n    aggregate: Order\n    formerly: [OrderCancelled]\n    published: true\n';
const DISPATCHED = '  OrderDispatched:\n    aggregate: Order\n    fields:\n      orderId: uuid\n      shipmentId: uuid\n      trackingNumber: string\n      carrier?: string\n';

describe('scripted evolution: retiring and renaming released events', () => {
  it('generate, release, retire one, rename another with `formerly`, regenerate: check passes, the museum replays the old name; deleting or an unaliased rename is still refused', async () => {
    cpSync(shop, join(t.dir, 'models/shop'), { recursive: true });
    expect((await run('generate')).code).toBe(0);
    const released = await run('schemas', 'release');
    expect(released.stdout).toContain('released Ordering.OrderShipped v1');

    edit('    emits: [OrderShipped]', '    emits: [OrderDispatched]');
    edit(SHIPPED, RETIRED + DISPATCHED);
    edit('from: [OrderPlaced, OrderCancelled, OrderShipped]', 'from: [OrderPlaced, OrderWithdrawn, OrderShipped, OrderDispatched]');
    // The rename: every reference follows, the old name stays as the alias.
    edit('    emits: [OrderCancelled]', '    emits: [OrderWithdrawn]');
    edit(CANCELLED, WITHDRAWN);
    editFile(payments, 'on: [Ordering.OrderCancelled]', 'on: [Ordering.OrderWithdrawn]');
    // The evolved model is valid before it is regenerated.
    const validated = await run('validate', 'models/shop');
    expect(validated.code, validated.stdout + validated.stderr).toBe(0);
    expect((await run('generate')).code).toBe(0);
    const check = await run('check');
    expect(check.stdout + check.stderr).toContain('ok   event schema gate');
    expect(check.code, check.stdout + check.stderr).toBe(0);

    // The museum of the regenerated service replays the OrderCancelled exhibit (kept: user-owned).
    const service = join(t.dir, 'services/shop');
    expect(readFileSync(join(service, 'test/museum/ordering/OrderCancelled.v1.json'), 'utf8')).toContain('"type": "OrderCancelled"');
    writeOrderEvolve(service);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(service, 'node_modules'), 'dir');
    const museum = museumOutcomes(service);
    const outcome = (name: string) => museum.outcomes.find((o) => o.file.endsWith('ordering.museum.test.ts') && o.name.includes(name))?.status;
    expect(museum.outcomes.filter((o) => o.status === 'failed'), museum.output).toEqual([]);
    expect(outcome('OrderCancelled v1 stamped upcasts to v1')).toBe('passed');
    expect(outcome('OrderCancelled v1 unstamped upcasts to v1')).toBe('passed');
    expect(outcome('from the oldest exhibits (OrderDispatched v1, OrderPlaced v1, OrderShipped v1, OrderWithdrawn v1, OrderCancelled v1), read back')).toBe('passed');

    // Renaming a released event again, without the alias: TYPE_RENAMED.
    edit('    formerly: [OrderCancelled]\n', '');
    const unaliased = await run('schemas', 'check');
    expect(unaliased.code).toBe(1);
    expect(unaliased.stdout + unaliased.stderr).toContain('[TYPE_RENAMED]');
    edit(WITHDRAWN.replace('    formerly: [OrderCancelled]\n', ''), WITHDRAWN);

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
