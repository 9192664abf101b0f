import { describe, expect, it } from 'vitest';
import { commit, emptyHistory, redo, undo, undoLabel, redoLabel } from '../../app/renderer/model/history.js';
import { lendingModel } from './fixture.js';

describe('undo/redo', () => {
  it('undoes and redoes named steps in order, and a new edit clears the redo stack', () => {
    const start = lendingModel();
    let s = commit(start, emptyHistory, { type: 'add', context: 'Lending', kind: 'command', name: 'ReturnBook' });
    const afterAdd = s.model;
    s = commit(s.model, s.history, { type: 'connect', source: { context: 'Lending', kind: 'command', name: 'ReturnBook' }, target: { context: 'Lending', kind: 'aggregate', name: 'Loan' } });
    const afterConnect = s.model;
    expect(undoLabel(s.history)).toBe('Connect ReturnBook → Loan');

    const u1 = undo(s.model, s.history)!;
    expect(u1.model).toEqual(afterAdd);
    expect(redoLabel(u1.history)).toBe('Connect ReturnBook → Loan');
    const u2 = undo(u1.model, u1.history)!;
    expect(u2.model).toEqual(start);
    expect(undo(u2.model, u2.history)).toBeUndefined();

    const r1 = redo(u2.model, u2.history)!;
    expect(r1.model).toEqual(afterAdd);
    const r2 = redo(r1.model, r1.history)!;
    expect(r2.model).toEqual(afterConnect);
    expect(redo(r2.model, r2.history)).toBeUndefined();

    const branched = commit(u1.model, u1.history, { type: 'update', ref: { context: 'Lending', kind: 'aggregate', name: 'Loan' }, set: { description: 'x' } });
    expect(branched.history.future).toEqual([]);
    expect(branched.history.past.map((p) => p.label)).toEqual(['Add command ReturnBook', 'Edit Loan']);
  });

  it('a refused change leaves no step behind', () => {
    expect(() =>
      commit(lendingModel(), emptyHistory, { type: 'connect', source: { context: 'Lending', kind: 'event', name: 'BookBorrowed' }, target: { context: 'Lending', kind: 'actor', name: 'Member' } }),
    ).toThrow(/read model/);
  });
});
