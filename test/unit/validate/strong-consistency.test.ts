import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'strong-consistency';
const strong = (t: string) => t.replace(/\n\s*lagTarget: 2s/, '').replace('consistency: eventual', 'consistency: strong');

describe(RULE, () => {
  it('says nothing about eventual projections, nor strong ones of a single stream', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
    // OpenSales is keyed by saleId, the identity of Sale, whose events it reads: one stream.
    expect(check(RULE, variant(strong))).toEqual([]);
  });

  it('explains a strong projection keyed across streams at its model line', () => {
    const files = variant((t) =>
      strong(t).replace('key: saleId', 'key: total'),
    );
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: 'I_STRONG_CROSS_STREAM',
      severity: 'info',
      message:
        'projection OpenSales is strongly consistent but keyed by total across streams (Sale): it runs in the append transaction under a lock per total, so concurrent commands for one total wait for each other',
    });
    expectAt(d, files, 'sales.yaml', 'OpenSales:');
    expect(d!.hint).toContain('consistency: eventual');
  });
});
