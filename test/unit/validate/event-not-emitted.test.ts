import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'event-not-emitted';

describe(RULE, () => {
  it('passes when commands and external systems emit every event', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports an aggregate event no command emits', () => {
    const files = variant((t) => t.replace('emits: [SaleClosed]', 'emits: [SaleOpened]'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_EVENT_NOT_EMITTED', severity: 'error', message: 'nothing emits event SaleClosed' });
    expectAt(d, files, 'sales.yaml', 'SaleClosed:');
    expect(d!.hint).toBe('add SaleClosed to `emits` of a command of Sale, or mark it `retired: true` if it is no longer emitted (stored streams still replay it)');
  });

  it('does not report a retired event: nothing emits it on purpose, stored streams still hold it', () => {
    const files = variant((t) => t.replace('emits: [SaleClosed]', 'emits: [SaleOpened]').replace('SaleClosed:\n    aggregate: Sale', 'SaleClosed:\n    aggregate: Sale\n    retired: true'));
    expect(files['sales.yaml']).toContain('retired: true');
    expect(check(RULE, files)).toEqual([]);
  });

  it('reports an external event its system does not list', () => {
    const files = variant((t) => t.replace('emits: [CashCounted]', 'emits: []'));
    const [d] = check(RULE, files);
    expectAt(d, files, 'sales.yaml', 'CashCounted:');
    expect(d!.hint).toBe('list it under `emits` of external system Till');
  });
});
