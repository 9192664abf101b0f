import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'message-identity';

describe(RULE, () => {
  it('passes when commands and aggregate events carry the identity', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a command without the aggregate identity', () => {
    const files = variant((t) => t.replace('fields: { saleId: uuid }\n    emits: [SaleClosed]', 'fields: { id: uuid }\n    emits: [SaleClosed]'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_MISSING_IDENTITY', severity: 'error', message: 'command CloseSale has no field saleId, the identity of aggregate Sale' });
    expectAt(d, files, 'sales.yaml', 'CloseSale:');
    expect(d!.hint).toBe('add `saleId: uuid` to its fields');
  });

  it('reports an event whose identity field is optional, at the field', () => {
    const files = variant((t) => t.replace('SaleClosed:\n    aggregate: Sale\n    fields: { saleId: uuid }', 'SaleClosed:\n    aggregate: Sale\n    fields: { saleId?: uuid }'));
    const [d] = check(RULE, files);
    expect(d!.message).toBe('event SaleClosed: identity field saleId of aggregate Sale is optional');
    expectAt(d, files, 'sales.yaml', 'saleId?');
    expect(d!.hint).toBe('make it required: `saleId: uuid`');
  });
});
