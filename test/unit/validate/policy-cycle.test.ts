// hardening.md C1.17: policy -> command -> event -> same policy is E_CYCLE with the path; no unbounded recursion.
import { describe, expect, it } from 'vitest';
import { CLEAN, check, ctx, expectAt, variant } from './helpers.js';

const RULE = 'policy-cycle';

describe(RULE, () => {
  it('passes when policies do not trigger themselves', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a policy whose command emits the event it reacts to, with the path', () => {
    const files = variant((t) => t.replace('on: [CashCounted]', 'on: [SaleClosed]'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_CYCLE', severity: 'error', message: 'policy loop: CloseWhenCounted -> CloseSale -> SaleClosed -> CloseWhenCounted' });
    expectAt(d, files, 'sales.yaml', 'CloseWhenCounted:');
    expect(d!.hint).toContain('break the loop');
  });

  it('reports a loop through two policies in two contexts once, with the whole path', () => {
    const files = {
      'a.yaml': ctx('Alpha', `
        aggregates: { A: { identity: aId } }
        commands: { DoA: { aggregate: A, fields: { aId: uuid }, emits: [ADone] } }
        events: { ADone: { aggregate: A, published: true, fields: { aId: uuid } } }
        policies: { WhenBDone: { on: [BDone], issues: [DoA] } }
      `),
      'b.yaml': ctx('Beta', `
        aggregates: { B: { identity: bId } }
        commands: { DoB: { aggregate: B, fields: { bId: uuid }, emits: [BDone] } }
        events: { BDone: { aggregate: B, published: true, fields: { bId: uuid } } }
        policies: { WhenADone: { on: [ADone], issues: [DoB] } }
      `),
    };
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expectAt(d, files, 'a.yaml', 'WhenBDone');
    expect(d!.message).toBe('policy loop: WhenBDone -> DoA -> ADone -> WhenADone -> DoB -> BDone -> WhenBDone');
  });

  it('does not overflow the stack on a long chain', () => {
    const n = 3000;
    const lines: string[] = ['aggregates: { A: { identity: aId } }', 'commands:'];
    for (let i = 0; i < n; i++) lines.push(`  C${i}: { aggregate: A, fields: { aId: uuid }, emits: [E${i}] }`);
    lines.push('events:');
    for (let i = 0; i < n; i++) lines.push(`  E${i}: { aggregate: A, fields: { aId: uuid } }`);
    lines.push('policies:');
    for (let i = 0; i < n; i++) lines.push(`  P${i}: { on: [E${i}], issues: [C${(i + 1) % n}] }`);
    const [d, ...rest] = check(RULE, { 'long.yaml': ctx('Long', lines.join('\n')) });
    expect(rest).toEqual([]);
    expect(d!.message.split(' -> ')).toHaveLength(3 * n + 1);
  });
});
