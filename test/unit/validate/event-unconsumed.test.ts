import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'event-unconsumed';

describe(RULE, () => {
  it('passes when policies and projections consume every event', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('warns about an event nothing consumes', () => {
    const files = variant((t) => t.replace('from: [SaleOpened, SaleClosed]', 'from: [SaleOpened]'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'W_EVENT_UNCONSUMED', severity: 'warning', message: 'no policy or projection consumes event SaleClosed' });
    expectAt(d, files, 'sales.yaml', 'SaleClosed:');
    expect(d!.hint).toContain('published: true');
  });

  it('accepts an unconsumed event that is published for other contexts', () => {
    const files = variant((t) => t.replace('from: [SaleOpened, SaleClosed]', 'from: [SaleOpened]').replace('SaleClosed:\n    aggregate: Sale', 'SaleClosed:\n    published: true\n    aggregate: Sale'));
    expect(check(RULE, files)).toEqual([]);
  });

  it('counts an external system that consumes the event (issue 17, item 4)', () => {
    const files = variant((t) => t.replace('from: [SaleOpened, SaleClosed]', 'from: [SaleOpened]').replace('emits: [CashCounted]', 'emits: [CashCounted]\n    consumes: [SaleClosed]'));
    expect(check(RULE, files)).toEqual([]);
  });
});
