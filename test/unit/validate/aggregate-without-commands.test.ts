import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'aggregate-without-commands';

describe(RULE, () => {
  it('passes when every aggregate handles a command', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('warns about an aggregate no command targets', () => {
    const files = variant((t) => t.replace('aggregates:\n  Sale:', 'aggregates:\n  Drawer:\n    identity: drawerId\n  Sale:'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'W_AGGREGATE_UNUSED', severity: 'warning', message: 'aggregate Drawer handles no command' });
    expectAt(d, files, 'sales.yaml', 'Drawer:');
    expect(d!.hint).toBe('set `aggregate: Drawer` on the commands it decides, or remove it');
  });
});
