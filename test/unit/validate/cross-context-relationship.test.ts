import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt } from './helpers.js';
import { billing } from './cross-context.js';

const RULE = 'cross-context-relationship';

describe(RULE, () => {
  it('passes within one context and with a declared relationship', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
    expect(check(RULE, billing({ relationship: true, published: true }))).toEqual([]);
  });

  it('reports a policy on another context\'s event without a relationship, once per pair of contexts', () => {
    const files = billing({ published: true });
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_UNDECLARED_RELATIONSHIP', severity: 'error', message: 'context Billing uses event SaleOpened of context Sales without a declared relationship' });
    expectAt(d, files, 'billing.yaml', 'SaleOpened');
    expect(d!.hint).toContain('relationships: [{ context: Sales, kind: customer-supplier }]');
  });

  it('counts a value object of another context as a use', () => {
    const files = billing({ relationship: false, published: true });
    files['billing.yaml'] = files['billing.yaml']!.replace('fields: { invoiceId: uuid, saleId: uuid }, emits', 'fields: { invoiceId: uuid, saleId: uuid, amount: Money }, emits');
    const [d] = check(RULE, files);
    expect(d!.message).toBe('context Billing uses event SaleOpened, value object Money of context Sales without a declared relationship');
  });
});
