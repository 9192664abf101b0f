import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'spec-message-fields';

describe(RULE, () => {
  it('passes when spec data fits each message', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports an unknown key in when data with did-you-mean', () => {
    const files = variant((t) => t.replace('when: { command: OpenSale, data: { saleId: 00000000-0000-4000-8000-000000000001,', 'when: { command: OpenSale, data: { saleID: 00000000-0000-4000-8000-000000000001, saleId: 00000000-0000-4000-8000-000000000001,'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_SPEC_UNKNOWN_FIELD', severity: 'error', message: 'spec "a sale opens": OpenSale has no field "saleID"' });
    expectAt(d, files, 'sales.yaml', 'command: OpenSale');
    expect(d!.hint).toBe('did you mean "saleId"?');
  });

  it('reports a missing required field in a then event', () => {
    const files = variant((t) => t.replace('- event: SaleOpened\n        data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR } }\n  - name', '- event: SaleOpened\n        data: { saleId: 00000000-0000-4000-8000-000000000001 }\n  - name'));
    const [d] = check(RULE, files);
    expect(d).toMatchObject({ code: 'E_SPEC_MISSING_FIELD', message: 'spec "a sale opens": SaleOpened is missing required field "total"' });
    expectAt(d, files, 'sales.yaml', 'event: SaleOpened\n        data: { saleId: 00000000-0000-4000-8000-000000000001 }');
    expect(d!.hint).toBe('add `total` to the data (type Money)');
  });
});
