import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'actor-unused';

describe(RULE, () => {
  it('passes when every actor issues a command', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('warns about an actor no command names', () => {
    const files = variant((t) => t.replace('actors:\n  Clerk:', 'actors:\n  Auditor: {}\n  Clerk:'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'W_ACTOR_UNUSED', severity: 'warning', message: 'actor Auditor issues no command' });
    expectAt(d, files, 'sales.yaml', 'Auditor');
    expect(d!.hint).toBe('set `actor: Auditor` on the commands Auditor performs, or remove the actor');
  });
});
