// Issue 17 (3, 4, 5): `with:` and `reads:` on policies, `consumes:` on external systems. Loaded
// with positions, refused with a hint when malformed, written back in the canonical layout, and
// version-1 files without them load unchanged.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatFieldSource, parseFieldSourceLine, serializeContext } from '../../../generator/model/index.js';
import { HEADER, load, only, positionOf } from './helpers.js';

const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../../generator/model/stormsmith.schema.json', import.meta.url)), 'utf8'));
const validate = new Ajv({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true }).compile(schema);

const TEXT =
  HEADER +
  `externalSystems:
  Gateway:
    emits: [ChargeDeclined]
    consumes: [PaymentRequested, Ordering.OrderPlaced]
policies:
  RequestPayment:
    on: [Ordering.OrderPlaced]
    issues: [RequestPayment]
    reads: [PaymentsByOrder]
    with: { paymentId: $newId, amount: total, dueOn: stay.checkIn }
`;

describe('policy with/reads and external system consumes', () => {
  it('load with the positions of what was written', () => {
    const { model, diagnostics } = load(TEXT);
    expect(diagnostics).toEqual([]);
    const ctx = model!.contexts[0]!;
    const system = ctx.externalSystems[0]!;
    expect(system.consumes!.map((r) => [r.context, r.name])).toEqual([[undefined, 'PaymentRequested'], ['Ordering', 'OrderPlaced']]);
    expect(system.consumes![1]!.loc).toMatchObject({ file: 'm.yaml', ...positionOf(TEXT, 'Ordering.OrderPlaced]') });
    const policy = ctx.policies[0]!;
    expect(policy.reads!.map((r) => r.name)).toEqual(['PaymentsByOrder']);
    expect(policy.reads![0]!.loc).toMatchObject(positionOf(TEXT, 'PaymentsByOrder'));
    expect(policy.with!.map(({ field, source }) => ({ field, source }))).toEqual([
      { field: 'paymentId', source: { kind: 'newId' } },
      { field: 'amount', source: { kind: 'path', path: ['total'] } },
      { field: 'dueOn', source: { kind: 'path', path: ['stay', 'checkIn'] } },
    ]);
    expect(policy.with![2]!.loc).toMatchObject(positionOf(TEXT, 'dueOn:'));
  });

  it('are accepted by the editor schema, which refuses a malformed source', () => {
    expect(validate(parse(TEXT))).toBe(true);
    expect(validate(parse(TEXT.replace('$newId', '$new id')))).toBe(false);
  });

  it('refuse a source that is neither a path nor $newId, with a hint', () => {
    const text = TEXT.replace('amount: total', 'amount: "total + 1"');
    const d = only(load(text).diagnostics, 'E_INVALID_VALUE');
    expect(d).toMatchObject(positionOf(text, '"total + 1"'));
    expect(d.message).toContain('"with.amount" must be a field path of the trigger event');
    expect(d.hint).toContain('$newId');
  });

  it('write back unchanged, and canonically from the model', () => {
    const { model } = load(TEXT);
    const ctx = model!.contexts[0]!;
    expect(serializeContext(ctx, TEXT)).toBe(TEXT);
    const fresh = serializeContext(ctx);
    expect(fresh).toContain('    consumes: [PaymentRequested, Ordering.OrderPlaced]\n');
    expect(fresh).toContain('    reads: [PaymentsByOrder]\n');
    expect(fresh).toContain('    with: {paymentId: $newId, amount: total, dueOn: stay.checkIn}\n');
    const again = load(fresh).model!.contexts[0]!;
    expect(again.policies[0]!.with!.map((w) => w.field)).toEqual(['paymentId', 'amount', 'dueOn']);
    expect(again.externalSystems[0]!.consumes!.map((r) => r.name)).toEqual(['PaymentRequested', 'OrderPlaced']);
  });

  it('leave version-1 models without them as they were (no empty keys written)', () => {
    const text = HEADER + 'externalSystems:\n  Clock:\n    emits: [Tick]\npolicies:\n  P:\n    on: [Tick]\n    issues: [Do]\n';
    const ctx = load(text).model!.contexts[0]!;
    expect(ctx.policies[0]).not.toHaveProperty('reads');
    expect(ctx.policies[0]).not.toHaveProperty('with');
    expect(ctx.externalSystems[0]).not.toHaveProperty('consumes');
    expect(serializeContext(ctx)).not.toMatch(/reads|with|consumes/);
  });

  it('the property panel spelling (`field: source` per line) reads and writes the same sources', () => {
    expect(parseFieldSourceLine('paymentId: $newId')).toEqual({ field: 'paymentId', source: { kind: 'newId' } });
    expect(parseFieldSourceLine(' dueOn :  stay.checkIn ')).toEqual({ field: 'dueOn', source: { kind: 'path', path: ['stay', 'checkIn'] } });
    for (const bad of ['paymentId', 'paymentId: $new', ': total', 'a b: total', 'amount: total + 1', 'amount: .total']) expect(parseFieldSourceLine(bad), bad).toBeUndefined();
    const { model } = load(TEXT);
    const lines = model!.contexts[0]!.policies[0]!.with!.map((w) => `${w.field}: ${formatFieldSource(w.source)}`);
    expect(lines).toEqual(['paymentId: $newId', 'amount: total', 'dueOn: stay.checkIn']);
    expect(lines.map(parseFieldSourceLine)).toEqual(model!.contexts[0]!.policies[0]!.with!.map(({ field, source }) => ({ field, source })));
  });
});
