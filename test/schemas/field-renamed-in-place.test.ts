// A field renamed in place on a released event is one diagnostic (issue 17 item 9): before, the
// gate said "looks renamed" and also "required property added" (and, for a published event,
// "required property removed"), three overlapping errors about one edit.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../generator/model/types.js';
import { evaluateGate } from '../../generator/schemas/gate/evaluate.js';
import { planRelease } from '../../generator/schemas/registry/release.js';
import { emptyRegistry } from '../../generator/schemas/registry/types.js';
import { loadText } from './support/load.js';

const sales = (field: string, published = false): Model =>
  loadText([
    {
      path: 'sales.yaml',
      text: `stormsmith: 1\ncontext: Sales\naggregates:\n  Order:\n    identity: orderId\nevents:\n  OrderCancelled:\n    aggregate: Order\n${published ? '    published: true\n' : ''}    fields:\n      orderId: uuid\n      ${field}\n`,
    },
  ]);

describe('a field renamed in place on a released event', () => {
  it.each([false, true])('is one PROPERTY_RENAMED at the field, naming both names (published: %s)', (published) => {
    const registry = planRelease(sales('reason: string', published), emptyRegistry()).registry;
    const errors = evaluateGate(sales('why: string', published), registry).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.rule, d.line])).toEqual([['PROPERTY_RENAMED', published ? 12 : 11]]);
    expect(errors[0]!.message).toBe('OrderCancelled v1 is released; property "reason" looks renamed to "why" [PROPERTY_RENAMED, backward]');
    expect(errors[0]!.hint).toContain('upcast: { renames: { reason: why } }');
  });

  it('a removal plus an unrelated addition is still reported as both', () => {
    const registry = planRelease(sales('reason: string'), emptyRegistry()).registry;
    const errors = evaluateGate(sales('count: int'), registry).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.rule).sort()).toEqual(['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', 'REQUIRED_PROPERTY_ADDED']);
  });
});
