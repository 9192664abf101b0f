// Issue 14, start from nothing: bounded contexts added and renamed on the board.
import { describe, expect, it } from 'vitest';
import { applyChange, ChangeRefused, type Change } from '../../app/renderer/model/changes.js';
import { contextFileFor, freeContextName, kebabOf } from '../../app/renderer/model/contexts.js';
import type { Model, Policy } from '../../generator/model/types.js';
import { lendingModel } from './fixture.js';

function roundTrip(model: Model, change: Change): Model {
  const applied = applyChange(model, change);
  expect(applyChange(applied.model, applied.inverse).model).toEqual(model);
  return applied.model;
}

describe('bounded contexts on the board', () => {
  it('adds an empty context to an empty model, undoably', () => {
    const m = roundTrip({ contexts: [], layouts: {} }, { type: 'addContext', name: 'Sales', file: 'sales.yaml' });
    expect(m.contexts.map((c) => [c.name, c.file, c.events.length])).toEqual([['Sales', 'sales.yaml', 0]]);
    // A sticky can now be added to it.
    const withEvent = applyChange(m, { type: 'add', context: 'Sales', kind: 'event', name: 'OrderPlaced' }).model;
    expect(withEvent.contexts[0]!.events.map((e) => e.name)).toEqual(['OrderPlaced']);
  });

  it('refuses a taken name, a taken file, and a name that is not an identifier', () => {
    expect(() => applyChange(lendingModel(), { type: 'addContext', name: 'Lending', file: 'x.yaml' })).toThrow(/already a bounded context named Lending/);
    expect(() => applyChange(lendingModel(), { type: 'addContext', name: 'Other', file: 'lending.yaml' })).toThrow(ChangeRefused);
    expect(() => applyChange(lendingModel(), { type: 'addContext', name: 'Order Taking', file: 'x.yaml' })).toThrow(/not a context name/);
  });

  it('renames a context: its elements and every qualified reference follow, the file stays', () => {
    let m = roundTrip(lendingModel(), { type: 'addContext', name: 'Notify', file: 'notify.yaml' });
    m = applyChange(m, { type: 'add', context: 'Notify', kind: 'policy', name: 'TellMember' }).model;
    m = applyChange(m, { type: 'connect', source: { context: 'Lending', kind: 'event', name: 'BookBorrowed' }, target: { context: 'Notify', kind: 'policy', name: 'TellMember' } }).model;
    const renamed = roundTrip(m, { type: 'renameContext', from: 'Lending', to: 'Loans' });
    expect(renamed.contexts.map((c) => [c.name, c.file])).toEqual([
      ['Loans', 'lending.yaml'],
      ['Notify', 'notify.yaml'],
    ]);
    expect(renamed.contexts[0]!.commands.every((c) => c.context === 'Loans')).toBe(true);
    const policy = renamed.contexts[1]!.policies[0] as Policy;
    expect(policy.on.map((r) => `${r.context}.${r.name}`)).toEqual(['Loans.BookBorrowed']);
    expect(() => applyChange(m, { type: 'renameContext', from: 'Lending', to: 'Notify' })).toThrow(/already/);
  });

  it('names new context files after the context, never over a known file', () => {
    expect(kebabOf('OrderFulfilment')).toBe('order-fulfilment');
    expect(kebabOf('HRPayroll')).toBe('hr-payroll');
    expect(contextFileFor(lendingModel(), 'Lending')).toBe('lending-2.yaml');
    expect(contextFileFor(lendingModel(), 'Sales', ['sales.yaml'])).toBe('sales-2.yaml');
    expect(freeContextName({ contexts: [], layouts: {} })).toBe('Sales');
    expect(freeContextName(lendingModel(), 'Lending')).toBe('Lending2');
  });
});

describe('links across contexts', () => {
  it('declare the relationship they need, once, in the context that writes the reference', () => {
    let m = applyChange(lendingModel(), { type: 'addContext', name: 'Notify', file: 'notify.yaml' }).model;
    m = applyChange(m, { type: 'add', context: 'Notify', kind: 'policy', name: 'TellMember' }).model;
    m = applyChange(m, { type: 'add', context: 'Notify', kind: 'projection', name: 'Loans' }).model;
    const borrowed = { context: 'Lending', kind: 'event', name: 'BookBorrowed' } as const;
    m = roundTrip(m, { type: 'connect', source: borrowed, target: { context: 'Notify', kind: 'policy', name: 'TellMember' } });
    m = applyChange(m, { type: 'connect', source: borrowed, target: { context: 'Notify', kind: 'projection', name: 'Loans' } }).model;
    expect(m.contexts[1]!.relationships.map((r) => [r.context, r.kind])).toEqual([['Lending', 'customer-supplier']]);
    expect(m.contexts[0]!.relationships).toEqual([]);
  });
});
