// The fast converter for the flat schema subset must print exactly what
// json-schema-to-typescript prints (format: false), and must decline anything else.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatInterface, indentDeclarations, referenceInterface, schemaToTypeScript } from '../../generator/emit/ts-types.js';
import { commandJsonSchema, eventJsonSchema, MONEY_SCHEMA, type JsonSchema } from '../../generator/schemas/json-schema.js';
import { loadExample } from '../generated-project/support.js';

const corpus: JsonSchema[] = [
  { title: 'Empty', type: 'object', properties: {}, required: [], additionalProperties: false },
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Everything',
    description: 'first line\nsecond */ line\n\nfourth',
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid', description: 'The id' },
      count: { type: 'integer', 'x-unit': 'items' },
      ratio: { type: 'number', default: 3 },
      flag: { type: 'boolean' },
      kind: { type: 'string', enum: ['a', 'b', 'it\'s "quoted"'] },
      only: { type: 'string', enum: ['one'] },
      tags: { type: 'array', items: { type: 'string' } },
      kinds: { type: 'array', items: { type: 'string', enum: ['x', 'y'] } },
      grid: { type: 'array', items: { type: 'array', items: { type: 'integer' } } },
      anything: {},
      'weird key': { type: 'string' },
      $dollar: { type: 'string' },
      '1st': { type: 'boolean' },
      'é': { type: 'string' },
      // The money schema exactly as the generator writes it.
      price: MONEY_SCHEMA,
      prices: { type: 'array', items: MONEY_SCHEMA },
      described: { ...MONEY_SCHEMA, description: 'the price' },
      copy: { $ref: '#/$defs/BookCopy' },
      copies: { type: 'array', items: { $ref: '#/$defs/BookCopy' } },
      // Issue 17: deprecated fields (a tag, with or without a description) and value constraints.
      old: { type: 'string', deprecated: true },
      oldDescribed: { type: 'string', description: 'Was the channel.\n\nDeprecated: use source', deprecated: true },
      oldPrice: { ...MONEY_SCHEMA, deprecated: true },
      oldTags: { type: 'array', items: { type: 'string' }, deprecated: true },
      quantity: { type: 'integer', minimum: 1, maximum: 99 },
      share: { type: 'number', exclusiveMinimum: 0 },
      code: { type: 'string', minLength: 2, maxLength: 8, pattern: '^[A-Z]+$' },
      codes: { type: 'array', items: { type: 'string', maxLength: 3 } },
      charge: { ...MONEY_SCHEMA, properties: { ...MONEY_SCHEMA.properties as object, amount: { type: 'integer', description: 'Amount in minor units of the currency (e.g. cents).', exclusiveMinimum: 0 } } },
      emptyObject: { type: 'object', properties: {}, required: [], additionalProperties: false },
    },
    required: ['id', 'price', 'copy'],
    additionalProperties: false,
    $defs: {
      BookCopy: { title: 'BookCopy', type: 'object', properties: { isbn: { type: 'string' } }, required: ['isbn'], additionalProperties: false },
    },
  },
];

/** Schemas outside the subset: the fast path must decline them (the reference handles them). */
const outside: JsonSchema[] = [
  { type: 'object', properties: { a: { oneOf: [{ type: 'string' }, { type: 'integer' }] } }, additionalProperties: false },
  { type: 'object', properties: { a: { type: 'string' } } },
  { type: 'object', properties: { a: { type: ['string', 'null'] } }, additionalProperties: false },
  { type: 'object', properties: { a: { $ref: 'https://example.com/x.json' } }, additionalProperties: false },
  { type: 'object', properties: { a: { type: 'object', properties: {}, additionalProperties: true } }, additionalProperties: false },
  { type: 'object', properties: { a: { type: 'integer', enum: [1, 2] } }, additionalProperties: false },
  { type: 'object', patternProperties: { '^x': { type: 'string' } }, additionalProperties: false },
  // The reference prints @minItems/@maxItems tags: left to it.
  { type: 'object', properties: { a: { type: 'array', items: { type: 'string' }, minItems: 1 } }, additionalProperties: false },
];

describe('flat converter', () => {
  it('prints exactly what json-schema-to-typescript prints on the corpus', async () => {
    for (const schema of corpus) {
      const fast = flatInterface({ ...schema, title: 'Named' }, 'Named');
      expect(fast, JSON.stringify(schema)).toBeDefined();
      expect(fast).toBe(await referenceInterface(schema, 'Named'));
    }
  });

  it('takes the fast path for every message schema of the library example, identically', async () => {
    const model = loadExample('library');
    const schemas = model.contexts.flatMap((c) => [
      ...c.commands.map((command) => commandJsonSchema(model, command)),
      ...c.events.map((event) => eventJsonSchema(model, event)),
    ]);
    expect(schemas.length).toBeGreaterThan(5);
    for (const schema of schemas) {
      const fast = flatInterface({ ...schema, title: 'Data' }, 'Data');
      expect(fast).toBeDefined();
      expect(fast).toBe(await referenceInterface(schema, 'Data'));
    }
  });

  it('declines schemas outside the subset', () => {
    for (const schema of outside) expect(flatInterface(schema, 'Named'), JSON.stringify(schema)).toBeUndefined();
  });

  it('agrees with json-schema-to-typescript on random flat schemas (fixed seed)', async () => {
    const name = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$ é-]{0,8}$/);
    const text = fc.string({ maxLength: 12 }).filter((t) => !/[\r\u2028\u2029]/.test(t));
    const leaf: fc.Arbitrary<JsonSchema> = fc.oneof(
      fc.constantFrom<JsonSchema>({ type: 'string' }, { type: 'integer' }, { type: 'number' }, { type: 'boolean' }, { type: 'string', format: 'date' }, {}),
      fc.uniqueArray(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 3 }).map((values) => ({ type: 'string', enum: values })),
    );
    const simple = fc.oneof(
      leaf,
      leaf.map((items) => ({ type: 'array', items })),
      leaf.map((items) => ({ type: 'array', items: { type: 'array', items } })),
      fc.tuple(leaf, text).map(([schema, description]) => (description === '' ? schema : { ...schema, description })),
    );
    const nested = fc.uniqueArray(fc.tuple(name, simple, fc.boolean()), { maxLength: 3, selector: ([n]) => n }).map(
      (entries): JsonSchema => ({
        type: 'object',
        properties: Object.fromEntries(entries.map(([n, p]) => [n, p])),
        required: entries.filter(([, , r]) => r).map(([n]) => n),
        additionalProperties: false,
      }),
    );
    const property = fc.oneof(simple, nested, nested.map((items) => ({ type: 'array', items })));
    const schema = fc
      .uniqueArray(fc.tuple(name, property, fc.boolean()), { maxLength: 6, selector: ([n]) => n })
      .map((entries): JsonSchema => ({
        type: 'object',
        properties: Object.fromEntries(entries.map(([n, p]) => [n, p])),
        required: entries.filter(([, , r]) => r).map(([n]) => n),
        additionalProperties: false,
      }));
    await fc.assert(
      fc.asyncProperty(schema, async (s) => {
        const fast = flatInterface({ ...s, title: 'Random' }, 'Random');
        if (fast !== undefined) expect(fast).toBe(await referenceInterface(s, 'Random'));
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it('indents declarations by brace depth, the same for both converters', async () => {
    const text = await schemaToTypeScript(corpus[1]!, 'Everything');
    expect(text).toContain('export interface Everything {\n  /**\n   * The id\n   */\n  id: string\n');
    expect(text).toContain('  price: {\n    /**\n');
    expect(text).toContain('  }[]\n');
    expect(indentDeclarations(await referenceInterface(outside[0]!, 'Fallback'))).toBe(await schemaToTypeScript(outside[0]!, 'Fallback'));
  });
});

describe('value-object fields with annotations (found by the valid-model arbitrary, issue 17a)', () => {
  it('a deprecated value-object field and a list of the same value object both name the declared type', async () => {
    const schema: JsonSchema = {
      title: 'Booked',
      type: 'object',
      properties: {
        item: { $ref: '#/$defs/LineItem', description: 'The first line.', deprecated: true },
        items: { type: 'array', items: { $ref: '#/$defs/LineItem' } },
      },
      required: ['item', 'items'],
      additionalProperties: false,
      $defs: { LineItem: { title: 'LineItem', type: 'object', properties: { label: { type: 'string' } }, required: ['label'], additionalProperties: false } },
    };
    const ts = await schemaToTypeScript(schema, 'BookedData');
    expect(ts).not.toMatch(/LineItem\d/);
    expect(ts).toContain('items: LineItem[]');
    expect(ts).toMatch(/\/\*\*\n\s+\* @deprecated\n\s+\* The first line\.\n\s+\*\/\n\s+item: LineItem\n/);
  });
});
