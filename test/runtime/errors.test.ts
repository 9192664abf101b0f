// §6.5: emmett-postgresql bundles its own emmett, so `instanceof` fails for PostgreSQL errors.
import {
  DeciderSpecification,
  ExpectedVersionConflictError,
  IllegalStateError,
  ValidationError,
} from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { describe, expect, it } from 'vitest';
import {
  DomainRejection,
  isIllegalStateError,
  isNotFoundError,
  isRejection,
  isValidationError,
  isVersionConflict,
  rejectionNamed,
} from '../../templates/runtime/src/runtime/errors.js';
import { isNotImplemented, notImplemented } from '../../templates/runtime/src/runtime/notImplemented.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanStream } from './fixtures/loans.js';

describe('error matching across bundles (real PostgreSQL conflict)', () => {
  const postgres = usePostgres('errors');

  it('a PostgreSQL version conflict is not instanceof the emmett class, but isVersionConflict sees it', async () => {
    const store = getPostgreSQLEventStore(postgres.connectionString);
    let caught: unknown;
    try {
      await store.appendToStream(loanStream('e1'), [borrowed('e1', 'm1')]);
      await store.appendToStream(loanStream('e1'), [borrowed('e1', 'm1')], { expectedStreamVersion: 7n });
    } catch (error) {
      caught = error;
    } finally {
      await store.close();
    }
    expect(caught).toBeInstanceOf(Error);
    // The defect: class identity differs between the two bundles.
    expect(caught instanceof ExpectedVersionConflictError).toBe(false);
    // The fix: match by errorCode.
    expect(isVersionConflict(caught)).toBe(true);
    expect(isValidationError(caught)).toBe(false);
  });

  it('matches emmett errors from the core bundle by code too', () => {
    expect(isValidationError(new ValidationError('x'))).toBe(true);
    expect(isIllegalStateError(new IllegalStateError('x'))).toBe(true);
    expect(isNotFoundError(new IllegalStateError('x'))).toBe(false);
    expect(isVersionConflict(new Error('plain'))).toBe(false);
    expect(isVersionConflict(null)).toBe(false);
  });
});

class LoanLimitReached extends DomainRejection {
  constructor(message = 'A member holds at most five active loans.') {
    super('LoanLimitReached', message);
  }
}

type Count = { loans: number };
type Borrow = { type: 'Borrow'; data: { memberId: string } };
type Borrowed = { type: 'Borrowed'; data: { memberId: string } };

describe('domain rejections and stubs in DeciderSpecification', () => {
  const decider = (decide: (command: Borrow, state: Count) => Borrowed[]) =>
    DeciderSpecification.for({
      decide,
      evolve: (state: Count, _event: Borrowed): Count => ({ loans: state.loans + 1 }),
      initialState: (): Count => ({ loans: 0 }),
    });
  const borrow: Borrow = { type: 'Borrow', data: { memberId: 'm' } };
  const fiveLoans: Borrowed[] = Array.from({ length: 5 }, () => ({ type: 'Borrowed', data: { memberId: 'm' } }));

  it('recognises a rejection by model name, whichever class object made it', () => {
    const given = decider((command, state) => {
      if (state.loans >= 5) throw new LoanLimitReached();
      return [{ type: 'Borrowed', data: command.data }];
    });
    given(fiveLoans).when(borrow).thenThrows(rejectionNamed('LoanLimitReached'));
    expect(() => given(fiveLoans).when(borrow).thenThrows(rejectionNamed('RenewalLimitReached'))).toThrow(
      /didn't match/,
    );
    // Structurally equal error from "another bundle": a plain object with the same markers.
    expect(isRejection({ rejection: 'LoanLimitReached', errorCode: 403 }, 'LoanLimitReached')).toBe(true);
    expect(isIllegalStateError(new LoanLimitReached())).toBe(true);
    expect(new LoanLimitReached().name).toBe('LoanLimitReached');
  });

  it('a stub rethrows through rejectionNamed so the spec can be reported as todo', () => {
    const given = decider(() => notImplemented('Loan.decide BorrowBook: "A member holds at most five active loans."'));
    let caught: unknown;
    try {
      given(fiveLoans).when(borrow).thenThrows(rejectionNamed('LoanLimitReached'));
    } catch (error) {
      caught = error;
    }
    expect(isNotImplemented(caught)).toBe(true);
    expect((caught as Error).message).toContain('A member holds at most five active loans.');
  });
});
