// The soak (issue 13): two instances of the generated library service (hand-written logic of
// test/fixtures/library-logic) on one PostgreSQL; commands sent to both, concurrently; the
// external clock's LoanFellDue for a loan appended once that loan's BorrowBook was answered
// (a loan falls due after it was borrowed), concurrently with the other commands; each triggers
// the RemindWhenDue policy. One instance is killed with SIGKILL mid-run, its unanswered commands
// re-sent to the other (as a load balancer would): a re-sent command that had committed on the
// killed instance is answered LoanAlreadyExists, which is its success (the loan exists once).
// Afterwards it checks: every command answered; every loan borrowed exactly once; one
// ReminderSent per LoanFellDue (no trigger lost or handled twice); both read models equal to a
// from-scratch fold of the stored events.
//
// Why the clock waits for the answer: it used to append every LoanFellDue on its own schedule,
// so under load the reminder policy could run before the loan's BorrowBook; the fixture logic
// then appended a ReminderSent to the not-yet-borrowed loan's stream (creating it), and the
// BorrowBook that followed was refused as LoanAlreadyExists. (The CI run's 55 BookBorrowed for
// 80 loans had another cause: runtime DDL raced between the instances, see runtime ddl.ts.)
// Used by bench/soak.ts (figures) and test/generated-project/soak.test.ts (bounded form).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '../../templates/runtime/test/setup/embeddedPostgres.js';
import { uuidOf } from '../service/workload.js';
import { canonical, foldProjection, query, sendCommand, startInstance, stopInstances, storedDocuments, storedEvents, takeAnswers, type Instance } from './process.js';
import { setUpSoak } from './setup.js';

export type SoakOptions = { loans: number; inFlight: number; killAfter: number };
export type SoakResult = {
  commands: number;
  answered: number;
  resent: number;
  outcomes: Record<string, number>;
  /** Answers other than ok, or LoanAlreadyExists for a re-sent command (each with its message). */
  unexpected: string[];
  borrowed: number;
  /** Distinct loans with a BookBorrowed (each loan borrowed once: borrowed === borrowedLoans === loans). */
  borrowedLoans: number;
  fellDue: number;
  remindersSent: number;
  distinctCauses: number;
  activeLoansMatch: boolean;
  overdueLoansMatch: boolean;
  seconds: number;
  caughtUpSecondsAfterKill: number | null;
};

export const runSoak = async ({ loans, inFlight, killAfter }: SoakOptions): Promise<SoakResult> => {
  const setup = await setUpSoak('library', 'library-logic', 'stormsmith-soak-');
  const { dir } = setup;
  const instances: Instance[] = [];
  try {
    const url = await createTestDatabase(setup.serverUrl, 'soak');
    const script = fileURLToPath(new URL('./instance.ts', import.meta.url));
    const start = (name: string): Promise<Instance> => startInstance(name, script, { SERVICE_DIR: dir, DATABASE_URL: url }, instances);
    // The first instance migrates alone (as a deployment's first start would).
    const a = await start('a');
    const b = await start('b');

    // The work: per loan, BorrowBook (command) and the clock's LoanFellDue (external event).
    const commands = Array.from({ length: loans }, (_, i) => ({
      id: `c${i}`,
      kind: 'borrowBook',
      command: { type: 'BorrowBook', data: { loanId: uuidOf(`soak-loan-${i}`), memberId: uuidOf(`soak-member-${i % 25}`), copy: { isbn: '978-0131103627', copyNumber: i }, dueOn: '2026-12-17' } },
    }));
    const answers = new Map<string, string>();
    const unexpected: string[] = [];
    const resentIds = new Set<string>();
    // Loans whose BorrowBook was answered: the clock's queue (a loan falls due after it was borrowed).
    const due: number[] = [];
    let resent = 0;
    const started = performance.now();
    let killedAt: number | null = null;
    const send = sendCommand;
    const collect = () => {
      for (const { id, outcome, line } of takeAnswers(instances, answers)) {
        // A re-sent command that had committed before the kill: the loan exists, once.
        const committedBefore = outcome === 'rejected' && resentIds.has(id) && line.includes('LoanAlreadyExists');
        answers.set(id, committedBefore ? 'ok (committed before the kill)' : outcome);
        if (outcome !== 'ok' && !committedBefore) unexpected.push(line);
        if (outcome === 'ok' || committedBefore) due.push(Number(id.slice(1)));
      }
    };
    // The external clock appends LoanFellDue concurrently with the commands, for borrowed loans.
    let allAnswered = false;
    const clock = (async () => {
      const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
      const store = getPostgreSQLEventStore(url);
      try {
        while (!allAnswered || due.length > 0) {
          const i = due.shift();
          if (i === undefined) {
            await new Promise((r) => setTimeout(r, 5));
            continue;
          }
          await store.appendToStream(`lending_clock-${uuidOf(`soak-clock-${i}`)}`, [{ type: 'LoanFellDue', data: { loanId: uuidOf(`soak-loan-${i}`), dueOn: '2026-12-17' } }]);
        }
      } finally {
        await store.close();
      }
    })();
    let next = 0;
    let lastReport = performance.now();
    while (answers.size < commands.length) {
      collect();
      if (process.env.SOAK_DEBUG && performance.now() - lastReport > 2_000) {
        lastReport = performance.now();
        console.error(`answered ${answers.size}/${commands.length}; pending ${instances.map((i) => `${i.name}:${i.pending.size}${i.alive ? '' : ' (dead)'}`).join(' ')}`);
      }
      if (killedAt === null && answers.size >= killAfter) {
        a.child.kill('SIGKILL');
        a.alive = false;
        killedAt = performance.now();
        // Its unanswered commands go to the survivor.
        for (const raw of a.pending.values()) {
          resent++;
          resentIds.add(JSON.parse(raw).id);
          b.pending.set(JSON.parse(raw).id, raw);
          b.child.stdin!.write(`${raw}\n`);
        }
        a.pending.clear();
      }
      const live = instances.filter((i) => i.alive);
      const pending = live.reduce((n, i) => n + i.pending.size, 0);
      for (let k = pending; k < inFlight && next < commands.length; k++) {
        const target = live[next % live.length]!;
        send(target, commands[next++]!);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    allAnswered = true;
    await clock;
    // Wait until the survivor's processors caught up with everything (and took over a's leases):
    // no event of a processor's types after its checkpoint (Emmett moves a checkpoint only on
    // the types a processor handles).
    const behind = async (processorId: string, types: string[]) =>
      Number(
        (
          await query<{ n: string }>(
            url,
            `SELECT count(*)::text AS n FROM emt_messages WHERE message_type = ANY($2)
               AND global_position > COALESCE((SELECT last_processed_checkpoint::bigint FROM emt_processors WHERE processor_id = $1), 0)`,
            [processorId, types],
          )
        )[0]!.n,
      );
    for (let i = 0; i < 3000; i++) {
      const lag = (await behind('lending:remind-when-due', ['LoanFellDue'])) + (await behind('lending:overdue-loans', ['LoanFellDue', 'LoanRenewed', 'BookReturned', 'ReminderSent']));
      if (lag === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const caughtUpAt = performance.now();
    const count = async (type: string) => Number((await query<{ n: string }>(url, 'SELECT count(*)::text AS n FROM emt_messages WHERE message_type = $1', [type]))[0]!.n);
    const borrowedLoans = Number(
      (await query<{ n: string }>(url, `SELECT count(DISTINCT message_data ->> 'loanId')::text AS n FROM emt_messages WHERE message_type = 'BookBorrowed'`))[0]!.n,
    );
    const reminders = await query<{ cause: string | null }>(url, `SELECT message_metadata ->> 'causationId' AS cause FROM emt_messages WHERE message_type = 'ReminderSent'`);

    // Read models against a from-scratch fold of the stored events, with the generated evolve.
    const events = await storedEvents(url);
    const sameDocuments = (a: Record<string, unknown>, b: Record<string, unknown>) => canonical(a) === canonical(b);
    const activeLoansMatch = sameDocuments(
      await storedDocuments(url, 'active_loans_by_member'),
      await foldProjection(events, join(dir, 'src/lending/projections/active-loans-by-member.ts'), 'evolveActiveLoansByMember', 'activeLoansByMemberDocumentId', ['BookBorrowed', 'BookReturned']),
    );
    const overdueStored = await storedDocuments(url, 'overdue_loans');
    const overdueFolded = await foldProjection(events, join(dir, 'src/lending/projections/overdue-loans.ts'), 'evolveOverdueLoans', 'overdueLoansDocumentId', ['LoanFellDue', 'LoanRenewed', 'BookReturned', 'ReminderSent']);
    const overdueLoansMatch = sameDocuments(overdueStored, overdueFolded);
    if (!overdueLoansMatch && process.env.SOAK_DEBUG) {
      const k = Object.keys(overdueFolded).find((key) => canonical(overdueStored[key] ?? {}) !== canonical(overdueFolded[key]));
      console.error('overdue mismatch', Object.keys(overdueStored).length, Object.keys(overdueFolded).length, k, JSON.stringify(overdueStored[k!]), JSON.stringify(overdueFolded[k!]));
    }
    const outcomes: Record<string, number> = {};
    for (const outcome of answers.values()) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    return {
      commands: commands.length,
      answered: answers.size,
      resent,
      outcomes,
      unexpected,
      borrowed: await count('BookBorrowed'),
      borrowedLoans,
      fellDue: await count('LoanFellDue'),
      remindersSent: reminders.length,
      distinctCauses: new Set(reminders.map((r) => r.cause)).size,
      activeLoansMatch,
      overdueLoansMatch,
      seconds: (performance.now() - started) / 1000,
      /** From the kill to the survivor's processors at the head (takeover included). */
      caughtUpSecondsAfterKill: killedAt !== null ? (caughtUpAt - killedAt) / 1000 : null,
    };
  } finally {
    await stopInstances(instances);
    await setup.close();
  }
};
