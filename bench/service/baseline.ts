// The bare-Emmett baseline of bench/service.ts: the library's lending work written directly on
// Emmett 0.42.0, the way a team would without Stormsmith. Same decisions and the same read
// models as the generated service with the hand-written library logic
// (test/fixtures/library-logic): BorrowBook/SendReminder through DeciderCommandHandler with the
// ActiveLoansByMember projection inline, OverdueLoans as an async Pongo projection.
// No snapshots, no stream-creation fix, no dead letters, no metrics: just Emmett.

import { DeciderCommandHandler, projections, type Command, type Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, pongoMultiStreamProjection } from '@event-driven-io/emmett-postgresql';

type BookBorrowed = Event<'BookBorrowed', { loanId: string; memberId: string; copy: { isbn: string; copyNumber: number }; dueOn: string }>;
type ReminderSent = Event<'ReminderSent', { loanId: string }>;
type LoanFellDue = Event<'LoanFellDue', { loanId: string; dueOn: string }>;
type LoanEvent = BookBorrowed | ReminderSent;
type BorrowBook = Command<'BorrowBook', BookBorrowed['data']>;
type SendReminder = Command<'SendReminder', { loanId: string }>;
type LoanState = { memberId?: string; dueOn?: string; returned: boolean };

const handleLoan = DeciderCommandHandler<LoanState, BorrowBook | SendReminder, LoanEvent>({
  decide: (command) => (command.type === 'BorrowBook' ? { type: 'BookBorrowed', data: command.data } : { type: 'ReminderSent', data: { loanId: command.data.loanId } }),
  evolve: (state, event) => (event.type === 'BookBorrowed' ? { ...state, memberId: event.data.memberId, dueOn: event.data.dueOn } : state),
  initialState: () => ({ returned: false }),
  mapToStreamId: (id) => `lending_loan-${id}`,
  retry: { onVersionConflict: 3 },
});

type ActiveLoans = { memberId: string; activeLoans: number };
const activeLoansByMember = pongoMultiStreamProjection<ActiveLoans, BookBorrowed>({
  collectionName: 'active_loans_by_member',
  canHandle: ['BookBorrowed'],
  getDocumentId: (event) => event.data.memberId,
  evolve: (document: ActiveLoans | null, event: BookBorrowed): ActiveLoans => ({ memberId: event.data.memberId, activeLoans: (document?.activeLoans ?? 0) + 1 }),
});

type Overdue = { loanId: string; dueOn: string; remindersSent: number };
export const baselineOverdueLoans = pongoMultiStreamProjection<Overdue, LoanFellDue | ReminderSent>({
  collectionName: 'overdue_loans',
  canHandle: ['LoanFellDue', 'ReminderSent'],
  getDocumentId: (event) => event.data.loanId,
  evolve: (document: Overdue | null, event: LoanFellDue | ReminderSent): Overdue | null =>
    event.type === 'LoanFellDue'
      ? { loanId: event.data.loanId, dueOn: event.data.dueOn, remindersSent: document?.remindersSent ?? 0 }
      : document === null
        ? null
        : { ...document, remindersSent: document.remindersSent + 1 },
});

export const BASELINE_PROCESSOR_ID = 'baseline:overdue-loans';

export const createBaseline = (connectionString: string) => {
  const eventStore = getPostgreSQLEventStore(connectionString, { projections: projections.inline([activeLoansByMember]) });
  return {
    eventStore,
    borrowBook: (command: BorrowBook) => handleLoan(eventStore, command.data.loanId, command),
    sendReminder: (command: SendReminder) => handleLoan(eventStore, command.data.loanId, command),
    /** A live consumer with the async projection, as a service would run it. */
    startOverdueLoans: () => {
      const consumer = eventStore.consumer({ pulling: { batchSize: 100, pullingFrequencyInMs: 50 } });
      consumer.projector({ processorId: BASELINE_PROCESSOR_ID, projection: baselineOverdueLoans });
      void consumer.start();
      return consumer;
    },
    close: () => eventStore.close(),
  };
};
