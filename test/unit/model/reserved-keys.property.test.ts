// hardening.md C1.5 as a property: reserved keys at any depth of spec data, JSON Schema fields
// and defaults are each reported once, and no prototype is ever touched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADER, load } from './helpers.js';

const RESERVED = ['__proto__', 'constructor', 'prototype'];

type Tree = number | { [key: string]: Tree };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.integer({ min: 0, max: 9 }),
    fc
      .uniqueArray(fc.constantFrom('a', 'b', 'polluted', ...RESERVED), { maxLength: 4 })
      .chain((keys) => fc.tuple(...keys.map(() => tie('t'))).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]!])) as Tree)),
  ),
})).t;

/** Flow YAML for a tree; keys quoted JSON-style. (Object.fromEntries made `__proto__` an own key.) */
const flow = (t: Tree): string => (typeof t === 'number' ? String(t) : `{ ${Object.keys(t).map((k) => `${JSON.stringify(k)}: ${flow(t[k]!)}`).join(', ')} }`);

const reservedCount = (t: Tree): number =>
  typeof t === 'number' ? 0 : Object.keys(t).reduce((n, k) => n + (RESERVED.includes(k) ? 1 : 0) + reservedCount(t[k]!), 0);

function plainEverywhere(value: unknown): boolean {
  if (!value || typeof value !== 'object') return true;
  if (Object.getPrototypeOf(value) !== (Array.isArray(value) ? Array.prototype : Object.prototype)) return false;
  return Object.values(value).every(plainEverywhere);
}

describe('reserved keys anywhere (fast-check, fixed seed)', () => {
  it('each one is E_RESERVED_KEY; prototypes untouched; model objects plain', () => {
    fc.assert(
      fc.property(tree, tree, tree, (data, schema, dflt) => {
        const text =
          `${HEADER}valueObjects:\n  V:\n    fields:\n      s: { schema: { type: object, x: ${flow(schema)} }, default: ${flow(dflt)} }\n` +
          `specs:\n  - name: n\n    when: { command: C, data: { d: ${flow(data)} } }\n    then: []\n`;
        const result = load(text);
        const reserved = result.diagnostics.filter((d) => d.code === 'E_RESERVED_KEY');
        expect(reserved).toHaveLength(reservedCount(data) + reservedCount(schema) + reservedCount(dflt));
        expect(result.diagnostics.filter((d) => d.code !== 'E_RESERVED_KEY')).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
        expect(plainEverywhere(result.model)).toBe(true);
        expect(JSON.stringify(result.model)).not.toMatch(/"(__proto__|constructor|prototype)"/);
      }),
      { seed: 5555, numRuns: 200 },
    );
  });
});
