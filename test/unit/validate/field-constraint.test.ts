import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'field-constraint';
/** CloseSale gets one more field, written as given. */
const withField = (field: string) => variant((t) => t.replace('fields: { saleId: uuid }\n    emits: [SaleClosed]', `fields:\n      saleId: uuid\n      ${field}\n    emits: [SaleClosed]`));

describe(RULE, () => {
  it('passes without constraints', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it.each([
    'qty: { type: int, min: 1, max: 99 }',
    'tip: { type: money, positive: true }',
    'ratio: { type: number, min: 0.5 }',
    'code: { type: string, minLength: 2, maxLength: 8, pattern: "^[A-Z]+$" }',
    'tags: { type: "string[]", minItems: 1, maxItems: 5, maxLength: 20 }',
    'mail: { type: email, maxLength: 200 }',
    'qty: { type: int, min: 1, default: 1 }',
  ])('passes %s', (field) => {
    expect(check(RULE, withField(field))).toEqual([]);
  });

  it('refuses a constraint that does not fit the type, at the field, naming what fits', () => {
    const files = withField('note: { type: string, min: 1 }');
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_FIELD_CONSTRAINT', message: 'field note of command CloseSale (string) cannot take `min`' });
    expect(d!.hint).toBe('a string field takes `minLength`, `maxLength`, `pattern`');
    expectAt(d, files, 'sales.yaml', 'note: {');
  });

  it.each([
    ['a uuid', 'ref: { type: uuid, maxLength: 3 }', 'field ref of command CloseSale (uuid) cannot take `maxLength`'],
    ['bounds that admit nothing', 'qty: { type: int, min: 5, max: 1 }', 'field qty of command CloseSale: `min: 5` is above `max: 1`, so no value fits'],
    ['positive with a max at or below 0', 'qty: { type: int, positive: true, max: 0 }', 'field qty of command CloseSale is `positive` with `max: 0`, so no value fits'],
    ['a pattern that is no regular expression', 'code: { type: string, pattern: "([A-Z" }', 'field code of command CloseSale: `pattern` is not a regular expression: /([A-Z/u: Unterminated character class'],
    ['a default that breaks them', 'qty: { type: int, min: 1, default: 0 }', 'field qty of command CloseSale: the default 0 is below the minimum: it 0 < min 1'],
  ])('refuses %s', (_what, field, message) => {
    expect(check(RULE, withField(field)).map((d) => d.message)).toEqual([message]);
  });
});
