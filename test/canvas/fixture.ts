// A small hand-built model (no loader involved) so the canvas logic is tested on its own.
import type { BoundedContext, Model, NameRef, SourceSpan } from '../../generator/model/types.js';

const loc = (line: number): SourceSpan => ({ file: 'lending.yaml', line, col: 3, endLine: line, endCol: 10 });
const ref = (name: string, line = 1): NameRef => ({ name, loc: loc(line) });

export function lendingContext(): BoundedContext {
  return {
    name: 'Lending',
    file: 'lending.yaml',
    loc: loc(1),
    relationships: [],
    actors: [{ kind: 'actor', name: 'Member', context: 'Lending', loc: loc(10) }],
    externalSystems: [{ kind: 'externalSystem', name: 'Clock', context: 'Lending', loc: loc(14), emits: [ref('LoanFellDue')] }],
    valueObjects: [],
    aggregates: [{ kind: 'aggregate', name: 'Loan', context: 'Lending', loc: loc(20), identity: 'loanId', invariants: [], state: [] }],
    commands: [
      {
        kind: 'command',
        name: 'BorrowBook',
        context: 'Lending',
        loc: loc(30),
        aggregate: ref('Loan'),
        actor: ref('Member'),
        fields: [],
        emits: [ref('BookBorrowed')],
        rejects: [ref('LoanLimitReached')],
      },
      { kind: 'command', name: 'SendReminder', context: 'Lending', loc: loc(40), aggregate: ref('Loan'), fields: [], emits: [], rejects: [] },
    ],
    events: [
      { kind: 'event', name: 'BookBorrowed', context: 'Lending', loc: loc(50), aggregate: ref('Loan'), version: 1, fields: [], published: false, previousVersions: [], reserved: [] },
      { kind: 'event', name: 'LoanFellDue', context: 'Lending', loc: loc(60), source: ref('Clock'), version: 1, fields: [], published: false, previousVersions: [], reserved: [] },
    ],
    policies: [{ kind: 'policy', name: 'RemindWhenDue', context: 'Lending', loc: loc(70), on: [ref('LoanFellDue')], issues: [ref('SendReminder')] }],
    projections: [
      { kind: 'projection', name: 'ActiveLoans', context: 'Lending', loc: loc(80), from: [ref('BookBorrowed')], key: 'memberId', fields: [], consistency: 'strong' },
    ],
    hotspots: [],
    specs: [
      {
        name: 'borrow',
        context: 'Lending',
        loc: loc(90),
        given: [],
        when: { type: ref('BorrowBook'), data: {}, loc: loc(91) },
        then: { kind: 'events', events: [{ type: ref('BookBorrowed'), data: {}, loc: loc(92) }] },
      },
    ],
    architecture: { slas: [], decisions: [] },
  };
}

export function lendingModel(): Model {
  return { contexts: [lendingContext()], layouts: { 'lending.yaml': { positions: { Loan: { x: 420, y: 120 } } } } };
}
