import { describe, expect, it } from 'vitest';
import { applyChange, ChangeRefused, type Change } from '../../app/renderer/model/changes.js';
import { linksOf, linksTouching } from '../../app/renderer/model/links.js';
import { findElement, type ElementRef } from '../../app/renderer/model/refs.js';
import type { Command, Event, ExternalSystem, Model, Policy } from '../../generator/model/types.js';
import { lendingModel } from './fixture.js';

const cmd = (name: string): ElementRef => ({ context: 'Lending', kind: 'command', name });
const ev = (name: string): ElementRef => ({ context: 'Lending', kind: 'event', name });
const agg = (name: string): ElementRef => ({ context: 'Lending', kind: 'aggregate', name });

/** Apply then apply the inverse: the model must come back exactly. */
function roundTrip(model: Model, change: Change): Model {
  const applied = applyChange(model, change);
  const back = applyChange(applied.model, applied.inverse).model;
  expect(back).toEqual(model);
  return applied.model;
}

describe('applyChange', () => {
  it('adds an element at the end of its collection with its position, and the inverse removes both', () => {
    const m = roundTrip(lendingModel(), { type: 'add', context: 'Lending', kind: 'command', name: 'ReturnBook', at: { x: 10, y: 20 } });
    expect(m.contexts[0]!.commands.map((c) => c.name)).toEqual(['BorrowBook', 'SendReminder', 'ReturnBook']);
    expect(m.layouts['lending.yaml']!.positions.ReturnBook).toEqual({ x: 10, y: 20 });
  });

  it('refuses a duplicate name and an empty one', () => {
    expect(() => applyChange(lendingModel(), { type: 'add', context: 'Lending', kind: 'command', name: 'BorrowBook' })).toThrow(ChangeRefused);
    expect(() => applyChange(lendingModel(), { type: 'add', context: 'Lending', kind: 'event', name: ' ' })).toThrow(/empty/);
  });

  it('connect writes the meaning into the model: command -> event adds to emits', () => {
    const m = roundTrip(lendingModel(), { type: 'connect', source: cmd('SendReminder'), target: ev('BookBorrowed') });
    expect((findElement(m, cmd('SendReminder')) as Command).emits.map((r) => r.name)).toEqual(['BookBorrowed']);
  });

  it('connect event -> policy writes policy.on, aggregate -> event writes event.aggregate', () => {
    let m = roundTrip(lendingModel(), { type: 'connect', source: ev('BookBorrowed'), target: { context: 'Lending', kind: 'policy', name: 'RemindWhenDue' } });
    expect((findElement(m, { context: 'Lending', kind: 'policy', name: 'RemindWhenDue' }) as Policy).on.map((r) => r.name)).toEqual(['LoanFellDue', 'BookBorrowed']);
    m = roundTrip(m, { type: 'connect', source: agg('Loan'), target: ev('LoanFellDue') });
    expect((findElement(m, ev('LoanFellDue')) as Event).aggregate?.name).toBe('Loan');
  });

  it('connect read model -> policy writes policy.reads, event -> external system writes consumes (issue 17); disconnect undoes each', () => {
    const policy: ElementRef = { context: 'Lending', kind: 'policy', name: 'RemindWhenDue' };
    const system: ElementRef = { context: 'Lending', kind: 'externalSystem', name: 'Clock' };
    let m = roundTrip(lendingModel(), { type: 'connect', source: { context: 'Lending', kind: 'projection', name: 'ActiveLoans' }, target: policy });
    expect((findElement(m, policy) as Policy).reads?.map((r) => r.name)).toEqual(['ActiveLoans']);
    m = roundTrip(m, { type: 'connect', source: ev('BookBorrowed'), target: system });
    expect((findElement(m, system) as ExternalSystem).consumes?.map((r) => r.name)).toEqual(['BookBorrowed']);
    const reads = linksOf(m).find((l) => l.relation === 'reads')!;
    const consumes = linksOf(m).find((l) => l.relation === 'consumes')!;
    expect([reads.target.name, consumes.target.name]).toEqual(['RemindWhenDue', 'Clock']);
    m = roundTrip(m, { type: 'disconnect', link: reads });
    m = roundTrip(m, { type: 'disconnect', link: consumes });
    expect((findElement(m, policy) as Policy).reads ?? []).toEqual([]);
    expect((findElement(m, system) as ExternalSystem).consumes ?? []).toEqual([]);
  });

  it('refuses a meaningless connection with the grammar reason, and a duplicate one', () => {
    expect(() => applyChange(lendingModel(), { type: 'connect', source: ev('BookBorrowed'), target: cmd('SendReminder') })).toThrow(/policy/);
    expect(() => applyChange(lendingModel(), { type: 'connect', source: cmd('BorrowBook'), target: ev('BookBorrowed') })).toThrow(/already connected/);
  });

  it('disconnect removes exactly one link', () => {
    const model = lendingModel();
    const link = linksOf(model).find((l) => l.relation === 'emits' && l.source.name === 'BorrowBook')!;
    const m = roundTrip(model, { type: 'disconnect', link });
    expect(linksOf(m)).toHaveLength(linksOf(model).length - 1);
    expect((findElement(m, cmd('BorrowBook')) as Command).emits).toEqual([]);
  });

  it('disconnecting an external system removes both emits and the event source', () => {
    const model = lendingModel();
    const link = linksOf(model).find((l) => l.relation === 'delivers')!;
    const m = roundTrip(model, { type: 'disconnect', link });
    expect(linksOf(m).some((l) => l.relation === 'delivers')).toBe(false);
    expect((findElement(m, ev('LoanFellDue')) as Event).source).toBeUndefined();
  });

  it('rename updates every reference, the layout key and the specs', () => {
    const m = roundTrip(lendingModel(), { type: 'rename', ref: agg('Loan'), to: 'BookLoan' });
    expect(findElement(m, agg('Loan'))).toBeUndefined();
    expect((findElement(m, cmd('BorrowBook')) as Command).aggregate.name).toBe('BookLoan');
    expect((findElement(m, ev('BookBorrowed')) as Event).aggregate?.name).toBe('BookLoan');
    expect(m.layouts['lending.yaml']!.positions).toEqual({ BookLoan: { x: 420, y: 120 } });
    const m2 = roundTrip(lendingModel(), { type: 'rename', ref: ev('BookBorrowed'), to: 'BookLent' });
    const spec = m2.contexts[0]!.specs[0]!;
    expect(spec.then.kind === 'events' && spec.then.events[0]!.type.name).toBe('BookLent');
    expect(m2.contexts[0]!.events.map((e) => e.name)).toEqual(['BookLent', 'LoanFellDue']);
  });

  it('delete removes the element and every link to it, and the links are listed beforehand', () => {
    const model = lendingModel();
    const going = linksTouching(model, [agg('Loan')]).map((l) => `${l.source.name}->${l.target.name}`);
    expect(going.sort()).toEqual(['BorrowBook->Loan', 'Loan->BookBorrowed', 'SendReminder->Loan']);
    const m = roundTrip(model, { type: 'delete', refs: [agg('Loan')] });
    expect(m.contexts[0]!.aggregates).toEqual([]);
    expect(linksTouching(m, [agg('Loan')])).toEqual([]);
    // A command's aggregate is required: it is blanked (the validator then flags it), not dropped.
    expect((findElement(m, cmd('BorrowBook')) as Command).aggregate.name).toBe('');
    expect(m.layouts['lending.yaml']!.positions.Loan).toBeUndefined();
  });

  it('update sets properties and keeps the rest', () => {
    const m = roundTrip(lendingModel(), { type: 'update', ref: ev('BookBorrowed'), set: { version: 2, description: 'Lent out' } });
    const e = findElement(m, ev('BookBorrowed')) as Event;
    expect([e.version, e.description, e.aggregate?.name]).toEqual([2, 'Lent out', 'Loan']);
  });

  it('move rounds positions and keeps a saved size', () => {
    const model = lendingModel();
    model.layouts['lending.yaml']!.positions.Loan = { x: 1, y: 2, w: 300, h: 200 };
    const m = roundTrip(model, { type: 'move', moves: [{ ref: agg('Loan'), x: 10.4, y: 20.6 }] });
    expect(m.layouts['lending.yaml']!.positions.Loan).toEqual({ x: 10, y: 21, w: 300, h: 200 });
  });

  it('paste gives copies unique names and points links between copies at the copies', () => {
    const model = lendingModel();
    const borrow = findElement(model, cmd('BorrowBook'))!;
    const borrowed = findElement(model, ev('BookBorrowed'))!;
    const m = roundTrip(model, { type: 'paste', context: 'Lending', elements: [{ element: borrow, at: { x: 5, y: 5 } }, { element: borrowed }] });
    const copy = findElement(m, cmd('BorrowBookCopy')) as Command;
    expect(copy.emits.map((r) => r.name)).toEqual(['BookBorrowedCopy']);
    expect(copy.aggregate.name).toBe('Loan');
    expect(m.layouts['lending.yaml']!.positions.BorrowBookCopy).toEqual({ x: 5, y: 5 });
  });

  it('never mutates the model it is given', () => {
    const model = lendingModel();
    const frozen = JSON.stringify(model);
    applyChange(model, { type: 'delete', refs: [agg('Loan')] });
    applyChange(model, { type: 'rename', ref: ev('BookBorrowed'), to: 'X' });
    expect(JSON.stringify(model)).toBe(frozen);
  });
});

describe('event retirement and former names from the property panel (issue 17)', () => {
  it('an update sets `retired` and `formerly`, the inverse clears them, and the file says them', async () => {
    const { serializeContext } = await import('../../generator/model/index.js');
    const base = lendingModel();
    const event = findElement(base, ev('BookBorrowed')) as Event;
    const m = roundTrip(base, { type: 'update', ref: ev('BookBorrowed'), set: { retired: true, formerly: [{ name: 'BookLent', loc: event.loc }] } });
    const text = serializeContext(m.contexts[0]!);
    expect(text).toMatch(/BookBorrowed:\n(?: {4}.*\n)*? {4}retired: true\n {4}formerly: \[BookLent\]\n/);
    const cleared = applyChange(m, { type: 'update', ref: ev('BookBorrowed'), set: { retired: undefined, formerly: undefined } }).model;
    expect(serializeContext(cleared.contexts[0]!)).not.toMatch(/retired|formerly/);
  });
});
