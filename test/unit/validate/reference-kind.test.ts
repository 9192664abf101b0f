import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'reference-kind';

describe(RULE, () => {
  it('passes when every reference names the right kind', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a policy that reacts to a command instead of an event', () => {
    const files = variant((t) => t.replace('on: [CashCounted]', 'on: [OpenSale]'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_WRONG_KIND', severity: 'error', rule: RULE });
    expectAt(d, files, 'sales.yaml', 'OpenSale]');
    expect(d!.message).toBe('"OpenSale" is a command, but the event that policy CloseWhenCounted reacts to must be an event');
    expect(d!.hint).toBe('name an event here, e.g. an event that OpenSale emits');
  });

  it('reports a projection fed by an aggregate', () => {
    const files = variant((t) => t.replace('from: [SaleOpened, SaleClosed]', 'from: [SaleOpened, Sale]'));
    const [d] = check(RULE, files);
    expectAt(d, files, 'sales.yaml', 'from: [SaleOpened, |Sale]');
    expect(d!.message).toContain('"Sale" is an aggregate');
    expect(d!.hint).toBe('name an event here');
  });
});
