// hardening.md C1.4: the same name defined twice (also across files) is reported with both places.
import { describe, expect, it } from 'vitest';
import { CLEAN, check, ctx, expectAt, posOf, variant } from './helpers.js';

const RULE = 'duplicate-name';

describe(RULE, () => {
  it('passes when names are unique per context (the same name in two contexts is allowed)', () => {
    const files = { ...CLEAN, 'other.yaml': ctx('Other', 'actors:\n  Clerk: {}\n') };
    expect(check(RULE, files)).toEqual([]);
  });

  it('reports the same name used by two kinds, at the second, listing both places', () => {
    const files = variant((t) => t.replace('actors:\n  Clerk:', 'actors:\n  Sale: { description: oops }\n  Clerk:'));
    // The actor comes first in the file, so the aggregate is the later definition.
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_DUPLICATE_NAME', severity: 'error', rule: RULE });
    expectAt(d, files, 'sales.yaml', 'Sale:', 2);
    const first = posOf(files['sales.yaml']!, 'Sale:');
    const second = posOf(files['sales.yaml']!, 'Sale:', 2);
    expect(d!.message).toBe(`"Sale" is defined twice in context Sales: actor at sales.yaml:${first.line}:${first.col} and aggregate at sales.yaml:${second.line}:${second.col}`);
    expect(d!.related).toEqual([{ file: 'sales.yaml', ...first }]);
    expect(d!.hint).toContain('rename one, e.g. SaleAggregate');
  });

  it('reports a context declared by two files (hardening C1.4), pointing at both', () => {
    const files = { ...CLEAN, 'sales-more.yaml': ctx('Sales', 'actors:\n  Manager: {}\n') };
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expectAt(d, files, 'sales.yaml', 'context: Sales');
    expect(d!.message).toBe('context "Sales" is declared twice: at sales-more.yaml:2:1 and sales.yaml:2:1');
    expect(d!.related).toEqual([{ file: 'sales-more.yaml', line: 2, col: 1 }]);
  });

  it('reports an element defined again in the second file of a context', () => {
    const files = { ...CLEAN, 'sales-more.yaml': ctx('Sales', 'actors:\n  Clerk: {}\n') };
    const found = check(RULE, files).filter((d) => d.message.startsWith('"Clerk"'));
    expect(found).toHaveLength(1);
    expectAt(found[0], files, 'sales.yaml', 'Clerk:');
    expect(found[0]!.related).toEqual([{ file: 'sales-more.yaml', ...posOf(files['sales-more.yaml']!, 'Clerk') }]);
  });
});
