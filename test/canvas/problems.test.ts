import { describe, expect, it } from 'vitest';
import { problemCounts, problemTargets } from '../../app/renderer/model/problems.js';
import type { Diagnostic } from '../../generator/model/types.js';
import { lendingModel } from './fixture.js';

const diag = (line: number, col: number, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  code: 'E_X',
  severity,
  file: 'lending.yaml',
  line,
  col,
  message: `at ${line}:${col}`,
});

describe('diagnostics -> stickies', () => {
  // Fixture keys: Member 10, Clock 14, Loan 20, BorrowBook 30, SendReminder 40, BookBorrowed 50,
  // LoanFellDue 60, RemindWhenDue 70, ActiveLoans 80, spec 90 (all at column 3).
  it('gives a diagnostic to the element whose entry contains it', () => {
    expect(problemTargets(lendingModel(), [diag(30, 3), diag(33, 7), diag(52, 16), diag(81, 5)])).toEqual([
      'Lending/command/BorrowBook',
      'Lending/command/BorrowBook',
      'Lending/event/BookBorrowed',
      'Lending/projection/ActiveLoans',
    ]);
  });

  it('gives none for the file header, a section header or the specs', () => {
    expect(problemTargets(lendingModel(), [diag(1, 1), diag(49, 1), diag(91, 5), { ...diag(30, 3), file: 'other.yaml' }])).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('counts errors and warnings per sticky and ignores infos', () => {
    const counts = problemCounts(lendingModel(), [diag(30, 3), diag(31, 5, 'warning'), diag(32, 5, 'info'), diag(20, 3, 'info')]);
    expect(counts.get('Lending/command/BorrowBook')).toEqual({ errors: 1, warnings: 1, first: 'at 30:3' });
    expect(counts.has('Lending/aggregate/Loan')).toBe(false);
  });
});
