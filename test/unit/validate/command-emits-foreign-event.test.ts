import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'command-emits-foreign-event';

describe(RULE, () => {
  it('passes when commands emit their own aggregate\'s events', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a command emitting an external system\'s event', () => {
    const files = variant((t) => t.replace('emits: [SaleClosed]', 'emits: [SaleClosed, CashCounted]'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_FOREIGN_EVENT', severity: 'error', message: 'command CloseSale of aggregate Sale emits CashCounted, which comes from external system Till' });
    expectAt(d, files, 'sales.yaml', 'CashCounted]', 2);
    expect(d!.hint).toContain('let a policy react to it');
  });

  it('reports a command emitting another aggregate\'s event', () => {
    const files = variant((t) =>
      t
        .replace('aggregates:\n  Sale:', 'aggregates:\n  Till:\n    identity: tillId\n  Sale:')
        .replace('  CashCounted:\n    source: Till', '  TillOpened:\n    aggregate: Till\n    fields: { tillId: uuid }\n  CashCounted:\n    source: Till')
        .replace('emits: [SaleClosed]', 'emits: [SaleClosed, TillOpened]'),
    );
    const found = check(RULE, files);
    expect(found.map((d) => d.message)).toContain('command CloseSale of aggregate Sale emits TillOpened, which belongs to aggregate Till');
  });
});
