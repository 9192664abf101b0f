import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'retired-event-emitted';
const retire = (t: string) => t.replace('SaleClosed:\n    aggregate: Sale', 'SaleClosed:\n    aggregate: Sale\n    retired: true');

describe(RULE, () => {
  it('passes when no event is retired', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('passes when a retired event is emitted by no command', () => {
    const files = variant((t) => retire(t).replace('emits: [SaleClosed]', 'emits: [SaleOpened]'));
    expect(check(RULE, files)).toEqual([]);
  });

  it('reports a command that still emits a retired event, at the reference', () => {
    const files = variant(retire);
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_RETIRED_EVENT_EMITTED', severity: 'error', message: 'command CloseSale emits retired event SaleClosed' });
    expectAt(d, files, 'sales.yaml', 'emits: [|SaleClosed]');
    expect(d!.hint).toBe('remove SaleClosed from `emits` of CloseSale (emit a new event instead), or drop `retired: true` from SaleClosed if it is still produced');
  });
});
