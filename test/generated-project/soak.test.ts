// The soak of issue 13 in its bounded form (the full one: `npm run soak:service`, bench/soak.ts):
// two instances of the generated library service on one PostgreSQL, one killed with SIGKILL
// mid-run; every command answered, nothing lost or handled twice, read models equal a fold of
// the stored events.
import { expect, it } from 'vitest';
import { runSoak } from '../../bench/soak/run.js';

it('two instances, one killed mid-run: no command unanswered, no event lost or duplicated, read models equal a rebuild', async () => {
  const loans = 80;
  const result = await runSoak({ loans, inFlight: 12, killAfter: loans / 2 });
  expect(result).toMatchObject({
    commands: loans,
    answered: loans,
    unexpected: [],
    borrowed: loans,
    borrowedLoans: loans,
    fellDue: loans,
    remindersSent: loans,
    distinctCauses: loans,
    activeLoansMatch: true,
    overdueLoansMatch: true,
  });
  expect(result.outcomes.failed ?? 0).toBe(0);
}, 240_000);
