import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'reject-name-case';

describe(RULE, () => {
  it('passes on PascalCase rejections', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a rejection that is not PascalCase', () => {
    const files = variant((t) => t.replace('rejects: [SaleAlreadyOpen]', 'rejects: [sale_already_open]').replace('rejects: SaleAlreadyOpen', 'rejects: sale_already_open'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_NAME_CASE', severity: 'error', message: 'rejection sale_already_open of command OpenSale is not PascalCase' });
    expectAt(d, files, 'sales.yaml', 'sale_already_open');
    expect(d!.hint).toBe('rename it to "SaleAlreadyOpen"');
  });
});
