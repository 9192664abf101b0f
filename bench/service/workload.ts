// The work both sides of bench/service.ts do, generated deterministically (the same ids and
// data on every run): borrow a book per loan then send it reminders (commands), and an event
// history of loans falling due and collecting reminders (projection catch-up).

import { createHash } from 'node:crypto';
import type { Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';

/** A UUID v4-shaped id derived from a name (deterministic). */
export const uuidOf = (name: string): string => {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export type Workload = { loans: number; remindersPerLoan: number; members: number };

export const borrowCommands = ({ loans, members }: Workload) =>
  Array.from({ length: loans }, (_, i) => ({
    type: 'BorrowBook' as const,
    data: { loanId: uuidOf(`loan-${i}`), memberId: uuidOf(`member-${i % members}`), copy: { isbn: '978-0131103627', copyNumber: i }, dueOn: '2026-12-17' },
  }));

export const reminderCommands = ({ loans, remindersPerLoan }: Workload) =>
  Array.from({ length: remindersPerLoan }, () => Array.from({ length: loans }, (_, i) => ({ type: 'SendReminder' as const, data: { loanId: uuidOf(`loan-${i}`) } }))).flat();

/** Catch-up history: per loan, LoanFellDue (clock stream) then its reminders (loan stream). */
export const appendHistory = async (connectionString: string, { loans, remindersPerLoan }: Workload): Promise<number> => {
  const store = getPostgreSQLEventStore(connectionString);
  let handled = 0;
  try {
    for (let i = 0; i < loans; i++) {
      const loanId = uuidOf(`overdue-${i}`);
      await store.appendToStream(`lending_clock-${uuidOf(`clock-${i}`)}`, [{ type: 'LoanFellDue', data: { loanId, dueOn: '2026-12-17' } } as Event]);
      const reminders = Array.from({ length: remindersPerLoan }, () => ({ type: 'ReminderSent', data: { loanId } }) as Event);
      await store.appendToStream(`lending_loan-${loanId}`, reminders);
      handled += 1 + remindersPerLoan;
    }
  } finally {
    await store.close();
  }
  return handled;
};
