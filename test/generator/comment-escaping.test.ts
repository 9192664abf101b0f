// Comment escaping has one owner (issue 17 item 9): a `*/` in model text becomes `* /` in every
// generated block comment, the JSDoc the emitters write and the types json-schema-to-typescript
// writes alike (before: `*\/` in one, `* /` in the other).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../generator/emit/templates.js';
import { loadModel } from '../../generator/model/index.js';
import { plan } from '../../generator/plan.js';

const text = `stormsmith: 1
context: Sales
aggregates:
  Order:
    identity: orderId
    description: "closes early */ if unescaped"
commands:
  PlaceOrder:
    aggregate: Order
    description: "a command */ here"
    fields:
      orderId: uuid
      note: { type: string, description: "a field */ there" }
    emits: [OrderPlaced]
events:
  OrderPlaced:
    aggregate: Order
    description: "an event */ too"
    fields:
      orderId: uuid
      note: { type: string, description: "a field */ there" }
projections:
  Orders:
    from: [OrderPlaced]
    key: orderId
    fields: { orderId: uuid }
`;

describe('comment escaping', () => {
  it('is `* /` in every generated TypeScript file, and never `*\\/`', async () => {
    const loaded = loadModel([{ path: 'sales.yaml', text }]);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const files = await plan(loaded.model!, { templates: loadTemplates() });
    const ts = [...files.values()].filter((f) => f.path.endsWith('.ts'));
    const withText = ts.filter((f) => f.contents.includes('*/ ') || f.contents.includes('* / '));
    expect(withText.length).toBeGreaterThan(3);
    for (const f of ts) {
      expect(f.contents, f.path).not.toContain('*\\/');
      // Comment lines only: JSON inside string literals (the OpenAPI document) keeps the text as is.
      const comments = f.contents.split('\n').filter((l) => /^\s*(\/\*\*|\*|\/\/)/.test(l));
      for (const line of comments) expect(line, f.path).not.toMatch(/(closes early|a command|a field|an event) \*\//);
    }
    const data = [...files.values()].find((f) => f.path.endsWith('order/events.ts'))!.contents;
    expect(data).toContain('a field * / there');
    // And in JSDoc the emitters write themselves (jsdocBlock), e.g. the projection's document.
    const own = ts.filter((f) => !f.path.endsWith('events.ts') && !f.path.endsWith('commands.ts') && /(closes early|a command|an event|a field) \* \//.test(f.contents));
    expect(own.length, ts.map((f) => f.path).join(' ')).toBeGreaterThan(0);
  });

  it('has one owner: no emitter escapes `*/` by itself', () => {
    const root = join(import.meta.dirname, '..', '..', 'generator');
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const escaping = walk(root).filter((file) => /replace\(\/\\\*\\\/\/g/.test(readFileSync(file, 'utf8')));
    expect(escaping.map((f) => f.slice(root.length + 1))).toEqual(['emit/code.ts']);
  });
});
