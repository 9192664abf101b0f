// Names derived from model names: ASCII-only case rules, so no locale (Turkish dotless i) can
// change a generated identifier or path.

import { describe, expect, it } from 'vitest';
import { aggregateNames, camelCase, kebabCase, pascalCase, projectionNames, snakeCase, words } from '../../generator/names.js';

describe('names', () => {
  it('splits words at case changes, acronyms and separators', () => {
    expect(words('BookBorrowed')).toEqual(['Book', 'Borrowed']);
    expect(words('HTTPServer2Go')).toEqual(['HTTP', 'Server2', 'Go']);
    expect(words('order_line-item')).toEqual(['order', 'line', 'item']);
  });

  it('derives identifiers, files and stream names', () => {
    expect(pascalCase('book borrowed')).toBe('BookBorrowed');
    expect(camelCase('BorrowBook')).toBe('borrowBook');
    expect(camelCase('HTTPCall')).toBe('httpCall');
    expect(snakeCase('ActiveLoansByMember')).toBe('active_loans_by_member');
    expect(kebabCase('ActiveLoansByMember')).toBe('active-loans-by-member');
    expect(aggregateNames('Loan')).toMatchObject({ state: 'LoanState', decider: 'loanDecider', streamName: 'toLoanStreamName', folder: 'loan' });
    expect(projectionNames('Lending', 'OverdueLoans')).toMatchObject({ collection: 'overdue_loans', processorId: 'lending:overdue-loans' });
  });

  it('ignores the locale: I and i stay ASCII', () => {
    expect(kebabCase('IdentityIssued')).toBe('identity-issued');
    expect(camelCase('IdCard')).toBe('idCard');
    expect(pascalCase('invoice item')).toBe('InvoiceItem');
    expect('I'.toLocaleLowerCase('tr')).toBe('ı'); // what a locale-aware rule would have produced
  });
});
