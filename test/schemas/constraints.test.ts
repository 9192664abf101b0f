// Field constraints in the long form (issue 17 item 7): JSON Schema keywords, samples that satisfy
// them (museum exhibits, generated tests), and the schema gate's bound rules on released events.
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { sampleObject } from '../../generator/ir/samples.js';
import type { Diagnostic, Model } from '../../generator/model/types.js';
import { evaluateGate } from '../../generator/schemas/gate/evaluate.js';
import { eventJsonSchema } from '../../generator/schemas/json-schema.js';
import { sampleFromSchema } from '../../generator/schemas/sample.js';
import { planRelease } from '../../generator/schemas/registry/release.js';
import { emptyRegistry } from '../../generator/schemas/registry/types.js';
import { loadText } from './support/load.js';

const sales = (fields: string): Model =>
  loadText([{ path: 'sales.yaml', text: `stormsmith: 1\ncontext: Sales\naggregates:\n  Order:\n    identity: orderId\nevents:\n  OrderPlaced:\n    aggregate: Order\n    fields:\n      orderId: uuid\n${fields}` }]);
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => d.rule ?? d.code);

const constrained = [
  '      quantity: { type: int, min: 1, max: 99 }',
  '      total: { type: money, positive: true }',
  '      code: { type: string, minLength: 6, maxLength: 8, pattern: "^[A-Z]{2}[0-9]+$" }',
  '      tags: { type: "string[]", minItems: 2, maxLength: 3 }',
  '      share?: { type: number, min: 0.25, max: 0.75 }',
].join('\n') + '\n';

describe('constraints as JSON Schema keywords', () => {
  const model = sales(constrained);
  const event = model.contexts[0]!.events[0]!;
  const schema = eventJsonSchema(model, event);
  const props = schema.properties as Record<string, Record<string, unknown>>;

  it('maps each constraint to its keyword (money bounds on the amount, list counts on the list, the rest on each item)', () => {
    expect(props.quantity).toEqual({ type: 'integer', minimum: 1, maximum: 99 });
    expect((props.total!.properties as Record<string, unknown>).amount).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    expect(props.code).toEqual({ type: 'string', minLength: 6, maxLength: 8, pattern: '^[A-Z]{2}[0-9]+$' });
    expect(props.tags).toEqual({ type: 'array', items: { type: 'string', maxLength: 3 }, minItems: 2 });
    expect(props.share).toEqual({ type: 'number', minimum: 0.25, maximum: 0.75 });
  });

  it('museum exhibits and generated-test samples satisfy them', () => {
    const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(schema);
    const exhibit = sampleFromSchema(schema);
    expect(validate(exhibit), JSON.stringify(validate.errors)).toBe(true);
    const sample = sampleObject(model, 'Sales', event.fields);
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    expect(sample).toMatchObject({ quantity: 1, total: { amount: 1250, currency: 'EUR' } });
  });
});

describe('string constraints on `email` and `url` (docs/model-format.md: they fit string, email, url)', () => {
  const model = sales('      mail: { type: email, minLength: 6, maxLength: 40, pattern: "@example[.]com$" }\n      site: { type: url, pattern: "^https://" }\n');
  const event = model.contexts[0]!.events[0]!;
  const schema = eventJsonSchema(model, event);
  const props = schema.properties as Record<string, Record<string, unknown>>;

  it('are JSON Schema keywords beside the format, and samples satisfy them', () => {
    expect(props.mail).toEqual({ type: 'string', format: 'email', minLength: 6, maxLength: 40, pattern: '@example[.]com$' });
    expect(props.site).toEqual({ type: 'string', format: 'uri', pattern: '^https://' });
    const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(schema);
    expect(validate(sampleFromSchema(schema)), JSON.stringify(validate.errors)).toBe(true);
    const sample = sampleObject(model, 'Sales', event.fields);
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('the schema gate on constraints of a released event', () => {
  const registry = planRelease(sales('      quantity: int\n      code: string\n'), emptyRegistry()).registry;

  it('refuses tightening a bound in place (stored events may break it)', () => {
    expect(errors(evaluateGate(sales('      quantity: { type: int, min: 1 }\n      code: string\n'), registry).diagnostics)).toEqual(['MINIMUM_INCREASED']);
    expect(errors(evaluateGate(sales('      quantity: int\n      code: { type: string, maxLength: 8 }\n'), registry).diagnostics)).toEqual(['MAX_LENGTH_DECREASED']);
    expect(errors(evaluateGate(sales('      quantity: int\n      code: { type: string, pattern: "^[A-Z]+$" }\n'), registry).diagnostics)).toEqual(['PATTERN_ADDED']);
  });

  it('a new version that tightens needs a custom upcast: a declarative one cannot make stored values fit', () => {
    const v2 = '    version: 2\n    previousVersions:\n      1:\n        fields: { orderId: uuid, quantity: int, code: string }\n        upcast: {}\n';
    const model = loadText([
      {
        path: 'sales.yaml',
        text: `stormsmith: 1\ncontext: Sales\naggregates:\n  Order:\n    identity: orderId\nevents:\n  OrderPlaced:\n    aggregate: Order\n${v2}    fields:\n      orderId: uuid\n      quantity: { type: int, min: 1 }\n      code: string\n`,
      },
    ]);
    const ds = evaluateGate(model, registry).diagnostics;
    const [d, ...rest] = ds.filter((x) => x.severity === 'error');
    expect(rest).toEqual([]);
    expect(d!.message).toBe('OrderPlaced v1 events upcast to v2 are not valid v2: lower bound none -> >= 1 [MINIMUM_INCREASED, backward]');
    expect(d!.hint).toContain('use `upcast: custom` for version 1');
    const custom = model.contexts[0]!.events[0]!;
    custom.previousVersions[0]!.upcast = { kind: 'custom' };
    expect(errors(evaluateGate(model, registry).diagnostics)).toEqual([]);
  });
});
