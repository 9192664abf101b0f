// CPU mode of bench/service: `npx tsx bench/service-cpu.ts [rounds] [--prof]`.
//
// bench/service.ts interleaves both sides in one process, so under machine load its wall-clock
// ratios are noisy (0.70-1.79 paired under load ~20) and it cannot tell the node process's own
// CPU from PostgreSQL's or from waiting. Here each side runs ALONE in its own child process, the
// same commands sequentially, and reports its wall time and its own CPU time
// (process.cpuUsage, user + system) over the measured commands only. Rounds alternate the order
// (baseline first, then generated first, ...) and the ratios are paired per round.
// With --prof each child also writes a V8 CPU profile of the measured commands only (node:inspector)
// into bench/.profiles/ (open in Chrome DevTools, or summarise with bench/support/profile-top.ts).
//
// A third side, `unlocked`, is the generated service with its per-document lock for the strong
// cross-stream ActiveLoansByMember projection (runtime/documentLocks.ts) answered without a round
// trip: bench-only, it measures the price of that correctness fix, which the baseline lacks
// (its inline cross-stream projection loses updates under concurrency, issue 13 (1)).
//
// `--before <git revision>` adds a side `before`: the same generated service with
// templates/runtime/src/runtime taken from that revision (runtime changes only; emitter changes
// are not replayed), so a change's before/after figures come from the same run.
//
// Child mode (internal): `--child baseline|generated|unlocked <dir> <serverUrl> [profile]`.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { loadTemplates } from '../generator/emit/templates.js';
import { plan } from '../generator/plan.js';
import { createTestDatabase, startEmbeddedPostgres, type RunningPostgres } from '../templates/runtime/test/setup/embeddedPostgres.js';
import { loadExample, REPO_ROOT, writeFileMap } from '../test/generated-project/support.js';
import { createBaseline } from './service/baseline.js';
import { borrowCommands, reminderCommands, type Workload } from './service/workload.js';

const COMMANDS: Workload = { loans: 150, remindersPerLoan: 3, members: 40 };
const WARMUP: Workload = { loans: 40, remindersPerLoan: 2, members: 10 };

type Commands = { borrowBook(c: unknown): Promise<unknown>; sendReminder(c: unknown): Promise<unknown> };
type Side = 'baseline' | 'generated' | 'unlocked' | 'before';
type Result = { side: string; commands: number; wallMs: number; cpuMs: number; queries: number };

const workload = (w: Workload, prefix: string) => {
  // Distinct loan ids for the warm-up so it never touches the measured streams.
  const rename = <T extends { data: { loanId: string } }>(c: T): T => ({ ...c, data: { ...c.data, loanId: `${prefix}${c.data.loanId.slice(prefix.length)}` } });
  return [...borrowCommands(w).map((c) => ['borrowBook', rename(c)] as const), ...reminderCommands(w).map((c) => ['sendReminder', rename(c)] as const)];
};

const child = async (side: Side, dir: string, url: string, profileTo?: string) => {
  let commands: Commands;
  let close: () => Promise<void>;
  if (side === 'baseline') {
    const baseline = createBaseline(url);
    await baseline.eventStore.schema.migrate();
    commands = baseline as unknown as Commands;
    close = baseline.close;
  } else {
    const { createService } = (await import(join(dir, 'src/composition-root.ts'))) as {
      createService: (o: { connectionString: string; logger?: unknown }) => { commands: { lending: Commands }; stop(): Promise<void>; eventStore: { schema: { migrate(): Promise<void> } } };
    };
    const { createLogger } = (await import(join(dir, 'src/runtime/logging.ts'))) as { createLogger: (o: object) => unknown };
    const service = createService({ connectionString: url, logger: createLogger({ level: 'silent' }) });
    await service.eventStore.schema.migrate();
    commands = service.commands.lending;
    if (side === 'unlocked') {
      const query = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const values = args[1] as unknown[] | undefined;
        if (typeof args[0] === 'string' && args[0].startsWith('SELECT pg_advisory_xact_lock') && String(values?.[0]).startsWith('stormsmith:doc:')) {
          return Promise.resolve({ rows: [], rowCount: 0 });
        }
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
    }
    close = () => service.stop();
  }
  for (const [method, command] of workload(WARMUP, 'ffffffff')) await commands[method](command);
  const measured = workload(COMMANDS, '');
  const session = profileTo === undefined ? undefined : new Session();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session!.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
  }
  // Round trips to PostgreSQL: every statement goes through pg's Client#query (pools included).
  const statements = new Map<string, number>();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    const text = (typeof config === 'string' ? config : (config?.text ?? '?')).replace(/\s+/g, ' ').replace(/'[^']*'/g, "'…'").replace(/\b\d+\b/g, 'N').slice(0, 110);
    statements.set(text, (statements.get(text) ?? 0) + 1);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const [method, command] of measured) await commands[method](command);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  pg.Client.prototype.query = query;
  if (session) {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(profileTo!, JSON.stringify(profile));
    session.disconnect();
  }
  await close();
  const queries = [...statements.values()].reduce((a, b) => a + b, 0);
  const result: Result = { side, commands: measured.length, wallMs, cpuMs: (used.user + used.system) / 1000, queries };
  if (process.env.BENCH_STATEMENTS) for (const [text, count] of [...statements].sort((a, b) => b[1] - a[1])) console.error(`${side} ${count} ${text}`);
  console.log(`RESULT ${JSON.stringify(result)}`);
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const rounds = Math.max(1, Number(process.argv[2] ?? 5));
  const prof = process.argv.includes('--prof');
  const beforeAt = process.argv.indexOf('--before');
  const before = beforeAt > 0 ? process.argv[beforeAt + 1] : undefined;
  const SIDES: readonly Side[] = ['baseline', 'generated', 'unlocked', ...(before === undefined ? [] : (['before'] as const))];
  const loadBefore = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'stormsmith-bench-service-cpu-'));
  let server: RunningPostgres | undefined;
  try {
    writeFileMap(await plan(loadExample('library'), { templates: loadTemplates(), modelRoot: 'models/library' }), dir);
    cpSync(join(REPO_ROOT, 'test/fixtures/library-logic/generated'), dir, { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const beforeDir = `${dir}-before`;
    if (before !== undefined) {
      cpSync(dir, beforeDir, { recursive: true, verbatimSymlinks: true });
      const runtime = 'templates/runtime/src/runtime';
      const names = execFileSync('git', ['ls-tree', '--name-only', `${before}:${runtime}`], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter((n) => n.endsWith('.ts'));
      for (const name of names) writeFileSync(join(beforeDir, 'src/runtime', name), execFileSync('git', ['show', `${before}:${runtime}/${name}`], { cwd: REPO_ROOT }));
    }
    let serverUrl = process.env.DATABASE_URL;
    if (serverUrl === undefined) {
      server = await startEmbeddedPostgres({ reuseInitdb: true });
      serverUrl = server.serverUrl;
    }
    const profiles = join(REPO_ROOT, 'bench/.profiles');
    if (prof) mkdirSync(profiles, { recursive: true });
    const self = fileURLToPath(import.meta.url);
    const run = async (side: Side): Promise<Result> => {
      const url = await createTestDatabase(serverUrl!, 'bench_service_cpu');
      const node = ['--import', 'tsx', self, '--child', side, side === 'before' ? beforeDir : dir, url, ...(prof ? [join(profiles, `${side}-${Date.now()}.cpuprofile`)] : [])];
      const out = spawnSync(process.execPath, node, { cwd: REPO_ROOT, encoding: 'utf8' });
      if (process.env.BENCH_STATEMENTS) process.stderr.write(out.stderr);
      const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (out.status !== 0 || line === undefined) throw new Error(`${side} child failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
      return JSON.parse(line.slice('RESULT '.length)) as Result;
    };
    const rows: Record<Side, Result>[] = [];
    for (let round = 0; round < rounds; round++) {
      // Rotate who goes first, so a load spike does not always hit the same side.
      const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length]!);
      const pair = {} as Record<Side, Result>;
      for (const side of order) pair[side] = await run(side);
      rows.push(pair);
    }
    const n = rows[0]!.baseline.commands;
    const perCmd = (r: Result, k: 'wallMs' | 'cpuMs') => (r[k] * 1000) / r.commands;
    console.log(`bench/service CPU mode: ${n} commands per side, each side alone in its own node process, ${rounds} rounds (order alternates)`);
    const fmt = (values: number[], digits: number) => values.map((v) => v.toFixed(digits)).join(' ');
    for (const k of ['wallMs', 'cpuMs'] as const) {
      const label = k === 'wallMs' ? 'wall' : 'node CPU';
      const per = (side: Side) => rows.map((r) => perCmd(r[side], k));
      const ratio = (a: Side, b: Side) => rows.map((r) => r[b][k] / r[a][k]);
      const g = ratio('generated', 'baseline');
      const u = ratio('unlocked', 'baseline');
      const lock = ratio('generated', 'unlocked');
      console.log(
        `${label.padEnd(9)} µs/cmd (median) baseline ${median(per('baseline')).toFixed(0)}  generated ${median(per('generated')).toFixed(0)}  generated without the document lock ${median(per('unlocked')).toFixed(0)}` +
          `\n          throughput ratios (median of paired): generated/baseline ${median(g).toFixed(2)}x, unlocked/baseline ${median(u).toFixed(2)}x, generated/unlocked (price of the lock) ${median(lock).toFixed(2)}x` +
          (before === undefined ? '' : `\n          before (runtime at ${before}) ${median(per('before')).toFixed(0)} µs/cmd; generated/before ${median(ratio('generated', 'before')).toFixed(2)}x, before/baseline ${median(ratio('before', 'baseline')).toFixed(2)}x; paired generated/before ${fmt(ratio('generated', 'before'), 2)}`) +
          `\n          runs µs/cmd: baseline ${fmt(per('baseline'), 0)}; generated ${fmt(per('generated'), 0)}; unlocked ${fmt(per('unlocked'), 0)}; paired generated/baseline ${fmt(g, 2)}`,
      );
    }
    console.log(`queries   per cmd baseline ${(rows[0]!.baseline.queries / n).toFixed(2)}  generated ${(rows[0]!.generated.queries / n).toFixed(2)}  unlocked ${(rows[0]!.unlocked.queries / n).toFixed(2)} (statements issued; unlocked answers its lock statement locally)`);
    const loadAfter = loadavg();
    console.log(`load average (1/5/15 min): before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`);
    if (prof) console.log(`profiles in ${profiles}`);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-before`, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as Side, process.argv[4]!, process.argv[5]!, process.argv[6]);
else await main();
