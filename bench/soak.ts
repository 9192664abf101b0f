// Soak: `npx tsx bench/soak.ts [loans] [inFlight]` (npm run soak:service). See bench/soak/run.ts.
import { runSoak } from './soak/run.js';

const loans = Number(process.argv[2] ?? 3000);
const inFlight = Number(process.argv[3] ?? 32);
const result = await runSoak({ loans, inFlight, killAfter: Math.floor(loans / 2) });
console.log(JSON.stringify(result, null, 2));
const ok =
  result.answered === result.commands &&
  result.unexpected.length === 0 &&
  result.borrowed === loans &&
  result.borrowedLoans === loans &&
  result.fellDue === loans &&
  result.remindersSent === loans &&
  result.distinctCauses === loans &&
  result.activeLoansMatch &&
  result.overdueLoansMatch;
console.log(ok ? 'soak: PASS' : 'soak: FAIL');
process.exitCode = ok ? 0 : 1;
