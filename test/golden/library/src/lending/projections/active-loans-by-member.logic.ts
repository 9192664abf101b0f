// Read model ActiveLoansByMember (lending.yaml): how each event changes its document.
//
// This file is yours. Stormsmith created it once; when the projection gains a source event,
// `stormsmith generate` only adds a typed stub. Keep these functions pure: they run inline in
// the append transaction or in a consumer, and in the in-memory store in tests.
import { notImplemented } from '../../runtime/index.js';
import type { BookBorrowed, BookReturned } from '../loan/events.js';
import type { ActiveLoansByMember } from './active-loans-by-member.js';

/**
 * ActiveLoansByMember: how BookBorrowed (lending.yaml) changes the document keyed by memberId.
 * Return the new document, or null to delete it.
 */
export function onBookBorrowed(document: ActiveLoansByMember | null, event: BookBorrowed): ActiveLoansByMember | null {
  return notImplemented('ActiveLoansByMember: onBookBorrowed (lending.yaml) is not written yet; the model does not say how BookBorrowed changes activeLoans');
}

/**
 * ActiveLoansByMember: how BookReturned (lending.yaml) changes the document keyed by memberId.
 * Return the new document, or null to delete it.
 */
export function onBookReturned(document: ActiveLoansByMember | null, event: BookReturned): ActiveLoansByMember | null {
  return notImplemented('ActiveLoansByMember: onBookReturned (lending.yaml) is not written yet; the model does not say how BookReturned changes activeLoans');
}
