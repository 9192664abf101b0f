import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'spec-data-types';
const withWhen = (data: string) =>
  variant((t) => t.replace('when: { command: OpenSale, data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR } } }\n    then:\n', `when: { command: OpenSale, data: ${data} }\n    then:\n`));

describe(RULE, () => {
  it('passes when spec values have their fields\' types', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports digits that YAML read as a number for a string field, with the quoting hint', () => {
    const files = withWhen('{ saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: 00340434161094042557 } }');
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_SPEC_TYPE', severity: 'error', rule: RULE });
    expect(d!.message).toBe('spec "a sale opens": OpenSale.total.currency should be a string, got number 340434161094042560');
    expectAt(d, files, 'sales.yaml', 'command: OpenSale');
    expect(d!.hint).toBe('quote the value: YAML reads unquoted digits as a number (and drops leading zeros)');
  });

  it.each([
    ['a uuid', '{ saleId: s1, total: { amount: 5, currency: EUR } }', 'OpenSale.saleId should be a UUID, got string "s1"'],
    ['a whole number', '{ saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5.5, currency: EUR } }', 'OpenSale.total.amount should be a whole number, got number 5.5'],
    ['a value object map', '{ saleId: 00000000-0000-4000-8000-000000000001, total: [5, EUR] }', 'OpenSale.total should be a Money map, got a list'],
    ['unknown keys inside a value object', '{ saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR, vat: 1 } }', 'OpenSale.total.vat is not a field of Money'],
    ['required fields inside a value object', '{ saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5 } }', 'OpenSale.total.currency is missing (required by Money)'],
  ])('reports %s', (_what, data, message) => {
    const [d] = check(RULE, withWhen(data));
    expect(d!.message).toBe(`spec "a sale opens": ${message}`);
  });
});

describe(`${RULE}: constraints and \`schema:\` fields (issue 17 item 7)`, () => {
  // Money.amount gets `min: 1`; OpenSale gets a `note` field with a JSON Schema of its own.
  const constrained = (data: string) =>
    variant((t) =>
      t
        .replace('fields: { amount: int, currency: string }', 'fields:\n      amount: { type: int, min: 1 }\n      currency: { type: string, pattern: "^[A-Z]{3}$" }')
        .replace('fields: { saleId: uuid, total: Money }\n    emits: [SaleOpened]', 'fields: { saleId: uuid, total: Money, note?: { schema: { type: string, maxLength: 3 } } }\n    emits: [SaleOpened]')
        .replace('when: { command: OpenSale, data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR } } }\n    then:\n', `when: { command: OpenSale, data: ${data} }\n    then:\n`),
    );

  it('counts items of the list only: the lists inside a `T[][]` are items, not bounded by minItems (as the JSON Schema says)', () => {
    const files = variant((t) =>
      t
        .replace('fields: { saleId: uuid, total: Money }\n    emits: [SaleOpened]', 'fields: { saleId: uuid, total: Money, grid?: { type: "string[][]", minItems: 1, maxLength: 2 } }\n    emits: [SaleOpened]')
        .replace('when: { command: OpenSale, data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR } } }', 'when: { command: OpenSale, data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR }, grid: [[ab], []] } }'),
    );
    expect(check(RULE, files)).toEqual([]);
    const tooLong = variant((t) => t.replace('grid: [[ab], []]', 'grid: [[ab], [abc]]'), 'sales.yaml', files);
    expect(check(RULE, tooLong).map((d) => d.message)).toEqual(['spec "a sale opens": OpenSale.grid [1] [0] is longer than maxLength 2 (3 characters)']);
  });

  it('passes values that satisfy the constraints and the schema', () => {
    expect(check(RULE, constrained('{ saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR }, note: abc }'))).toEqual([]);
  });

  it.each([
    ['a value below `min` inside a value object', '{ saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 0, currency: EUR } }', 'OpenSale.total.amount is below the minimum: it 0 < min 1'],
    ['a string not matching `pattern`', '{ saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: eur } }', 'OpenSale.total.currency does not match the pattern ^[A-Z]{3}$'],
    ['a value its `schema:` refuses', '{ saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR }, note: abcd }', "OpenSale.note does not match the field's schema: / must NOT have more than 3 characters"],
  ])('reports %s', (_what, data, message) => {
    const [d, ...rest] = check(RULE, constrained(data));
    expect(rest).toEqual([]);
    expect(d!.message).toBe(`spec "a sale opens": ${message}`);
  });
});
