import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'lag-target';

describe(RULE, () => {
  it('passes on a duration for an eventual projection', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
    expect(check(RULE, variant((t) => t.replace('lagTarget: 2s', 'lagTarget: 500ms')))).toEqual([]);
  });

  it('reports a lag target that is not a duration', () => {
    const files = variant((t) => t.replace('lagTarget: 2s', 'lagTarget: soon'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_LAG_TARGET', severity: 'error', message: 'projection OpenSales has lagTarget "soon", which is not a duration' });
    expectAt(d, files, 'sales.yaml', 'OpenSales:');
    expect(d!.hint).toBe('write a number with a unit: 500ms, 5s, 2m or 1h');
  });

  it('reports a lag target on a strong projection', () => {
    const [d] = check(RULE, variant((t) => t.replace('consistency: eventual', 'consistency: strong')));
    expect(d!.message).toBe('projection OpenSales is strongly consistent but has lagTarget 2s');
  });
});
