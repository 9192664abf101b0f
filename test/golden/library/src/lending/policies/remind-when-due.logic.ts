// Policy RemindWhenDue (lending.yaml): which commands each event issues.
//
// This file is yours. Stormsmith created it once; when the policy listens to a new event it
// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.
import type { PolicyTrigger } from '../../runtime/index.js';
import type { LoanFellDue } from '../external-events.js';
import type { SendReminder } from '../loan/commands.js';

/**
 * RemindWhenDue (lending.yaml): Whenever a loan falls due, remind the member.
 * On LoanFellDue, issue SendReminder (return [] to issue nothing).
 * Default from the model: every command field comes from the event.
 * `trigger` is the event's envelope: its id, stream and positions, and `newId(name)`, a new identity that a redelivered event gets again.
 */
export function reactRemindWhenDueOnLoanFellDue(event: LoanFellDue, trigger: PolicyTrigger): SendReminder | SendReminder[] {
  return { type: 'SendReminder', data: { loanId: event.data.loanId } };
}
