// The evolution part of a generated project, run for real: the shop example (OrderPlaced v1 ->
// v2 renames deliveryAddress and defaults channel) planned with planEvolutionFiles, written to a
// temp dir, type-checked, and its museum test run. With the Order evolve written (as a user
// would), the aggregate rebuilds its state from the v1 exhibits; a broken upcaster fails the
// museum; a custom step is a typed stub that makes its cases todo until it is written.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planEvolutionFiles } from '../../generator/emit/evolution/index.js';
import type { Model } from '../../generator/model/types.js';
import type { PlannedFile } from '../../generator/plan-types.js';
import { GENERATED_RUN_TIMEOUT, loadExample, materialise, planExample, runTool, type TestOutcome } from '../generated-project/support.js';
import { loadTemplates } from '../../generator/emit/templates.js';

function museumRun(dir: string): { output: string; outcomes: TestOutcome[] } {
  const report = join(dir, '.museum-report.json');
  // The museum needs no database: a DATABASE_URL keeps the project's global setup from
  // starting an embedded PostgreSQL for nothing (nothing connects to it).
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = 'postgres://museum:unused@127.0.0.1:9/unused';
  let run;
  try {
    run = runTool(dir, 'vitest', ['run', 'test/museum', '--reporter=json', `--outputFile=${report}`]);
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
  let outcomes: TestOutcome[] = [];
  try {
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { name: string; assertionResults: { title: string; status: TestOutcome['status'] }[] }[] };
    outcomes = parsed.testResults.flatMap((f) => f.assertionResults.map((a) => ({ file: relative(dir, f.name).split(sep).join('/'), name: a.title, status: a.status })));
  } catch {
    // no report: the output says why
  }
  return { output: run.output, outcomes };
}

/** What a user writes in src/ordering/order/logic.ts: evolve bodies that read the (current) event data. */
function writeOrderEvolve(dir: string): void {
  const file = join(dir, 'src/ordering/order/logic.ts');
  const bodies: Record<string, string> = {
    evolveOrderPlaced: `return { ...state, customerId: event.data.customerId, lines: [...event.data.lines], total: event.data.total, shippingAddress: event.data.shippingAddress, status: 'placed' };`,
    evolveOrderCancelled: `return { ...state, status: 'cancelled' };`,
    evolveOrderShipped: `return { ...state, status: 'shipped' };`,
  };
  let text = readFileSync(file, 'utf8');
  for (const [fn, body] of Object.entries(bodies)) {
    const re = new RegExp(`(export function ${fn}\\([^)]*\\): OrderState \\{\\n)\\s*return notImplemented\\([^\\n]*\\);`);
    expect(re.test(text), `${fn} stub found`).toBe(true);
    text = text.replace(re, `$1  ${body}`);
  }
  writeFileSync(file, text);
}

async function project(model: Model, example: string, name: string): Promise<string> {
  const files = new Map<string, PlannedFile>(await planExample(example));
  for (const f of planEvolutionFiles(model, loadTemplates())) files.set(f.path, f);
  return materialise(files, name);
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('generated event museum (shop)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await project(loadExample('shop'), 'shop', 'museum');
    dirs.push(dir);
    writeOrderEvolve(dir);
  }, GENERATED_RUN_TIMEOUT);

  it('type-checks', () => {
    const tsc = runTool(dir, 'tsc', ['-p', 'tsconfig.json']);
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  }, GENERATED_RUN_TIMEOUT);

  it('upcasts every exhibit and rebuilds Order from the v1 exhibits', () => {
    const { output, outcomes } = museumRun(dir);
    const failed = outcomes.filter((o) => o.status === 'failed');
    expect(failed, output).toEqual([]);
    const byName = (n: string) => outcomes.find((o) => o.name.includes(n));
    expect(byName('OrderPlaced v1 stamped upcasts to v2')?.status).toBe('passed');
    // Stored before stamps were kept: recognised by its shape (defect 9).
    expect(byName('OrderPlaced v1 unstamped upcasts to v2')?.status).toBe('passed');
    expect(byName('from the oldest exhibits (OrderPlaced v1, OrderCancelled v1, OrderShipped v1)')?.status).toBe('passed');
    expect(byName('from the newest exhibits (OrderPlaced v2, OrderCancelled v1, OrderShipped v1)')?.status).toBe('passed');
    // Payment/Shipment evolve bodies are still stubs: todo, never silently passed.
    expect(outcomes.filter((o) => o.name.startsWith('from the') && o.file.includes('payments')).every((o) => o.status === 'todo')).toBe(true);
  }, GENERATED_RUN_TIMEOUT);

  it('fails when the upcaster is broken (the museum catches what replay would break)', () => {
    const file = join(dir, 'src/ordering/evolution/upcasters.ts');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('shippingAddress: data.deliveryAddress,', 'shippingAddress: (data as unknown as { shippingAddress: never }).shippingAddress,'));
    try {
      const { outcomes } = museumRun(dir);
      expect(outcomes.find((o) => o.name.includes('OrderPlaced v1 stamped upcasts to v2'))?.status).toBe('failed');
    } finally {
      writeFileSync(file, good);
    }
  }, GENERATED_RUN_TIMEOUT);
});

describe('custom upcast steps', () => {
  it('are user-owned typed stubs: todo until written, then replayed', async () => {
    const model = loadExample('shop');
    const ordering = model.contexts.find((c) => c.name === 'Ordering')!;
    const shipped = ordering.events.find((e) => e.name === 'OrderCancelled')!;
    // OrderCancelled v2 adds a required cancelledBy; v1 -> v2 is custom code.
    shipped.previousVersions = [{ version: 1, fields: shipped.fields, upcast: { kind: 'custom' }, loc: shipped.loc }];
    shipped.version = 2;
    shipped.fields = [...shipped.fields, { ...shipped.fields[0]!, name: 'cancelledBy', type: { kind: 'primitive', name: 'string' }, typeText: 'string', optional: false }];
    const planned = planEvolutionFiles(model, loadTemplates());
    const stub = planned.find((f) => f.path === 'src/ordering/evolution/upcasts.logic.ts')!;
    expect(stub.ownership).toBe('scaffold');
    expect(stub.grow?.members.map((m) => m.name)).toEqual(['upcastOrderCancelledV1']);
    expect(stub.contents).toContain('export function upcastOrderCancelledV1(data: OrderCancelledV1Data): OrderCancelledData {');

    const files = new Map<string, PlannedFile>();
    // The rest of the project from the same (edited) model.
    const { plan } = await import('../../generator/plan.js');
    for (const [path, f] of await plan(model, { templates: loadTemplates(), modelRoot: 'models/shop' })) files.set(path, f);
    for (const f of planned) files.set(f.path, f);
    const dir = materialise(files, 'museum-custom');
    dirs.push(dir);
    expect(runTool(dir, 'tsc', ['-p', 'tsconfig.json']).output).toBe('');
    const before = museumRun(dir).outcomes.find((o) => o.name.includes('OrderCancelled v1 stamped upcasts to v2'));
    expect(before?.status).toBe('todo');

    const logic = join(dir, 'src/ordering/evolution/upcasts.logic.ts');
    writeFileSync(logic, readFileSync(logic, 'utf8').replace(/return notImplemented\([^\n]*\);/, "return { ...data, cancelledBy: 'unknown' };"));
    expect(runTool(dir, 'tsc', ['-p', 'tsconfig.json']).output).toBe('');
    const after = museumRun(dir).outcomes.find((o) => o.name.includes('OrderCancelled v1 stamped upcasts to v2'));
    expect(after?.status).toBe('passed');
  }, GENERATED_RUN_TIMEOUT * 2);
});

describe('renamed events (`formerly`, issue 17 item 2)', () => {
  // Emmett's upcast keeps the stored `type`, so every reader must rename first (docs/adr/0091).
  it('replays exhibits stored under the former type name, and a projection takes them', async () => {
    const model = loadExample('shop');
    const ordering = model.contexts.find((c) => c.name === 'Ordering')!;
    const cancelled = ordering.events.find((e) => e.name === 'OrderCancelled')!;
    // As if OrderCancelled had been released as OrderWithdrawn and renamed with an alias.
    cancelled.formerly = [{ name: 'OrderWithdrawn', loc: cancelled.loc }];
    const { plan } = await import('../../generator/plan.js');
    const files = new Map<string, PlannedFile>();
    for (const [path, f] of await plan(model, { templates: loadTemplates(), modelRoot: 'models/shop' })) files.set(path, f);
    for (const f of planEvolutionFiles(model, loadTemplates())) files.set(f.path, f);
    // The policy in another context that reacts to OrderCancelled takes the stored former name too.
    expect(files.get('src/payments/policies/refund-cancelled-order.ts')!.contents).toContain('canHandle: withFormerTypes(refundCancelledOrderEventTypes),');
    expect(files.get('src/payments/policies/refund-cancelled-order.ts')!.contents).toContain('await refundCancelledOrderReactor(eventStore, renamedEvent(event));');
    const dir = materialise(files, 'museum-renamed');
    dirs.push(dir);
    writeOrderEvolve(dir);
    // A stored exhibit under the old name, as the museum held it before the rename.
    const current = JSON.parse(readFileSync(join(dir, 'test/museum/ordering/OrderCancelled.v1.json'), 'utf8')) as { type: string; data: { orderId: string } };
    writeFileSync(join(dir, 'test/museum/ordering/OrderWithdrawn.v1.json'), JSON.stringify({ ...current, type: 'OrderWithdrawn' }, null, 2));
    // The read model OrderStatus, written as a user would, fed an event stored under the old name.
    const logic = join(dir, 'src/ordering/projections/order-status.logic.ts');
    writeFileSync(logic, readFileSync(logic, 'utf8').replace(/(export function onOrderCancelled\([^)]*\): OrderStatus \| null \{\n)\s*return notImplemented\([^\n]*\);/, "$1  return { customerId: '', total: { amount: 0, currency: 'EUR' }, ...document, orderId: event.data.orderId, status: 'cancelled' };"));
    writeFileSync(
      join(dir, 'test/museum/renamed-projection.test.ts'),
      `import { getInMemoryEventStore, projections } from '@event-driven-io/emmett';\n` +
        `import { expect, it } from 'vitest';\n` +
        `import { orderStatusCollection, orderStatusInMemoryProjection } from '../../src/ordering/projections/order-status.js';\n` +
        `it('an OrderWithdrawn stored before the rename updates OrderStatus as OrderCancelled', async () => {\n` +
        `  const store = getInMemoryEventStore({ projections: projections.inline([orderStatusInMemoryProjection]) });\n` +
        `  await store.appendToStream('order-${current.data.orderId}', [{ type: 'OrderWithdrawn', data: ${JSON.stringify(current.data)} } as never]);\n` +
        `  const doc = await store.database.collection<{ status: string }>(orderStatusCollection).findOne();\n` +
        `  expect(doc?.status).toBe('cancelled');\n` +
        `});\n`,
    );
    expect(runTool(dir, 'tsc', ['-p', 'tsconfig.json']).output).toBe('');
    const { output, outcomes } = museumRun(dir);
    expect(outcomes.filter((o) => o.status === 'failed'), output).toEqual([]);
    expect(outcomes.find((o) => o.name.includes('OrderWithdrawn v1 stamped upcasts to v1'))?.status).toBe('passed');
    expect(outcomes.find((o) => o.name.includes('OrderWithdrawn v1 unstamped upcasts to v1'))?.status).toBe('passed');
    expect(outcomes.find((o) => o.name.includes('from the oldest exhibits (OrderPlaced v1, OrderCancelled v1, OrderWithdrawn v1, OrderShipped v1), read back'))?.status).toBe('passed');
    expect(outcomes.find((o) => o.name.includes('updates OrderStatus as OrderCancelled'))?.status).toBe('passed');
  }, GENERATED_RUN_TIMEOUT * 2);
});
