// Issue 17 (3): a policy's `with:` (docs/adr/0096) names fields of its issued commands and takes
// them from the trigger event (through value objects) or from $newId, with matching types.
import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'policy-field-mapping';
// CashCounted { saleId, counted: Money } triggers OpenSale { saleId, total: Money }.
const opening = (mapping: string, extra = '') =>
  variant((t) =>
    t
      .replace('CloseWhenCounted: { on: [CashCounted], issues: [CloseSale] }', `CloseWhenCounted: { on: [CashCounted], issues: [CloseSale] }\n  OpenWhenCounted: { on: [CashCounted], issues: [OpenSale], with: ${mapping} }`)
      .replace('fields: { amount: int, currency: string }', `fields: { amount: int, currency: string${extra} }`),
  );

describe(RULE, () => {
  it('passes without a mapping', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('accepts a new identity and a path of the trigger', () => {
    expect(check(RULE, opening('{ saleId: $newId, total: counted }'))).toEqual([]);
  });

  it('follows a path through a value object', () => {
    const files = opening('{ saleId: $newId, total: counted.amount }');
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    // counted.amount is an int, total a Money: the types differ.
    expect(d).toMatchObject({ code: 'E_POLICY_MAPPING', message: "policy OpenWhenCounted fills OpenSale.total (Money) from CashCounted's counted.amount (int)" });
    expectAt(d, files, 'sales.yaml', 'total: counted.amount');
  });

  it('refuses a field no issued command has, with a did-you-mean', () => {
    const files = opening('{ saleID: $newId, total: counted }');
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_POLICY_MAPPING', hint: 'did you mean "saleId"?' });
    expect(d!.message).toBe('policy OpenWhenCounted maps "saleID", which no command it issues (OpenSale) has');
    expectAt(d, files, 'sales.yaml', 'saleID: $newId');
  });

  it('refuses a path the trigger does not have, naming what it has', () => {
    const files = opening('{ saleId: $newId, total: count }');
    const [d] = check(RULE, files);
    expect(d!.message).toBe('policy OpenWhenCounted takes "total" from count, but event CashCounted has no field count');
    expect(d!.hint).toBe('did you mean "counted"?');
  });

  it('refuses a path into a field that is not a value object', () => {
    const files = opening('{ saleId: saleId.x, total: counted }');
    const [d] = check(RULE, files);
    expect(d!.message).toContain('field saleId (uuid, not a value object) has no field x');
  });

  it('refuses $newId for a field that is not a uuid or string', () => {
    const files = opening('{ saleId: $newId, total: $newId }');
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d!.message).toBe('policy OpenWhenCounted gives OpenSale.total a new identity, but the field is Money');
  });

  it('refuses an optional source for a required field', () => {
    const files = variant((t) => t.replace('counted: Money }', 'counted?: Money }'), 'sales.yaml', opening('{ saleId: $newId, total: counted }'));
    const [d] = check(RULE, files);
    expect(d!.message).toBe("policy OpenWhenCounted fills the required OpenSale.total from CashCounted's optional counted");
  });
});
