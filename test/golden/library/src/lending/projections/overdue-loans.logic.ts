// Read model OverdueLoans (lending.yaml): how each event changes its document.
//
// This file is yours. Stormsmith created it once; when the projection gains a source event,
// `stormsmith generate` only adds a typed stub. Keep these functions pure: they run inline in
// the append transaction or in a consumer, and in the in-memory store in tests.
import { notImplemented } from '../../runtime/index.js';
import type { LoanFellDue } from '../external-events.js';
import type { BookReturned, LoanRenewed, ReminderSent } from '../loan/events.js';
import type { OverdueLoans } from './overdue-loans.js';

/**
 * OverdueLoans: how LoanFellDue (lending.yaml) changes the document keyed by loanId.
 * Return the new document, or null to delete it.
 */
export function onLoanFellDue(document: OverdueLoans | null, event: LoanFellDue): OverdueLoans | null {
  return notImplemented('OverdueLoans: onLoanFellDue (lending.yaml) is not written yet; the model does not say how LoanFellDue changes remindersSent');
}

/**
 * OverdueLoans: how LoanRenewed (lending.yaml) changes the document keyed by loanId.
 * Return the new document, or null to delete it.
 */
export function onLoanRenewed(document: OverdueLoans | null, event: LoanRenewed): OverdueLoans | null {
  return notImplemented('OverdueLoans: onLoanRenewed (lending.yaml) is not written yet; the model does not say how LoanRenewed changes dueOn, remindersSent');
}

/**
 * OverdueLoans: how BookReturned (lending.yaml) changes the document keyed by loanId.
 * Return the new document, or null to delete it.
 */
export function onBookReturned(document: OverdueLoans | null, event: BookReturned): OverdueLoans | null {
  return notImplemented('OverdueLoans: onBookReturned (lending.yaml) is not written yet; the model does not say how BookReturned changes dueOn, remindersSent');
}

/**
 * OverdueLoans: how ReminderSent (lending.yaml) changes the document keyed by loanId.
 * Return the new document, or null to delete it.
 */
export function onReminderSent(document: OverdueLoans | null, event: ReminderSent): OverdueLoans | null {
  return notImplemented('OverdueLoans: onReminderSent (lending.yaml) is not written yet; the model does not say how ReminderSent changes dueOn, remindersSent');
}
