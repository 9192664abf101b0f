// The gate on small models written as YAML (the real loader), against registries recorded
// with planRelease, one release after another.
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Model } from '../../generator/model/types.js';
import { evaluateGate } from '../../generator/schemas/gate/evaluate.js';
import { planRelease } from '../../generator/schemas/registry/release.js';
import { emptyRegistry, type Registry } from '../../generator/schemas/registry/types.js';
import { loadText } from './support/load.js';

const sales = (events: string, extra = ''): Model =>
  loadText([
    {
      path: 'sales.yaml',
      text: `stormsmith: 1\ncontext: Sales\naggregates:\n  Order:\n    identity: orderId\nevents:\n${events}${extra}`,
    },
  ]);

/** Registry after releasing each model in turn. */
const releaseAll = (...models: Model[]): Registry => models.reduce((r, m) => planRelease(m, r).registry, emptyRegistry());

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const lineOf = (model: Model, text: string): number => {
  const src = model.contexts[0]!;
  return src.events.flatMap((e) => [...e.fields, ...e.previousVersions.flatMap((v) => v.fields)]).find((f) => f.name === text)!.loc.line;
};

const v1 = `  OrderPlaced:
    aggregate: Order
    version: 1
    fields:
      orderId: uuid
      total: int
`;

const consumers = `
projections:
  OrderTotals:
    from: [OrderPlaced]
    key: orderId
    consistency: eventual
policies:
  ThankCustomer:
    on: [OrderPlaced]
    issues: []
`;

describe('schema gate', () => {
  it('fails a required field added to a released version, at the field, with a bump hint', () => {
    const model = sales(`${v1}      giftWrap: boolean\n`);
    const ds = errors(evaluateGate(model, releaseAll(sales(v1))).diagnostics);
    expect(ds).toHaveLength(1);
    const d = ds[0]!;
    expect(d).toMatchObject({ code: 'E_BREAKING', rule: 'REQUIRED_PROPERTY_ADDED', file: 'sales.yaml', line: lineOf(model, 'giftWrap'), col: 7 });
    expect(d.message).toContain('OrderPlaced v1 is released');
    expect(d.hint).toContain('bump OrderPlaced to version 2 and declare how v1 becomes v2');
    expect(d.hint).toContain('defaults: { giftWrap: ... }');
  });

  const bumped = (upcast: string) => `  OrderPlaced:
    aggregate: Order
    version: 2
    fields:
      orderId: uuid
      total: int
      giftWrap: boolean
    previousVersions:
      1:
        fields:
          orderId: uuid
          total: int
        upcast: ${upcast}
`;

  it('passes once the version is bumped and the upcast declares a default; reports the impact', () => {
    const result = evaluateGate(sales(bumped('{ defaults: { giftWrap: false } }'), consumers), releaseAll(sales(v1)));
    expect(errors(result.diagnostics)).toEqual([]);
    expect(result.impacts).toEqual([
      { context: 'Sales', event: 'OrderPlaced', fromVersion: 1, toVersion: 2, reason: 'version-bump', aggregate: 'Order', projections: [{ context: 'Sales', name: 'OrderTotals', consistency: 'eventual' }], policies: [{ context: 'Sales', name: 'ThankCustomer' }] },
    ]);
    const info = result.diagnostics.find((d) => d.code === 'I_SCHEMA_IMPACT')!;
    expect(info.message).toBe('OrderPlaced v1 -> v2 (new version): aggregate Order replays old events through the upcasters; rebuild projection OrderTotals; review policy ThankCustomer for a backfill (events already handled are not re-run)');
  });

  it('fails a bump whose upcast gives the new required field no value, pointing at the new field', () => {
    const model = sales(bumped('{}'));
    const ds = errors(evaluateGate(model, releaseAll(sales(v1))).diagnostics);
    expect(ds.map((d) => [d.rule, d.line])).toEqual([['REQUIRED_PROPERTY_ADDED', lineOf(model, 'giftWrap')]]);
    expect(ds[0]!.hint).toContain('give "giftWrap" a default in the upcast of version 1');
  });

  it('checks the whole chain: stored v1 events must reach v3 through every step', () => {
    const v2 = bumped('{ defaults: { giftWrap: false } }');
    const v3 = (step2: string) => `  OrderPlaced:
    aggregate: Order
    version: 3
    fields:
      orderId: uuid
      total: int
      giftWrap: boolean
      channel: string
    previousVersions:
      1:
        fields:
          orderId: uuid
          total: int
        upcast: { defaults: { giftWrap: false } }
      2:
        fields:
          orderId: uuid
          total: int
          giftWrap: boolean
        upcast: ${step2}
`;
    const registry = releaseAll(sales(v1), sales(v2));
    expect(errors(evaluateGate(sales(v3('{ defaults: { channel: web } }')), registry).diagnostics)).toEqual([]);
    expect(errors(evaluateGate(sales(v3('{}')), registry).diagnostics).map((d) => d.rule)).toEqual(['REQUIRED_PROPERTY_ADDED']);
  });

  it('refuses a type change in a declarative upcast and accepts it as custom code (the museum test covers that step)', () => {
    const retyped = (upcast: string) => `  OrderPlaced:
    aggregate: Order
    version: 2
    fields:
      orderId: uuid
      total: string
    previousVersions:
      1:
        fields:
          orderId: uuid
          total: int
        upcast: ${upcast}
`;
    const declarative = errors(evaluateGate(sales(retyped('{}')), releaseAll(sales(v1))).diagnostics);
    expect(declarative.map((d) => d.rule)).toEqual(['TYPE_CHANGED']);
    expect(declarative[0]!.hint).toContain('use `upcast: custom` for version 1');
    const custom = evaluateGate(sales(retyped('custom')), releaseAll(sales(v1))).diagnostics;
    expect(errors(custom)).toEqual([]);
    expect(custom.map((d) => d.code)).toContain('I_CUSTOM_UPCAST');
  });

  it('catches format and unit changes of a released version (semantic, invisible to Confluent)', () => {
    const withDate = (type: string) => `  OrderPlaced:
    aggregate: Order
    version: 1
    fields:
      orderId: uuid
      placedOn: ${type}
`;
    expect(errors(evaluateGate(sales(withDate('datetime')), releaseAll(sales(withDate('date')))).diagnostics).map((d) => d.rule)).toEqual(['FORMAT_CHANGED']);
    const withUnit = (unit: string) => `  OrderPlaced:
    aggregate: Order
    version: 1
    fields:
      orderId: uuid
      total: { type: int, unit: ${unit} }
`;
    expect(errors(evaluateGate(sales(withUnit('euros')), releaseAll(sales(withUnit('cents')))).diagnostics).map((d) => d.rule)).toEqual(['UNIT_CHANGED']);
  });

  it('catches a changed default of a released field (Confluent accepts it; replays would differ)', () => {
    const withDefault = (value: string) => `  OrderPlaced:
    aggregate: Order
    version: 1
    fields:
      orderId: uuid
      channel?: { type: string, default: ${value} }
`;
    const model = sales(withDefault('app'));
    const ds = errors(evaluateGate(model, releaseAll(sales(withDefault('web')))).diagnostics);
    expect(ds.map((d) => [d.rule, d.line])).toEqual([['DEFAULT_CHANGED', lineOf(model, 'channel')]]);
  });

  describe('published events (FULL_TRANSITIVE)', () => {
    const pub = (version: number, fields: string, previous = '') => `  OrderPlaced:
    aggregate: Order
    published: true
    version: ${version}
    fields:
${fields}${previous}`;

    it('lets a published event gain an optional field in a new version (consumers validate openly)', () => {
      const model = sales(pub(2, '      orderId: uuid\n      note?: string\n', '    previousVersions:\n      1:\n        fields:\n          orderId: uuid\n        upcast: {}\n'));
      expect(errors(evaluateGate(model, releaseAll(sales(pub(1, '      orderId: uuid\n')))).diagnostics)).toEqual([]);
    });

    it('fails an enum extension: consumers on the old version reject the new value', () => {
      const model = sales(pub(1, '      orderId: uuid\n      channel: enum(web|app|phone)\n'));
      const ds = errors(evaluateGate(model, releaseAll(sales(pub(1, '      orderId: uuid\n      channel: enum(web|app)\n')))).diagnostics);
      expect(ds.map((d) => [d.rule, d.line])).toEqual([['ENUM_VALUE_ADDED', lineOf(model, 'channel')]]);
      expect(ds[0]!.message).toContain('forward');
      // A new version would not help: consumers of a published event read every version.
      expect(ds[0]!.hint).toContain('publish a new event type');
      expect(ds[0]!.hint).not.toContain('bump');
    });

    it('compares with every released version, not only the last (transitive)', () => {
      // v1 had note: string; v2 dropped it; v3 brings note back as an integer. v2 consumers
      // accept it, v1 consumers do not. Unpublished, the upcast chain drops v1's note: fine.
      const r1 = pub(1, '      orderId: uuid\n      note?: string\n');
      const r2 = pub(2, '      orderId: uuid\n', '    previousVersions:\n      1:\n        fields:\n          orderId: uuid\n          note?: string\n        upcast: {}\n');
      const v3 = pub(3, '      orderId: uuid\n      note?: int\n', '    previousVersions:\n      1:\n        fields:\n          orderId: uuid\n          note?: string\n        upcast: {}\n      2:\n        fields:\n          orderId: uuid\n        upcast: {}\n');
      const registry = releaseAll(sales(r1), sales(r2));
      const ds = errors(evaluateGate(sales(v3), registry).diagnostics);
      expect(ds.map((d) => d.rule)).toEqual(['TYPE_CHANGED']);
      expect(ds[0]!.message).toContain('consumers still reading v1');
      const unpublished = (s: string) => s.replace('    published: true\n', '');
      expect(errors(evaluateGate(sales(unpublished(v3)), releaseAll(sales(unpublished(r1)), sales(unpublished(r2)))).diagnostics)).toEqual([]);
    });
  });

  it('reserved names may not come back', () => {
    const model = sales(`  OrderPlaced:
    aggregate: Order
    version: 2
    reserved: [coupon]
    fields:
      orderId: uuid
      coupon?: string
    previousVersions:
      1:
        fields:
          orderId: uuid
        upcast: {}
`);
    expect(errors(evaluateGate(model, releaseAll(sales('  OrderPlaced:\n    aggregate: Order\n    version: 1\n    fields:\n      orderId: uuid\n'))).diagnostics).map((d) => d.rule)).toEqual(['RESERVED_PROPERTY_REUSED']);
  });

  it('is deterministic', () => {
    const model = sales(`${v1}      giftWrap: boolean\n      note: string\n`);
    const registry = releaseAll(sales(v1));
    expect(JSON.stringify(evaluateGate(model, registry))).toBe(JSON.stringify(evaluateGate(model, registry)));
  });
});
