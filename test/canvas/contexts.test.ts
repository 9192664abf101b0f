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

describe('move to context', () => {
  it('moves a sticky with its links: references follow, qualified only across contexts, relationships declared', () => {
    let m = applyChange(lendingModel(), { type: 'addContext', name: 'Notify', file: 'notify.yaml' }).model;
    const policy = { context: 'Lending', kind: 'policy', name: 'RemindWhenDue' } as const;
    const applied = applyChange(m, { type: 'moveToContext', ref: policy, context: 'Notify', at: { x: 40, y: 80 } });
    // Undo puts everything back (an emptied sidecar may stay as an empty layout).
    expect(applyChange(applied.model, applied.inverse).model.contexts).toEqual(m.contexts);
    m = applied.model;
    const moved = m.contexts[1]!.policies[0] as Policy;
    expect(m.contexts[0]!.policies).toEqual([]);
    expect(moved.context).toBe('Notify');
    // It still reacts to LoanFellDue and issues SendReminder, now across contexts.
    expect(moved.on.map((r) => `${r.context}.${r.name}`)).toEqual(['Lending.LoanFellDue']);
    expect(moved.issues.map((r) => `${r.context}.${r.name}`)).toEqual(['Lending.SendReminder']);
    expect(m.contexts[1]!.relationships.map((r) => r.context)).toEqual(['Lending']);
    expect(m.layouts['notify.yaml']!.positions.RemindWhenDue).toEqual({ x: 40, y: 80 });
    // And back: the references are local again.
    const back = applyChange(m, { type: 'moveToContext', ref: { ...policy, context: 'Notify' }, context: 'Lending' }).model;
    expect((back.contexts[0]!.policies[0] as Policy).on.map((r) => r.context)).toEqual([undefined]);
  });

  it('retargets the references other elements hold, and refuses what would break', () => {
    let m = applyChange(lendingModel(), { type: 'addContext', name: 'Notify', file: 'notify.yaml' }).model;
    m = applyChange(m, { type: 'moveToContext', ref: { context: 'Lending', kind: 'event', name: 'LoanFellDue' }, context: 'Notify' }).model;
    const policy = m.contexts[0]!.policies[0] as Policy;
    expect(policy.on.map((r) => `${r.context}.${r.name}`)).toEqual(['Notify.LoanFellDue']);
    expect(m.contexts[0]!.relationships.map((r) => r.context)).toEqual(['Notify']);
    // BookBorrowed is in a spec of Lending.
    expect(() => applyChange(m, { type: 'moveToContext', ref: { context: 'Lending', kind: 'event', name: 'BookBorrowed' }, context: 'Notify' })).toThrow(/specs/);
    m = applyChange(m, { type: 'add', context: 'Notify', kind: 'actor', name: 'Member' }).model;
    expect(() => applyChange(m, { type: 'moveToContext', ref: { context: 'Lending', kind: 'actor', name: 'Member' }, context: 'Notify' })).toThrow(/already has an actor named Member/);
  });
});
