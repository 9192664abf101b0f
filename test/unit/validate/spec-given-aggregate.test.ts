import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'spec-given-aggregate';

describe(RULE, () => {
  it('passes when given events belong to the when command\'s aggregate', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a given event that comes from an external system', () => {
    const files = variant((t) => t.replace('given:\n      - event: SaleOpened\n        data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR } }', 'given:\n      - event: CashCounted\n        data: { saleId: 00000000-0000-4000-8000-000000000001, counted: { amount: 5, currency: EUR } }'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_SPEC_GIVEN', severity: 'error' });
    expect(d!.message).toBe('spec "a sale opens once": given event CashCounted comes from external system Till, but command OpenSale runs on Sale');
    expectAt(d, files, 'sales.yaml', 'CashCounted\n        data');
    expect(d!.hint).toBe('given lists the earlier events of the Sale stream; use events of Sale only');
  });
});
