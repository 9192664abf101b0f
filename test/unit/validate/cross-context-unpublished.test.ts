import { describe, expect, it } from 'vitest';
import { check, expectAt } from './helpers.js';
import { billing } from './cross-context.js';

const RULE = 'cross-context-unpublished';

describe(RULE, () => {
  it('passes when the consumed event is published', () => {
    expect(check(RULE, billing({ relationship: true, published: true }))).toEqual([]);
  });

  it('reports another context consuming an internal event', () => {
    const files = billing({ relationship: true, published: false });
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_UNPUBLISHED_EVENT', severity: 'error' });
    expect(d!.message).toBe('policy InvoiceEverySale consumes event SaleOpened of context Sales, which is not published');
    expectAt(d, files, 'billing.yaml', 'SaleOpened');
    expect(d!.hint).toContain('mark SaleOpened `published: true` in sales.yaml');
  });

  it('holds an external system that consumes another context\'s event to the same rule (issue 17, item 4)', () => {
    const base = billing({ relationship: true, published: false });
    const files = { ...base, 'billing.yaml': base['billing.yaml']!.replace('aggregates:', 'externalSystems:\n  Ledger: { consumes: [SaleOpened] }\naggregates:') };
    const found = check(RULE, files);
    expect(found.map((d) => d.message)).toContain('external system Ledger consumes event SaleOpened of context Sales, which is not published');
  });
});
