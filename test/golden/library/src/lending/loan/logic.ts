// Business logic of the Loan aggregate (lending.yaml).
//
// This file is yours. Stormsmith created it once and never rewrites it: when the model gains a
// command or an event, `stormsmith generate` only adds a typed stub here. The types hold you to
// the model: a decide function may return only the events its command emits, and reject only
// through `reject`, which offers exactly the command's `rejects`. Keep these functions pure.
import { modelDefault, notImplemented } from '../../runtime/index.js';
import type { BorrowBook, BorrowBookRejections, RenewLoan, RenewLoanRejections, ReturnBook, ReturnBookRejections, SendReminder, SendReminderRejections } from './commands.js';
import type { BookBorrowed, BookReturned, LoanRenewed, ReminderSent } from './events.js';
import type { LoanLifecycle, LoanState } from './state.js';

/**
 * BorrowBook (lending.yaml): The member takes a copy to the desk.
 * Emits BookBorrowed; rejects LoanLimitReached, LoanAlreadyExists.
 *
 * Invariants of Loan:
 * - A member holds at most five active loans. (lending.yaml)
 * - A loan can be renewed once. (lending.yaml)
 *
 * Default from the model: every emitted field comes from the command. Add the rules, and drop
 * the modelDefault wrapper: model specs that expect another outcome stay todo until you do.
 */
export function decideBorrowBook(command: BorrowBook, state: LoanState, reject: BorrowBookRejections, lifecycle: LoanLifecycle): BookBorrowed | BookBorrowed[] {
  if (lifecycle.status === 'existing') {
    return modelDefault('Loan: decide BorrowBook (lending.yaml) rejects by the existence rule of the model', reject.LoanAlreadyExists)('Loan already exists: BorrowBook creates one');
  }
  return modelDefault('Loan: decide BorrowBook (lending.yaml) is the default from the model', { type: 'BookBorrowed', data: { loanId: command.data.loanId, memberId: command.data.memberId, copy: command.data.copy, dueOn: command.data.dueOn } });
}

/**
 * RenewLoan (lending.yaml).
 * Emits LoanRenewed; rejects RenewalLimitReached, LoanAlreadyReturned, LoanNotFound.
 *
 * Invariants of Loan:
 * - A member holds at most five active loans. (lending.yaml)
 * - A loan can be renewed once. (lending.yaml)
 *
 * Default from the model: every emitted field comes from the command. Add the rules, and drop
 * the modelDefault wrapper: model specs that expect another outcome stay todo until you do.
 */
export function decideRenewLoan(command: RenewLoan, state: LoanState, reject: RenewLoanRejections, lifecycle: LoanLifecycle): LoanRenewed | LoanRenewed[] {
  if (lifecycle.status === 'absent') {
    return modelDefault('Loan: decide RenewLoan (lending.yaml) rejects by the existence rule of the model', reject.LoanNotFound)('Loan does not exist: RenewLoan needs one');
  }
  return modelDefault('Loan: decide RenewLoan (lending.yaml) is the default from the model', { type: 'LoanRenewed', data: { loanId: command.data.loanId, newDueOn: command.data.newDueOn } });
}

/**
 * ReturnBook (lending.yaml).
 * Emits BookReturned; rejects LoanAlreadyReturned, LoanNotFound.
 *
 * Invariants of Loan:
 * - A member holds at most five active loans. (lending.yaml)
 * - A loan can be renewed once. (lending.yaml)
 */
export function decideReturnBook(command: ReturnBook, state: LoanState, reject: ReturnBookRejections, lifecycle: LoanLifecycle): BookReturned | BookReturned[] {
  if (lifecycle.status === 'absent') {
    return modelDefault('Loan: decide ReturnBook (lending.yaml) rejects by the existence rule of the model', reject.LoanNotFound)('Loan does not exist: ReturnBook needs one');
  }
  return notImplemented('Loan: decide ReturnBook (lending.yaml) is not written yet; the model does not say where BookReturned.memberId comes from; keep: A member holds at most five active loans. A loan can be renewed once.');
}

/**
 * SendReminder (lending.yaml): Issued by the reminder policy, never by a person.
 * Emits ReminderSent; rejects LoanNotFound.
 *
 * Invariants of Loan:
 * - A member holds at most five active loans. (lending.yaml)
 * - A loan can be renewed once. (lending.yaml)
 *
 * Default from the model: every emitted field comes from the command. Add the rules, and drop
 * the modelDefault wrapper: model specs that expect another outcome stay todo until you do.
 */
export function decideSendReminder(command: SendReminder, state: LoanState, reject: SendReminderRejections, lifecycle: LoanLifecycle): ReminderSent | ReminderSent[] {
  if (lifecycle.status === 'absent') {
    return modelDefault('Loan: decide SendReminder (lending.yaml) rejects by the existence rule of the model', reject.LoanNotFound)('Loan does not exist: SendReminder needs one');
  }
  return modelDefault('Loan: decide SendReminder (lending.yaml) is the default from the model', { type: 'ReminderSent', data: { loanId: command.data.loanId } });
}

/**
 * How BookBorrowed (lending.yaml) changes Loan.
 * Default from the model: state fields take the same-named event fields.
 */
export function evolveBookBorrowed(state: LoanState, event: BookBorrowed): LoanState {
  return { ...state, memberId: event.data.memberId, copy: event.data.copy, dueOn: event.data.dueOn };
}

/**
 * How BookReturned (lending.yaml) changes Loan.
 */
export function evolveBookReturned(state: LoanState, event: BookReturned): LoanState {
  return notImplemented('Loan: evolve BookReturned (lending.yaml) is not written yet; the model does not say which state field returnedOn changes');
}

/**
 * How LoanRenewed (lending.yaml) changes Loan.
 */
export function evolveLoanRenewed(state: LoanState, event: LoanRenewed): LoanState {
  return notImplemented('Loan: evolve LoanRenewed (lending.yaml) is not written yet; the model does not say which state field newDueOn changes');
}

/**
 * How ReminderSent (lending.yaml) changes Loan.
 * Default from the model: the event carries nothing but the identity, so the state stays as it is.
 */
export function evolveReminderSent(state: LoanState, event: ReminderSent): LoanState {
  return state;
}
