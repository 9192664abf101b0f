// Retiring and renaming released events (issue 17 items 1-2, docs/adr/0090): a retired event
// stays in the model, so the gate keeps its released versions locked; a plain removal is still
// TYPE_REMOVED.
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Model } from '../../generator/model/types.js';
import { evaluateGate } from '../../generator/schemas/gate/evaluate.js';
import { planRelease } from '../../generator/schemas/registry/release.js';
import { emptyRegistry, type Registry } from '../../generator/schemas/registry/types.js';
import { loadText } from './support/load.js';

const sales = (events: string): Model =>
  loadText([{ path: 'sales.yaml', text: `stormsmith: 1\ncontext: Sales\naggregates:\n  Order:\n    identity: orderId\nevents:\n${events}` }]);
const releaseAll = (...models: Model[]): Registry => models.reduce((r, m) => planRelease(m, r).registry, emptyRegistry());
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => d.rule ?? d.code);

const placed = `  OrderPlaced:\n    aggregate: Order\n    fields:\n      orderId: uuid\n      total: int\n`;
const cancelled = (extra = '', reason = 'string') => `  OrderCancelled:\n    aggregate: Order\n${extra}    fields:\n      orderId: uuid\n      reason: ${reason}\n`;

describe('retired events in the schema gate', () => {
  const registry = releaseAll(sales(placed + cancelled()));

  it('accepts retiring a released event', () => {
    expect(errors(evaluateGate(sales(placed + cancelled('    retired: true\n')), registry).diagnostics)).toEqual([]);
  });

  it('keeps a retired event locked: its released schema may not change in place', () => {
    expect(errors(evaluateGate(sales(placed + cancelled('    retired: true\n', 'int')), registry).diagnostics)).toEqual(['TYPE_CHANGED']);
  });

  it('still refuses a plain removal, and the hint points at retiring', () => {
    const ds = evaluateGate(sales(placed), registry).diagnostics.filter((d) => d.severity === 'error');
    expect(ds.map((d) => d.rule)).toEqual(['TYPE_REMOVED']);
    expect(ds[0]!.hint).toContain('retired: true');
  });
});

describe('renamed events (`formerly`) in the schema gate', () => {
  const registry = releaseAll(sales(placed + cancelled()));
  const withdrawn = (extra: string, reason = 'string') => `  OrderWithdrawn:\n    aggregate: Order\n${extra}    fields:\n      orderId: uuid\n      reason: ${reason}\n`;

  it('accepts a rename whose alias names the released type with the same versions', () => {
    expect(errors(evaluateGate(sales(placed + withdrawn('    formerly: [OrderCancelled]\n')), registry).diagnostics)).toEqual([]);
  });

  it('still reports TYPE_RENAMED without the alias', () => {
    expect(errors(evaluateGate(sales(placed + withdrawn('')), registry).diagnostics)).toEqual(['TYPE_RENAMED']);
  });

  it('refuses an alias whose released version was changed, at the renamed event', () => {
    const model = sales(placed + withdrawn('    formerly: [OrderCancelled]\n', 'int'));
    const ds = evaluateGate(model, registry).diagnostics.filter((d) => d.severity === 'error');
    expect(ds.map((d) => d.rule)).toEqual(['TYPE_RENAMED']);
    expect(ds[0]!.message).toContain('released OrderCancelled v1 is not the same version of OrderWithdrawn');
    expect(ds[0]!.line).toBe(model.contexts[0]!.events[1]!.loc.line);
  });

  it('accepts a renamed event that moved on to v2 with the released version kept as v1', () => {
    const v2 = `  OrderWithdrawn:\n    aggregate: Order\n    formerly: [OrderCancelled]\n    version: 2\n    fields:\n      orderId: uuid\n      reason: string\n      note: string\n    previousVersions:\n      1:\n        fields:\n          orderId: uuid\n          reason: string\n        upcast:\n          defaults: { note: '' }\n`;
    expect(errors(evaluateGate(sales(placed + v2), registry).diagnostics)).toEqual([]);
  });

  it('an alias of an unrelated name does not excuse a plain removal', () => {
    expect(errors(evaluateGate(sales(placed + withdrawn('    formerly: [OrderVoided]\n')), registry).diagnostics)).toEqual(['TYPE_RENAMED']);
  });
});
