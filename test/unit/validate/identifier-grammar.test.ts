import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'identifier-grammar';

describe(RULE, () => {
  it('passes on ASCII identifiers', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a non-ASCII element name, naming the character', () => {
    const files = variant((t) => t.replace('Clerk: { description', 'Clérk: { description').replace('actor: Clerk', 'actor: Clérk'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_INVALID_IDENTIFIER', severity: 'error' });
    expect(d!.message).toBe('actor Clérk is not a valid identifier: it contains the non-ASCII character "é" (U+00E9)');
    expectAt(d, files, 'sales.yaml', 'Clérk:');
    expect(d!.hint).toBe('use letters and digits only, e.g. "Clerk"');
  });

  it('proposes the Latin letter for a look-alike instead of dropping it (Cyrillic О, Greek Ω)', () => {
    const files = variant((t) => t.replace('Clerk: { description', '\u041erder: { description').replace('actor: Clerk', 'actor: \u041erder').replace('Till:\n', '\u03a9mega:\n').replace('source: Till', 'source: \u03a9mega'));
    const hints = check(RULE, files).map((d) => d.hint);
    expect(hints).toEqual(['use letters and digits only, e.g. "Order"', 'use letters and digits only, e.g. "Omega"']);
  });

  it('proposes nothing rather than a name with a letter dropped', () => {
    const files = variant((t) => t.replace('Clerk: { description', 'Cl\u4e2derk: { description').replace('actor: Clerk', 'actor: Cl\u4e2derk'));
    const [d] = check(RULE, files);
    expect(d!.hint).toBe('use ASCII letters and digits only (the name becomes a TypeScript identifier and a file name)');
  });

  it('reports a field name with a dash and proposes camelCase', () => {
    const files = variant((t) => t.replace('fields: { amount: int, currency: string }', 'fields: { amount: int, currency-code: string }'));
    const [d] = check(RULE, files);
    expectAt(d, files, 'sales.yaml', 'currency-code');
    expect(d!.hint).toBe('use letters and digits only, e.g. "currencyCode"');
  });

  it('reports a rejection that starts with a digit', () => {
    const files = variant((t) => t.replace('rejects: [SaleAlreadyOpen]', 'rejects: [2ndSale]'));
    const [d] = check(RULE, files);
    expect(d!.message).toContain('starts with a digit');
    expectAt(d, files, 'sales.yaml', '2ndSale');
  });
});
