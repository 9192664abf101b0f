// Issue 5 acceptance, through `stormsmith check` (the CI gate) on a copy of the shop example:
// adding a required field to a released event fails with a position and a hint; after bumping
// the version and declaring a default (and regenerating) it passes.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/support.js';

let dir: string;
async function run(...argv: string[]) {
  const { code, stdout, stderr } = await runCli(argv, dir);
  return { code, out: stdout + stderr };
}

const V1 = `  OrderCancelled:
    aggregate: Order
    published: true
    version: 1
    fields:
      orderId: uuid
      reason: enum(customer-request|payment-failed)
`;
const V2 = `  OrderCancelled:
    aggregate: Order
    published: true
    version: 2
    fields:
      orderId: uuid
      reason: enum(customer-request|payment-failed)
      refundRequested: boolean
    previousVersions:
      1:
        fields:
          orderId: uuid
          reason: enum(customer-request|payment-failed)
        upcast:
          defaults: { refundRequested: true }
`;
const ordering = () => join(dir, 'model', 'ordering.yaml');
const edit = (from: string, to: string) => {
  const text = readFileSync(ordering(), 'utf8');
  expect(text).toContain(from);
  writeFileSync(ordering(), text.replace(from, to));
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stormsmith-acceptance-'));
  cpSync(join(import.meta.dirname, '..', '..', 'models', 'shop'), join(dir, 'model'), { recursive: true });
  writeFileSync(join(dir, 'stormsmith.config.json'), JSON.stringify({ model: 'model', out: 'service' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('schema evolution through `stormsmith check`', () => {
  it('passes on the released shop', async () => {
    expect((await run('generate')).code).toBe(0);
    expect((await run('schemas', 'release')).code).toBe(0);
    const check = await run('check');
    expect(check.out).not.toContain('error[');
    expect(check.code).toBe(0);
  }, 120_000);

  it('fails when a required field is added to the released OrderCancelled, at the field, with a hint', async () => {
    edit(V1, `${V1}      refundRequested: boolean\n`);
    const line = readFileSync(ordering(), 'utf8').split('\n').indexOf('      refundRequested: boolean') + 1;
    const check = await run('check');
    expect(check.code).toBe(1);
    expect(check.out).toContain(`model/ordering.yaml:${line}:7: error[E_BREAKING]: OrderCancelled v1 is released; required property "refundRequested" added`);
    expect(check.out).toContain('hint: bump OrderCancelled to version 2 and declare how v1 becomes v2');
  }, 120_000);

  it('passes after bumping to version 2 with a default for the new field (and regenerating)', async () => {
    edit(`${V1}      refundRequested: boolean\n`, V2);
    expect((await run('generate')).code).toBe(0);
    const check = await run('check');
    expect(check.out).not.toContain('error[');
    expect(check.out).toContain('OrderCancelled v1 -> v2 (new version)');
    expect(check.code).toBe(0);
  }, 120_000);
});
