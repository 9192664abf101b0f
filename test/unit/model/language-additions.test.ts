// Issue 17's format additions at the model core: each loads with positions, is written back by
// the serializer (canonical form reads back the same), and the JSON Schema for editors knows it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel, serializeContext } from '../../../generator/model/index.js';
import { withoutPositions } from './strip.js';

const schema = JSON.parse(readFileSync(new URL('../../../generator/model/stormsmith.schema.json', import.meta.url), 'utf8')) as {
  definitions: Record<string, { properties?: Record<string, unknown> }>;
};

const load = (text: string) => {
  const r = loadModel([{ path: 'sales.yaml', text }]);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.model!;
};

/** Canonical form (no previous text) reads back as the same model. */
const roundTrips = (text: string) => {
  const model = load(text);
  const again = load(serializeContext(model.contexts[0]!));
  expect(withoutPositions(again)).toEqual(withoutPositions(model));
  return model;
};

describe('`formerly` on an event', () => {
  const text = 'stormsmith: 1\ncontext: Sales\naggregates:\n  Order: { identity: orderId }\nevents:\n  OrderWithdrawn:\n    aggregate: Order\n    formerly: [OrderCancelled, OrderVoided]\n    fields: { orderId: uuid }\n';

  it('loads with the position of each former name and round-trips', () => {
    const event = roundTrips(text).contexts[0]!.events[0]!;
    expect(event.formerly?.map((f) => [f.name, f.loc.line, f.loc.col])).toEqual([
      ['OrderCancelled', 8, 16],
      ['OrderVoided', 8, 32],
    ]);
  });

  it('is offered by the JSON Schema', () => {
    expect(JSON.stringify(schema)).toContain('"formerly"');
  });
});

describe('`deprecated` and constraints on a field', () => {
  const text =
    'stormsmith: 1\ncontext: Sales\naggregates:\n  Order: { identity: orderId }\nevents:\n  OrderPlaced:\n    aggregate: Order\n    fields:\n' +
    '      orderId: uuid\n' +
    '      channel?: { type: string, deprecated: use source, maxLength: 20, pattern: "^[a-z]+$" }\n' +
    '      quantity: { type: int, min: 1, max: 99, deprecated: true }\n' +
    '      total: { type: money, positive: true }\n' +
    '      tags: { type: "string[]", minItems: 1, maxItems: 3, minLength: 2 }\n' +
    '      note?: { schema: { type: string }, deprecated: true }\n';

  it('loads them and round-trips', () => {
    const [, channel, quantity, total, tags, note] = roundTrips(text).contexts[0]!.events[0]!.fields;
    expect([channel!.deprecated, channel!.constraints]).toEqual(['use source', { maxLength: 20, pattern: '^[a-z]+$' }]);
    expect([quantity!.deprecated, quantity!.constraints]).toEqual([true, { min: 1, max: 99 }]);
    expect(total!.constraints).toEqual({ positive: true });
    expect(tags!.constraints).toEqual({ minLength: 2, minItems: 1, maxItems: 3 });
    expect(note!.deprecated).toBe(true);
  });

  it('`deprecated: false` is the default and is not kept; other values are refused at the value', () => {
    const off = load(text.replace('deprecated: true }\n      total', 'deprecated: false }\n      total'));
    expect(off.contexts[0]!.events[0]!.fields[2]!.deprecated).toBeUndefined();
    const r = loadModel([{ path: 'sales.yaml', text: text.replace('deprecated: use source', 'deprecated: 3') }]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([['E_TYPE', 10, expect.stringContaining('true or a reason (a non-empty string) for "deprecated"')]]);
  });

  it('a `schema:` field takes no short-form constraint; a bad bound is refused where written', () => {
    const r = loadModel([{ path: 'sales.yaml', text: text.replace('note?: { schema: { type: string }, deprecated: true }', 'note?: { schema: { type: string }, maxLength: 3 }') }]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_UNKNOWN_FIELD']);
    const bad = loadModel([{ path: 'sales.yaml', text: text.replace('min: 1, max: 99', 'min: one, max: 99') }]);
    expect(bad.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([['E_TYPE', 11, expect.stringContaining('a number for "min"')]]);
  });

  it('are offered by the JSON Schema for editors', () => {
    const long = schema.definitions.longField!.properties!;
    for (const key of ['deprecated', 'min', 'max', 'positive', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems']) expect(long).toHaveProperty(key);
    expect(schema.definitions.schemaField!.properties).toHaveProperty('deprecated');
  });
});
