import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'element-name-case';

describe(RULE, () => {
  it('passes on PascalCase names', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a snake_case event and proposes the PascalCase name', () => {
    const files = variant((t) => t.replace('SaleClosed:\n    aggregate', 'sale_closed:\n    aggregate'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_NAME_CASE', severity: 'error', message: 'event sale_closed is not PascalCase' });
    expectAt(d, files, 'sales.yaml', 'sale_closed');
    expect(d!.hint).toBe('rename it to "SaleClosed"');
  });

  it('reports a camelCase context name', () => {
    const files = variant((t) => t.replace('context: Sales', 'context: sales'));
    const [d] = check(RULE, files);
    expect(d!.message).toBe('context sales is not PascalCase');
    expectAt(d, files, 'sales.yaml', 'context: sales');
  });
});
