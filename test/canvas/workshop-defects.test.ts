// Issue 14 defects that live in the board's pure logic and session: each test failed before its fix.
import { describe, expect, it } from 'vitest';
import { applyChange } from '../../app/renderer/model/changes.js';
import { findElement, type ElementRef } from '../../app/renderer/model/refs.js';
import { MemoryBackupStore } from '../../app/renderer/workspace/backup.js';
import { MemoryWorkspace } from '../../app/renderer/workspace/memory-workspace.js';
import { Session } from '../../app/renderer/workspace/session.js';
import type { Aggregate, Event, ExternalSystem } from '../../generator/model/types.js';
import { jsonCore } from './fake-core.js';
import { lendingContext, lendingModel } from './fixture.js';

const L = (kind: ElementRef['kind'], name: string): ElementRef => ({ context: 'Lending', kind, name });

describe('event origin switching', () => {
  it('connecting an external system to an aggregate-recorded event makes the system its only origin', () => {
    const m = applyChange(lendingModel(), { type: 'connect', source: L('externalSystem', 'Clock'), target: L('event', 'BookBorrowed') }).model;
    const ev = findElement(m, L('event', 'BookBorrowed')) as Event;
    expect(ev.aggregate).toBeUndefined();
    expect(ev.source?.name).toBe('Clock');
    expect((findElement(m, L('externalSystem', 'Clock')) as ExternalSystem).emits.map((r) => r.name)).toEqual(['LoanFellDue', 'BookBorrowed']);
  });

  it('connecting an aggregate to a system-delivered event takes it away from the system', () => {
    const m = applyChange(lendingModel(), { type: 'connect', source: L('aggregate', 'Loan'), target: L('event', 'LoanFellDue') }).model;
    const ev = findElement(m, L('event', 'LoanFellDue')) as Event;
    expect(ev.source).toBeUndefined();
    expect(ev.aggregate?.name).toBe('Loan');
    expect((findElement(m, L('externalSystem', 'Clock')) as ExternalSystem).emits).toEqual([]);
  });

  it('the panel sets or clears the origin as one undoable step', () => {
    const change = { type: 'setOrigin', event: L('event', 'BookBorrowed'), origin: null } as const;
    const applied = applyChange(lendingModel(), change);
    const ev = findElement(applied.model, L('event', 'BookBorrowed')) as Event;
    expect(ev.aggregate).toBeUndefined();
    expect(ev.source).toBeUndefined();
    expect(applyChange(applied.model, applied.inverse).model).toEqual(lendingModel());
  });
});

describe('renaming an aggregate', () => {
  it('its default identity follows the name; a hand-chosen identity stays', () => {
    let m = applyChange(lendingModel(), { type: 'add', context: 'Lending', kind: 'aggregate', name: 'NewAggregate' }).model;
    expect((findElement(m, L('aggregate', 'NewAggregate')) as Aggregate).identity).toBe('newAggregateId');
    m = applyChange(m, { type: 'rename', ref: L('aggregate', 'NewAggregate'), to: 'Membership' }).model;
    expect((findElement(m, L('aggregate', 'Membership')) as Aggregate).identity).toBe('membershipId');
    m = applyChange(m, { type: 'update', ref: L('aggregate', 'Membership'), set: { identity: 'cardNumber' } }).model;
    m = applyChange(m, { type: 'rename', ref: L('aggregate', 'Membership'), to: 'Card' }).model;
    expect((findElement(m, L('aggregate', 'Card')) as Aggregate).identity).toBe('cardNumber');
  });
});

describe('names are unique across kinds', () => {
  it('refuses an add, a rename and keeps a paste apart when another kind has the name', () => {
    expect(() => applyChange(lendingModel(), { type: 'add', context: 'Lending', kind: 'event', name: 'Loan' })).toThrow(/already has an aggregate named Loan/);
    expect(() => applyChange(lendingModel(), { type: 'rename', ref: L('command', 'SendReminder'), to: 'BookBorrowed' })).toThrow(/named BookBorrowed/);
    const loan = findElement(lendingModel(), L('aggregate', 'Loan'))!;
    const pasted = applyChange(lendingModel(), { type: 'paste', context: 'Lending', elements: [{ element: { ...loan, kind: 'actor' } as never }] }).model;
    expect(pasted.contexts[0]!.actors.map((a) => a.name)).toEqual(['Member', 'LoanCopy']);
  });
});

describe('read-only and loading', () => {
  it('a read-only board refuses edits up front with the reason, and records nothing', async () => {
    const ws = new MemoryWorkspace({ 'lending.yaml': `${JSON.stringify(lendingContext(), null, 1)}\n` }, { name: 'm', root: '/m', readOnly: true, readOnlyReason: 'another Stormsmith (pid 7) is editing this folder' });
    const session = new Session(ws, jsonCore, new MemoryBackupStore());
    await session.open();
    expect(session.apply({ type: 'update', ref: L('aggregate', 'Loan'), set: { description: 'x' } })).toBe(false);
    expect(session.getState().notice?.text).toMatch(/read-only \(another Stormsmith \(pid 7\) is editing this folder\)/);
    expect(session.getState().history.past).toHaveLength(0);
    expect(session.getState().dirty.size).toBe(0);
  });

  it('reads the model files in parallel', async () => {
    const files: Record<string, string> = {};
    for (const name of ['a', 'b', 'c', 'd']) {
      const ctx = { ...lendingContext(), name: name.toUpperCase(), file: `${name}.yaml` };
      files[`${name}.yaml`] = `${JSON.stringify(ctx, null, 1)}\n`;
    }
    const ws = new MemoryWorkspace(files);
    let inFlight = 0;
    let most = 0;
    const read = ws.readModel.bind(ws);
    ws.readModel = async (path: string) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      try {
        return await read(path);
      } finally {
        inFlight--;
      }
    };
    const session = new Session(ws, jsonCore, new MemoryBackupStore());
    await session.open();
    expect(session.getState().model.contexts.map((c) => c.name)).toEqual(['A', 'B', 'C', 'D']);
    expect(most).toBe(4);
  });
});

describe('read model → actor (information → decision)', () => {
  it('is allowed, writes actor.reads, shows as an arrow, follows renames and deletes', async () => {
    const { linksOf } = await import('../../app/renderer/model/links.js');
    const { connectionMeaning } = await import('../../app/renderer/model/grammar.js');
    expect(connectionMeaning('projection', 'actor')).toEqual({ ok: true, relation: 'reads' });
    const projection = L('projection', 'ActiveLoans');
    let m = applyChange(lendingModel(), { type: 'connect', source: projection, target: L('actor', 'Member') }).model;
    expect(findElement(m, L('actor', 'Member'))).toMatchObject({ reads: [{ name: 'ActiveLoans' }] });
    expect(linksOf(m).filter((l) => l.relation === 'reads').map((l) => `${l.source.name}->${l.target.name}`)).toEqual(['ActiveLoans->Member']);
    m = applyChange(m, { type: 'rename', ref: projection, to: 'LoansByMember' }).model;
    expect(findElement(m, L('actor', 'Member'))).toMatchObject({ reads: [{ name: 'LoansByMember' }] });
    m = applyChange(m, { type: 'delete', refs: [L('projection', 'LoansByMember')] }).model;
    expect((findElement(m, L('actor', 'Member')) as { reads?: unknown[] }).reads).toEqual([]);
  });
});
