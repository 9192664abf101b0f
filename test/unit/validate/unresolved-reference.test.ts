// hardening.md C1.16: a dangling reference of any kind is E_UNRESOLVED_REF at the reference, with did-you-mean.
import { describe, expect, it } from 'vitest';
import { CLEAN, check, ctx, expectAt, variant } from './helpers.js';

const RULE = 'unresolved-reference';

describe(RULE, () => {
  it('passes when every reference resolves', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  // Every kind of NameRef: [what, text in the clean model, replacement, misspelled name, did-you-mean]
  const cases: [string, string, string, string, string][] = [
    ['command aggregate', 'aggregate: Sale\n    actor: Clerk', 'aggregate: Sael\n    actor: Clerk', 'Sael', 'Sale'],
    ['command actor', 'actor: Clerk', 'actor: Clerc', 'Clerc', 'Clerk'],
    ['command emits', 'emits: [SaleOpened]', 'emits: [SaleOpend]', 'SaleOpend', 'SaleOpened'],
    ['event aggregate', 'aggregate: Sale\n    version: 1', 'aggregate: Sal\n    version: 1', 'Sal\n', 'Sale'],
    ['event source', 'source: Till', 'source: Tills', 'Tills', 'Till'],
    ['external system emits', 'emits: [CashCounted]', 'emits: [CashCountd]', 'CashCountd', 'CashCounted'],
    ['policy on', 'on: [CashCounted]', 'on: [CashCouted]', 'CashCouted', 'CashCounted'],
    ['policy issues', 'issues: [CloseSale]', 'issues: [CloseSal]', 'CloseSal]', 'CloseSale'],
    ['projection from', 'from: [SaleOpened, SaleClosed]', 'from: [SaleOpened, SaleClsed]', 'SaleClsed', 'SaleClosed'],
    ['spec when', 'command: OpenSale', 'command: OpenSal', 'OpenSal,', 'OpenSale'],
    ['spec then', '- event: SaleOpened\n        data', '- event: SaleOpend\n        data', 'SaleOpend', 'SaleOpened'],
    ['spec given', 'given:\n      - event: SaleOpened', 'given:\n      - event: SaleOpenedd', 'SaleOpenedd', 'SaleOpened'],
  ];
  it.each(cases)('reports an unknown name in a %s at the reference, with did-you-mean', (_what, from, to, wrong, guess) => {
    const files = variant((t) => t.replace(from, to));
    const found = check(RULE, files);
    expect(found).toHaveLength(1);
    const [d] = found;
    expect(d).toMatchObject({ code: 'E_UNRESOLVED_REF', severity: 'error', rule: RULE });
    const name = wrong.replace(/[\n,\]]$/, '');
    expect(d!.message).toContain(`"${name}"`);
    expectAt(d, files, 'sales.yaml', wrong);
    expect(d!.hint).toBe(`did you mean "${guess}"?`);
  });

  it('counts columns in UTF-16 code units: an emoji before the reference counts 2 (hardening C0)', () => {
    const files = variant((t) => t.replace('CloseWhenCounted: { on: [CashCounted]', 'CloseWhenCounted: { description: "🙂", on: [CashCountd]'));
    const [d] = check(RULE, files);
    const line = files['sales.yaml']!.split('\n').find((l) => l.includes('CashCountd'))!;
    expect(d!.col).toBe(line.indexOf('CashCountd') + 1);
    expect(d!.col).toBe([...line.slice(0, line.indexOf('CashCountd'))].length + 2);
  });

  it('reports an unknown hotspot subject', () => {
    const files = { 'sales.yaml': CLEAN['sales.yaml']! + 'hotspots:\n  - title: Refunds?\n    about: [Sael]\n' };
    const [d] = check(RULE, files);
    expectAt(d, files, 'sales.yaml', 'Sael');
    expect(d!.hint).toBe('did you mean "Sale"?');
  });

  it('accepts a hotspot about a rejection of a command (own context or qualified), still reports a misspelt one', () => {
    const files = { 'sales.yaml': CLEAN['sales.yaml']! + 'hotspots:\n  - title: Reopen?\n    about: [SaleAlreadyOpen, Sales.SaleAlreadyOpen, SaleAlreadyOpn]\n' };
    const ds = check(RULE, files);
    expect(ds.map((d) => d.message)).toEqual(['unknown element "SaleAlreadyOpn" (subject of hotspot "Reopen?")']);
    expectAt(ds[0], files, 'sales.yaml', 'SaleAlreadyOpn');
  });

  it('says what to define when nothing is close', () => {
    const files = variant((t) => t.replace('issues: [CloseSale]', 'issues: [ArchiveEverything]'));
    const [d] = check(RULE, files);
    expect(d!.message).toBe('unknown command "ArchiveEverything" (command issued by policy CloseWhenCounted)');
    expect(d!.hint).toBe('define a command named ArchiveEverything, or fix the name');
  });

  it('keeps the context qualifier in the proposal for a qualified name', () => {
    const files = variant((t) => t.replace('on: [CashCounted]', 'on: [Sales.CashCountd]'));
    const [d] = check(RULE, files);
    expect(d!.message).toBe('unknown event "Sales.CashCountd" (event that policy CloseWhenCounted reacts to)');
    expect(d!.hint).toBe('did you mean "Sales.CashCounted"?');
  });

  it('reports a qualified reference to an unknown context', () => {
    const files = variant((t) => t.replace('on: [CashCounted]', 'on: [Salse.CashCounted]'));
    const [d] = check(RULE, files);
    expect(d).toMatchObject({ code: 'E_UNRESOLVED_REF' });
    expect(d!.message).toContain('unknown context "Salse"');
    expect(d!.hint).toBe('did you mean "Sales.CashCounted"?');
    expectAt(d, files, 'sales.yaml', 'Salse.CashCounted');
  });

  it('resolves across files and reports a name defined in two other contexts as ambiguous', () => {
    const other = (name: string) =>
      ctx(name, `
        aggregates:
          Till: { identity: tillId }
        commands:
          CountCash: { aggregate: Till, fields: { tillId: uuid }, emits: [CashReady] }
        events:
          CashReady: { aggregate: Till, published: true, fields: { tillId: uuid } }
      `);
    const files: Record<string, string> = {
      ...variant((t) => t.replace('on: [CashCounted]', 'on: [CashReady]')),
      'a.yaml': other('Ahead'),
      'b.yaml': other('Behind'),
    };
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_AMBIGUOUS_REF', severity: 'error' });
    expectAt(d, files, 'sales.yaml', 'CashReady');
    expect(d!.hint).toBe('qualify the name with its context, e.g. Ahead.CashReady');
    expect(d!.related).toHaveLength(2);
    // Qualified, it resolves.
    const qualified = { ...files, 'sales.yaml': files['sales.yaml']!.replace('on: [CashReady]', 'on: [Behind.CashReady]') };
    expect(check(RULE, qualified)).toEqual([]);
  });
});
