// One case per command of Loan (lending.yaml).
//
// This file is yours: Stormsmith created it once with the outcome the model implies and never
// rewrites it. Add your own cases here; the model's specs live in loan.specs.test.ts.
import { expect } from 'vitest';
import { loanDecider } from '../../src/lending/loan/decider.js';
import { deciderSpec, modelCase } from '../support/model-case.js';

const given = deciderSpec(loanDecider);

modelCase('BorrowBook on a new Loan', () =>
  given([])
    .when({ type: 'BorrowBook', data: {
      loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6',
      memberId: '80d971ae-0000-4000-8000-634dc0f771ae',
      copy: { isbn: 'isbn-1', copyNumber: 1 },
      dueOn: '2026-01-15',
    } })
    .then([
      { type: 'BookBorrowed', data: {
        loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6',
        memberId: '80d971ae-0000-4000-8000-634dc0f771ae',
        copy: { isbn: 'isbn-1', copyNumber: 1 },
        dueOn: '2026-01-15',
      } },
    ]),
);

modelCase('RenewLoan on a new Loan', () =>
  given([])
    .when({ type: 'RenewLoan', data: { loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6', newDueOn: '2026-01-15' } })
    .then([
      { type: 'LoanRenewed', data: { loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6', newDueOn: '2026-01-15' } },
    ]),
);

modelCase('ReturnBook on a new Loan', () => {
  // While decideReturnBook is a stub this case is todo. Once you have written it,
  // replace the line below with the outcome you expect (then, thenThrows, thenNothingHappened).
  given([]).when({ type: 'ReturnBook', data: { loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6', returnedOn: '2026-01-15' } }).thenNothingHappened();
  expect.fail('decideReturnBook has logic now: write the outcome this case expects');
});

modelCase('SendReminder on a new Loan', () =>
  given([])
    .when({ type: 'SendReminder', data: { loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6' } })
    .then([
      { type: 'ReminderSent', data: { loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6' } },
    ]),
);
