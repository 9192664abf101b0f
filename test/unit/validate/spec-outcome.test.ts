import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'spec-outcome';

describe(RULE, () => {
  it('passes when specs expect what their command can produce', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a then event the when command does not emit', () => {
    const files = variant((t) => t.replace('- event: SaleOpened\n        data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR } }\n  - name', '- event: SaleClosed\n        data: { saleId: 00000000-0000-4000-8000-000000000001 }\n  - name'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_SPEC_NOT_EMITTED', severity: 'error', message: 'spec "a sale opens" expects event SaleClosed, but command OpenSale does not emit it' });
    expectAt(d, files, 'sales.yaml', 'SaleClosed\n        data: { saleId: 00000000-0000-4000-8000-000000000001 }');
    expect(d!.hint).toBe("expect one of SaleOpened, or add SaleClosed to OpenSale's emits");
  });

  it('reports a rejection the command does not declare', () => {
    const files = variant((t) => t.replace('then: { rejects: SaleAlreadyOpen }', 'then: { rejects: SaleIsClosed }'));
    const [d] = check(RULE, files);
    expect(d).toMatchObject({ code: 'E_SPEC_NOT_REJECTED', message: 'spec "a sale opens once" expects rejection SaleIsClosed, but command OpenSale does not declare it' });
    expectAt(d, files, 'sales.yaml', 'SaleIsClosed');
    expect(d!.hint).toBe("expect one of SaleAlreadyOpen, SaleAlreadyExists, or add SaleIsClosed to OpenSale's rejects");
  });

  it('accepts the existence rejections every command may raise (OpenSale creates a Sale; CloseSale needs one)', () => {
    const files = variant((t) =>
      t
        .replace('then: { rejects: SaleAlreadyOpen }', 'then: { rejects: SaleAlreadyExists }')
        .replace('  - name: a sale opens\n', '  - name: closing a sale that was never opened\n    when: { command: CloseSale, data: { saleId: 00000000-0000-4000-8000-000000000001 } }\n    then: { rejects: SaleNotFound }\n  - name: a sale opens\n'),
    );
    expect(check(RULE, files)).toEqual([]);
    const wrong = variant((t) => t.replace('then: { rejects: SaleAlreadyOpen }', 'then: { rejects: SaleNotFound }'));
    expect(check(RULE, wrong).map((d) => d.code)).toEqual(['E_SPEC_NOT_REJECTED']);
  });
});
