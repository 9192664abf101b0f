import { describe, expect, it } from 'vitest';
import { check, expectAt, posOf } from './helpers.js';
import { billing } from './cross-context.js';

const RULE = 'relationship-target';

describe(RULE, () => {
  it('passes on a relationship with an existing context', () => {
    expect(check(RULE, billing({ relationship: true }))).toEqual([]);
  });

  it('reports an unknown context with did-you-mean', () => {
    const files = billing({ relationship: true });
    files['billing.yaml'] = files['billing.yaml']!.replace('{ context: Sales,', '{ context: Sale,');
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_UNRESOLVED_REF', severity: 'error', message: 'context Billing declares a relationship with unknown context "Sale"' });
    expectAt(d, files, 'billing.yaml', 'context: Sale,');
    expect(d!.hint).toBe('did you mean "Sales"?');
  });

  it('reports a relationship with itself and a repeated relationship', () => {
    const files = billing({ relationship: true });
    files['billing.yaml'] = files['billing.yaml']!.replace(
      '- { context: Sales, kind: customer-supplier }',
      '- { context: Sales, kind: customer-supplier }\n  - { context: Billing, kind: partnership }\n  - { context: Sales, kind: conformist }',
    );
    const found = check(RULE, files);
    const first = posOf(files['billing.yaml']!, 'context: Sales');
    expect(found.map((d) => [d.code, d.message])).toEqual([
      ['E_RELATIONSHIP', 'context Billing declares a relationship with itself'],
      ['E_RELATIONSHIP', `context Billing declares its relationship with Sales twice (first at billing.yaml:${first.line}:${first.col})`],
    ]);
    expectAt(found[1], files, 'billing.yaml', 'context: Sales', 2);
  });
});
