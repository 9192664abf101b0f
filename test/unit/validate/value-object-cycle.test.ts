// hardening.md C1.17: a value object that contains itself (directly or transitively) is E_CYCLE.
import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'value-object-cycle';

describe(RULE, () => {
  it('passes when value objects nest without cycles', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a value object containing itself through another one', () => {
    const files = variant((t) =>
      t.replace('Money:\n    fields: { amount: int, currency: string }', 'Money:\n    fields: { amount: int, currency: Currency }\n  Currency:\n    fields: { code: string, rounding: "Money[]" }'),
    );
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_CYCLE', severity: 'error', message: 'value object contains itself: Money.currency -> Currency.rounding -> Money' });
    expectAt(d, files, 'sales.yaml', 'Money:');
    expect(d!.hint).toContain('by its id');
  });

  it('reports a direct self-reference', () => {
    const files = variant((t) => t.replace('fields: { amount: int, currency: string }', 'fields: { amount: int, currency: string, change?: Money }'));
    const [d] = check(RULE, files);
    expect(d!.message).toBe('value object contains itself: Money.change -> Money');
  });
});
