import { describe, expect, it } from 'vitest';
import { CLEAN, check, ctx, expectAt, variant } from './helpers.js';

const RULE = 'name-collision';

describe(RULE, () => {
  it('passes when names stay distinct after folding', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports two events that differ only in case', () => {
    const files = variant((t) => t.replace('  CashCounted:\n    source', '  Saleclosed:\n    aggregate: Sale\n    fields: { saleId: uuid }\n  CashCounted:\n    source'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_NAME_COLLISION', severity: 'error' });
    expectAt(d, files, 'sales.yaml', 'Saleclosed');
    expect(d!.message).toMatch(/^event Saleclosed collides with event SaleClosed at sales\.yaml:\d+:3 in context Sales: both become "saleclosed"/);
    expect(d!.related).toHaveLength(1);
    expect(d!.hint).toContain('rename one of them');
  });

  it('reports fields that collide after dropping separators and after NFKC', () => {
    const files = variant((t) => t.replace('fields: { amount: int, currency: string }', 'fields: { amount: int, currency: string, cur_rency: string, "ａmount": int }'));
    const found = check(RULE, files);
    expect(found.map((d) => d.message.split(':')[0])).toEqual([
      'field cur_rency collides with field currency at sales.yaml',
      'field ａmount collides with field amount at sales.yaml',
    ]);
  });

  it('reports `name?` and `name` in one field list as a duplicate field', () => {
    const files = variant((t) => t.replace('fields: { amount: int, currency: string }', 'fields: { amount: int, currency: string, currency?: string }'));
    const [d] = check(RULE, files);
    expect(d).toMatchObject({ code: 'E_DUPLICATE_FIELD' });
    expectAt(d, files, 'sales.yaml', 'currency?');
  });

  it('reports contexts whose folders would collide on a case-insensitive file system', () => {
    const files = { ...CLEAN, 'z.yaml': ctx('SALES', 'actors: { Boss: {} }') };
    const [d] = check(RULE, files);
    expectAt(d, files, 'z.yaml', 'context: SALES');
    expect(d!.message).toContain('context SALES collides with context Sales');
  });
});
