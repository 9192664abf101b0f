// Issue 14, big-picture drafts: `generate` names every draft and writes nothing; the same model
// with its drafts settled generates.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.js';

const DRAFT = `stormsmith: 1
context: Sales
aggregates:
  Order:
    identity: orderId
commands:
  PlaceOrder:
    fields: { orderId: uuid }
    emits: [OrderPlaced]
events:
  OrderPlaced:
    fields: { orderId: uuid }
    published: true
`;

const SETTLED = DRAFT.replace('  PlaceOrder:\n', '  PlaceOrder:\n    aggregate: Order\n').replace('  OrderPlaced:\n', '  OrderPlaced:\n    aggregate: Order\n');

describe('generate with drafts', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const repo = (text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stormsmith-drafts-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, 'models', 'sales'), { recursive: true });
    writeFileSync(path.join(dir, 'models', 'sales', 'sales.yaml'), text);
    return dir;
  };

  it('refuses with E_DRAFTS naming each draft, and writes nothing', async () => {
    const dir = repo(DRAFT);
    const result = await generate({ cwd: dir, model: 'models/sales', out: 'services/sales' });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file, d.line])).toEqual([['E_DRAFTS', 'models/sales/sales.yaml', 7]]);
    const refusal = result.diagnostics.find((d) => d.code === 'E_DRAFTS')!;
    expect(refusal.message).toContain('event Sales.OrderPlaced (no aggregate records it and no external system delivers it)');
    expect(refusal.message).toContain('command Sales.PlaceOrder (no aggregate handles it)');
    expect(result.diagnostics.filter((d) => d.code === 'W_DRAFT')).toHaveLength(2);
    expect(existsSync(path.join(dir, 'services'))).toBe(false);
  });

  it('generates once the drafts are settled', async () => {
    const dir = repo(SETTLED);
    const result = await generate({ cwd: dir, model: 'models/sales', out: 'services/sales', mode: 'dry-run' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.plan!.size).toBeGreaterThan(0);
  });
});
