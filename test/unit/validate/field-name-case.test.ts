import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'field-name-case';

describe(RULE, () => {
  it('passes on camelCase fields', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a PascalCase field and a snake_case identity', () => {
    const files = variant((t) => t.replace('fields: { amount: int, currency: string }', 'fields: { Amount: int, currency: string }').replace('identity: saleId', 'identity: sale_id'));
    const found = check(RULE, files);
    expect(found.map((d) => d.message)).toEqual(['field Amount of value object Money is not camelCase', 'identity of aggregate Sale is not camelCase']);
    expect(found.every((d) => d.code === 'E_FIELD_NAME_CASE' && d.severity === 'error')).toBe(true);
    expectAt(found[0], files, 'sales.yaml', 'Amount');
    expect(found[0]!.hint).toBe('rename it to "amount"');
    expectAt(found[1], files, 'sales.yaml', 'Sale:');
    expect(found[1]!.hint).toBe('rename it to "saleId"');
  });
});
