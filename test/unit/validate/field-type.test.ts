import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../generator/model/validate/index.js';
import { CLEAN, check, expectAt, load, variant } from './helpers.js';

const RULE = 'field-type';
const withField = (field: string) => variant((t) => t.replace('fields: { amount: int, currency: string }', `fields: { amount: int, currency: string, ${field} }`));

describe(RULE, () => {
  it('passes on built-in types, value objects, enums and valid schemas', () => {
    expect(check(RULE, withField('tags: "string[]", kind: "enum(a|b)", extra: { schema: { type: object, properties: { n: { type: integer, minimum: 0 } } } }'))).toEqual([]);
  });

  it('reports an unknown value object with did-you-mean', () => {
    const files = variant((t) => t.replace('state: { total: Money }', 'state: { total: "Mony[]" }'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_FIELD_TYPE', severity: 'error', message: 'field total of state of aggregate Sale has unknown type "Mony[]"' });
    expectAt(d, files, 'sales.yaml', 'total: "Mony');
    expect(d!.hint).toBe('did you mean "Money"?');
  });

  it('proposes the built-in type for a capitalised primitive', () => {
    const [d] = check(RULE, withField('note: Strin'));
    expect(d!.hint).toBe('did you mean "string"?');
  });

  it('reports an event used as a field type', () => {
    const files = withField('opened: SaleOpened');
    const [d] = check(RULE, files);
    expect(d!.message).toBe('field opened of value object Money has type SaleOpened, which is an event; fields can only use built-in types and value objects');
    expectAt(d, files, 'sales.yaml', 'opened');
    expect(d!.hint).toContain('"saleOpenedId: uuid"');
  });

  it('reports an enum that repeats a value (models edited in memory; the loader refuses it in files)', () => {
    const model = load(withField('kind: "enum(cash|card)"'));
    const kind = model.contexts[0]!.valueObjects[0]!.fields[2]!;
    kind.type = { kind: 'enum', values: ['cash', 'card', 'cash'] };
    const [d] = validateModel(model, { rules: [RULE] });
    expect(d!.message).toBe('field kind of value object Money lists enum value "cash" twice');
    expect(d!.hint).toBe('write the values once each: `enum(card|invoice|voucher)`');
  });

  it('reports an invalid JSON Schema escape hatch (bad type, misspelled keyword)', () => {
    const files = withField('extra: { schema: { type: strng } }, more: { schema: { type: string, minLenght: 3 } }');
    const found = check(RULE, files);
    expect(found.map((d) => d.code)).toEqual(['E_JSON_SCHEMA', 'E_JSON_SCHEMA']);
    expect(found[0]!.message).toContain('/type must be equal to one of the allowed values');
    expectAt(found[0], files, 'sales.yaml', 'extra');
    expect(found[1]!.message).toContain('unknown keyword: "minLenght"');
    expect(found[1]!.hint).toContain('draft 2020-12');
  });
});
