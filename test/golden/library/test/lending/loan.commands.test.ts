// One case per command of Loan (lending.yaml).
//
// This file is yours: Stormsmith created it once with the outcome the model implies and never
// rewrites it. Add your own cases here; the model's specs live in loan.specs.test.ts.
import { loanDecider } from '../../src/lending/loan/decider.js';
import { rejectionNamed } from '../../src/runtime/index.js';
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

modelCase('BorrowBook when the Loan already exists is rejected: LoanAlreadyExists', () =>
  given([
    { type: 'BookBorrowed', data: {
      loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6',
      memberId: '80d971ae-0000-4000-8000-634dc0f771ae',
      copy: { isbn: 'isbn-1', copyNumber: 1 },
      dueOn: '2026-01-15',
    } },
  ])
    .when({ type: 'BorrowBook', data: {
      loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6',
      memberId: '80d971ae-0000-4000-8000-634dc0f771ae',
      copy: { isbn: 'isbn-1', copyNumber: 1 },
      dueOn: '2026-01-15',
    } })
    .thenThrows(rejectionNamed('LoanAlreadyExists')),
);

modelCase('RenewLoan when the Loan does not exist is rejected: LoanNotFound', () =>
  given([])
    .when({ type: 'RenewLoan', data: { loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6', newDueOn: '2026-01-15' } })
    .thenThrows(rejectionNamed('LoanNotFound')),
);

modelCase('ReturnBook when the Loan does not exist is rejected: LoanNotFound', () =>
  given([])
    .when({ type: 'ReturnBook', data: { loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6', returnedOn: '2026-01-15' } })
    .thenThrows(rejectionNamed('LoanNotFound')),
);

modelCase('SendReminder when the Loan does not exist is rejected: LoanNotFound', () =>
  given([])
    .when({ type: 'SendReminder', data: { loanId: 'a261fdb6-0000-4000-8000-3542318ffdb6' } })
    .thenThrows(rejectionNamed('LoanNotFound')),
);
