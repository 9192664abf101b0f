// The canonical example loads clean, with positions pointing at the keys in the file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../generator/model/index.js';

const dir = fileURLToPath(new URL('../../../models/library/', import.meta.url));
const files = ['lending.yaml', 'lending.layout.yaml'].map((path) => ({ path, text: readFileSync(dir + path, 'utf8') }));
const lines = files[0]!.text.split('\n');

/** The text at a 1-based position, for asserting that a loc really points at a name. */
const textAt = (loc: { line: number; col: number }, length: number) => lines[loc.line - 1]!.slice(loc.col - 1, loc.col - 1 + length);

describe('loadModel on models/library', () => {
  const result = loadModel(files);
  const ctx = result.model!.contexts[0]!;

  it('loads without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.model!.contexts.map((c) => c.name)).toEqual(['Lending']);
  });

  it('keeps file order and points each element loc at its key', () => {
    expect(ctx.commands.map((c) => c.name)).toEqual(['BorrowBook', 'RenewLoan', 'ReturnBook', 'SendReminder']);
    for (const element of [...ctx.aggregates, ...ctx.commands, ...ctx.events, ...ctx.policies, ...ctx.projections, ...ctx.actors]) {
      expect(textAt(element.loc, element.name.length)).toBe(element.name);
      expect(element.loc.file).toBe('lending.yaml');
      expect(element.context).toBe('Lending');
    }
  });

  it('reads references with their own positions', () => {
    const borrow = ctx.commands[0]!;
    expect(borrow.aggregate.name).toBe('Loan');
    expect(borrow.actor?.name).toBe('Member');
    expect(borrow.emits.map((e) => e.name)).toEqual(['BookBorrowed']);
    expect(textAt(borrow.emits[0]!.loc, 'BookBorrowed'.length)).toBe('BookBorrowed');
    expect(borrow.rejects.map((e) => e.name)).toEqual(['LoanLimitReached']);
  });

  it('reads fields, events, projections, hotspots, specs and architecture', () => {
    const loan = ctx.aggregates[0]!;
    expect(loan.identity).toBe('loanId');
    expect(loan.invariants.map((i) => i.text)).toEqual(['A member holds at most five active loans.', 'A loan can be renewed once.']);
    expect(loan.state.map((f) => [f.name, f.type])).toContainEqual(['copy', { kind: 'ref', name: 'BookCopy' }]);
    const fellDue = ctx.events.find((e) => e.name === 'LoanFellDue')!;
    expect(fellDue.source?.name).toBe('Clock');
    expect(fellDue.aggregate).toBeUndefined();
    expect(ctx.projections[1]).toMatchObject({ name: 'OverdueLoans', consistency: 'eventual', lagTarget: '5s', key: 'loanId' });
    expect(ctx.hotspots[0]).toMatchObject({ kind: 'hotspot', name: 'What happens to loans when a member is suspended?' });
    expect(ctx.specs[1]!.then).toMatchObject({ kind: 'rejects', error: { name: 'LoanAlreadyReturned' } });
    expect(ctx.specs[0]!.when.data).toMatchObject({ copy: { isbn: '978-0131103627', copyNumber: 2 }, dueOn: '2026-12-17' });
    expect(ctx.architecture.eventStore?.choice).toBe('emmett-postgresql');
    expect(ctx.architecture.retry).toMatchObject({ attempts: 5, backoff: 'exponential' });
  });

  it('attaches the layout sidecar to its domain file', () => {
    expect(result.model!.layouts['lending.yaml']!.positions['Loan']).toEqual({ x: 420, y: 120 });
  });
});
