import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'command-emits-nothing';

describe(RULE, () => {
  it('passes when every command emits', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it.each([['an empty list', 'emits: []'], ['no emits key', '']])('reports a command with %s at its name', (_what, replacement) => {
    const files = variant((t) => t.replace('    emits: [SaleClosed]\n', replacement ? `    ${replacement}\n` : ''));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_COMMAND_EMITS_NOTHING', severity: 'error', message: 'command CloseSale emits no event' });
    expectAt(d, files, 'sales.yaml', 'CloseSale:');
    expect(d!.hint).toContain('add `emits: [...]`');
  });
});
