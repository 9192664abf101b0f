// Issue 17 (5): `reads:` on a policy names read models; names resolve through the relationship
// table (unknown and wrong-kind names are the reference rules'), and a policy reads only read
// models of its own context.
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../generator/model/validate/index.js';
import { CLEAN, check, ctx, expectAt, load, variant } from './helpers.js';

const RULE = 'policy-reads';
const reading = (names: string) => variant((t) => t.replace('CloseWhenCounted: { on: [CashCounted], issues: [CloseSale] }', `CloseWhenCounted: { on: [CashCounted], issues: [CloseSale], reads: [${names}] }`));

describe(RULE, () => {
  it('accepts a read model of its own context', () => {
    expect(check(RULE, reading('OpenSales'))).toEqual([]);
    expect(validateModel(load(reading('OpenSales'))).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('an unknown read model is an unresolved reference, with a did-you-mean', () => {
    const files = reading('OpenSale');
    const d = validateModel(load(files)).filter((x) => x.severity === 'error');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'E_WRONG_KIND' });
    const files2 = reading('OpenSalez');
    const d2 = validateModel(load(files2)).filter((x) => x.severity === 'error');
    expect(d2).toMatchObject([{ code: 'E_UNRESOLVED_REF', hint: expect.stringContaining('OpenSales') }]);
    expectAt(d2[0], files2, 'sales.yaml', 'reads: [|OpenSalez]');
  });

  it('refuses a read model of another context', () => {
    const files = {
      ...reading('Stock.Levels'),
      'sales.yaml': reading('Stock.Levels')['sales.yaml']!.replace('actors:', 'relationships:\n  - { context: Stock, kind: customer-supplier }\nactors:'),
      'stock.yaml': ctx(
        'Stock',
        `
        aggregates: { Item: { identity: sku } }
        commands: { Count: { aggregate: Item, fields: { sku: string }, emits: [Counted] } }
        events: { Counted: { aggregate: Item, fields: { sku: string } } }
        projections: { Levels: { from: [Counted], key: sku, fields: { sku: string } } }
        `,
      ),
    };
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_CROSS_CONTEXT_READ', message: 'policy CloseWhenCounted of context Sales reads read model Levels of context Stock' });
    expect(d!.hint).toContain("from Stock's published events");
    expectAt(d, files, 'sales.yaml', 'reads: [|Stock.Levels]');
  });
});
