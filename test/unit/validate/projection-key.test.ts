import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'projection-key';

describe(RULE, () => {
  it('passes when every source event carries the key', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a source event without the key field, at the reference', () => {
    const files = variant((t) => t.replace('from: [SaleOpened, SaleClosed]', 'from: [SaleOpened, SaleClosed, CashCounted]').replace('source: Till\n    fields: { saleId: uuid, counted: Money }', 'source: Till\n    fields: { tillId: uuid, counted: Money }'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_PROJECTION_KEY', severity: 'error', message: 'projection OpenSales is keyed by saleId, but its source event CashCounted has no field saleId' });
    expectAt(d, files, 'sales.yaml', 'from: [SaleOpened, SaleClosed, |CashCounted]');
    expect(d!.hint).toBe('add saleId to event CashCounted, or key the projection by a field every source event has');
  });

  it('reports a key missing from the projection\'s own fields', () => {
    const files = variant((t) => t.replace('fields: { saleId: uuid, total: Money }\n    consistency', 'fields: { total: Money }\n    consistency'));
    const [d] = check(RULE, files);
    expect(d!.message).toBe('projection OpenSales is keyed by saleId, which is not one of its fields');
    expectAt(d, files, 'sales.yaml', 'OpenSales:');
  });
});
