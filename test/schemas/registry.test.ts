// The registry on disk: canonical index, hash lock, and every way a registry can be damaged,
// each reported as a diagnostic at the file (never a crash).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIndex, serializeIndex } from '../../generator/schemas/registry/index-file.js';
import { readRegistryDir } from '../../generator/schemas/registry/read.js';
import { planRelease } from '../../generator/schemas/registry/release.js';
import { emptyRegistry } from '../../generator/schemas/registry/types.js';
import { context, event, model } from './support/model.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const m = model(
  context('Sales', { events: [event('OrderPlaced', { fields: { orderId: 'uuid' } }, 'Sales'), event('OrderCancelled', { fields: { orderId: 'uuid' } }, 'Sales')] }),
  context('Billing', { events: [event('InvoiceSent', { fields: { invoiceId: 'uuid' } }, 'Billing')] }),
);

function written(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stormsmith-registry-'));
  dirs.push(dir);
  for (const [file, text] of planRelease(m, emptyRegistry()).files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe('registry', () => {
  it('round-trips: what release writes reads back with the same schemas; the index is sorted', async () => {
    const plan = planRelease(m, emptyRegistry());
    const dir = written();
    const read = await readRegistryDir(dir);
    expect(read.diagnostics).toEqual([]);
    expect(read.exists).toBe(true);
    expect(read.registry).toEqual(plan.registry);
    expect(read.registry.events.map((e) => `${e.context}/${e.name}`)).toEqual(['Billing/InvoiceSent', 'Sales/OrderCancelled', 'Sales/OrderPlaced']);
    expect(serializeIndex(read.registry)).toBe(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(planRelease(m, read.registry).files.size).toBe(0);
  });

  it('an absent folder is an empty registry', async () => {
    const read = await readRegistryDir(join(tmpdir(), 'stormsmith-no-such-registry'));
    expect(read).toEqual({ registry: { events: [] }, diagnostics: [], exists: false });
  });

  it('reports an edited, a missing and an unparsable released file at that file', async () => {
    const dir = written();
    writeFileSync(join(dir, 'Sales/OrderPlaced/v1.json'), readFileSync(join(dir, 'Sales/OrderPlaced/v1.json'), 'utf8').replace('uuid', 'email'));
    unlinkSync(join(dir, 'Billing/InvoiceSent/v1.json'));
    const read = await readRegistryDir(dir, (f) => `reg/${f}`);
    expect(read.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['E_RELEASED_SCHEMA_MODIFIED', 'reg/Billing/InvoiceSent/v1.json', 1],
      ['E_RELEASED_SCHEMA_MODIFIED', 'reg/Sales/OrderPlaced/v1.json', 1],
    ]);
    expect(read.diagnostics[0]!.message).toContain('is missing');
    expect(read.diagnostics[1]!.message).toContain('was edited');
    // The damaged versions are not used by the gate; the intact one is.
    expect(read.registry.events.find((e) => e.name === 'OrderCancelled')!.versions).toHaveLength(1);
    expect(read.registry.events.find((e) => e.name === 'OrderPlaced')!.versions).toHaveLength(0);
  });

  it('rejects a malformed index with one clear problem', () => {
    expect(parseIndex('{').problem).toMatch(/not valid JSON/);
    expect(parseIndex('[]').problem).toBe('index.json must hold a JSON object');
    expect(parseIndex('{"stormsmith":2,"events":[]}').problem).toMatch(/format 2/);
    expect(parseIndex('{"stormsmith":1}').problem).toMatch(/"events" array/);
    expect(parseIndex('{"stormsmith":1,"events":[{"context":"A","name":"B","versions":[{"version":0,"file":"x","sha256":"00"}]}]}').problem).toMatch(/version/);
    const sha = '0'.repeat(64);
    expect(parseIndex(`{"stormsmith":1,"events":[{"context":"A","name":"B","versions":[{"version":1,"file":"../../etc/passwd","sha256":"${sha}"}]}]}`).problem).toMatch(/inside the registry/);
    expect(parseIndex(`{"stormsmith":1,"events":[{"context":"A","name":"B","versions":[{"version":2,"file":"a","sha256":"${sha}"},{"version":1,"file":"b","sha256":"${sha}"}]}]}`).index!.events[0]!.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('reports a broken index at index.json', async () => {
    const dir = written();
    writeFileSync(join(dir, 'index.json'), '{ nope');
    const read = await readRegistryDir(dir, (f) => `reg/${f}`);
    expect(read.diagnostics.map((d) => [d.code, d.file])).toEqual([['E_REGISTRY_INVALID', 'reg/index.json']]);
  });
});
