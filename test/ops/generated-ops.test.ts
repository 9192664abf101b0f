// Issue 8 acceptance, in the generated service: the library example with hand-written logic
// (test/fixtures/library-logic) runs its generated operations tests (test/ops in the service)
// against a real PostgreSQL: a poison event is dead-lettered after the model's attempts while
// processing continues and `ops dlq retry` drains it, `ops rebuild` equals live processing,
// the lag metric is the real distance, and snapshot loading equals the whole fold (fast-check,
// fixed seed). Then the ops CLI and the service process run as real processes.

import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedLibraryWithLogic } from '../generated-project/library-logic-service.js';
import { expectUntouched, sharedTestRun, sharedToolRun, type SharedService } from '../generated-project/shared-service.js';
import { GENERATED_RUN_TIMEOUT, type TestOutcome } from '../generated-project/support.js';
import { usePostgres } from '../support/postgres.js';
import { tsxIn } from './support.js';

const postgres = usePostgres('ops_cli');

// Nothing here writes into the service (ops migrate writes to the database): it is the one
// test/generated-project/library-logic.test.ts type-checks and runs, shared for the run, and its
// operations tests are read from that one run of the service's whole suite (ADR 0107).
describe('operations in the generated library service', () => {
  let service: SharedService | undefined;
  let dir = '';
  beforeAll(async () => {
    service = await sharedLibraryWithLogic();
    dir = service.dir;
  });
  afterAll(() => {
    if (service) expectUntouched(service, 'after this file');
  });

  it('type-checks, and every generated ops test passes on PostgreSQL (none left todo)', () => {
    const tsc = sharedToolRun(service!, 'tsc', ['-p', 'tsconfig.json']);
    expect(tsc.output).toBe('');
    const { run, outcomes: all } = sharedTestRun(service!);
    expect(run.status, run.output).toBe(0);
    const outcomes = all.filter((o) => o.file.startsWith('test/ops/'));
    const byName = (o: TestOutcome) => `${o.file}: ${o.name}: ${o.status}`;
    expect(outcomes.map(byName).sort()).toEqual([
      'test/ops/lending/loan.snapshots.pg.test.ts: Loan loaded from its newest snapshot equals the fold of its whole stream (every 50 events, random streams): passed',
      'test/ops/lending/overdue-loans.ops.pg.test.ts: OverdueLoans: a poison event is dead-lettered after 5 attempts, processing continues, and ops dlq retry drains it once fixed: passed',
      'test/ops/lending/overdue-loans.ops.pg.test.ts: OverdueLoans: ops rebuild yields the same read model as live processing, and live processing resumes after it: passed',
      'test/ops/lending/overdue-loans.ops.pg.test.ts: OverdueLoans: the lag metric is the real distance to the head of its event types: passed',
      // The fixture sends a reminder for any loan (570de47 took back bf11649's refusal), so a fresh
      // trigger's command is appended: the dead-letter case applies, not the rejection one.
      'test/ops/lending/remind-when-due.ops.pg.test.ts: RemindWhenDue: a trigger whose commands fail is dead-lettered after 5 attempts, the next one is handled, and ops dlq retry sends them once fixed: passed',
    ]);
  }, GENERATED_RUN_TIMEOUT);

  it('npm run ops: help, a missing DATABASE_URL and unknown names are clear errors; migrate and lag work', () => {
    const env = { ...process.env, DATABASE_URL: postgres.connectionString, LOG_LEVEL: 'silent' };
    const ops = (args: string[], extra: NodeJS.ProcessEnv = env) =>
      spawnSync(tsxIn(dir), ['src/ops.ts', ...args], { cwd: dir, env: extra, encoding: 'utf8', timeout: 120_000 });

    const help = ops(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('rebuild <projection>');

    const { DATABASE_URL: _omitted, ...withoutUrl } = env;
    void _omitted;
    const missing = ops(['lag'], withoutUrl);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('error[ENV_DATABASE_URL]: DATABASE_URL is not set\n  hint: export DATABASE_URL=postgresql://user:password@host:5432/database\n');

    const dryRun = ops(['migrate', '--dry-run']);
    expect(dryRun.status, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('CREATE TABLE IF NOT EXISTS stormsmith_dead_letters');
    expect(dryRun.stdout).toContain('CREATE TABLE IF NOT EXISTS stormsmith_snapshots');

    const migrate = ops(['migrate']);
    expect(migrate.status, migrate.stderr).toBe(0);
    const lag = ops(['lag', '--json']);
    expect(lag.status, lag.stderr).toBe(0);
    const rows = JSON.parse(lag.stdout) as { name: string; processorId: string; eventsBehind: number; deadLetters: number }[];
    expect(rows.map((r) => [r.name, r.processorId, r.eventsBehind, r.deadLetters])).toEqual([
      // The Mailer consumes ReminderSent (an outbound integration, issue 17 item 4): a processor too.
      ['Mailer', 'lending:mailer', 0, 0],
      ['OverdueLoans', 'lending:overdue-loans', 0, 0],
      ['RemindWhenDue', 'lending:remind-when-due', 0, 0],
    ]);

    const unknown = ops(['rebuild', 'NoSuchProjection']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe("error[OPS_UNKNOWN_PROJECTION]: no projection named 'NoSuchProjection'\n  hint: known: OverdueLoans\n");
    const snapshot = ops(['snapshot', 'Loan', '--dry-run']);
    expect(snapshot.status, snapshot.stderr).toBe(0);
    expect(snapshot.stdout).toContain("dry run: would snapshot 0 stream(s) of 'Loan'");
  }, GENERATED_RUN_TIMEOUT);

  it('npm start: the service process serves /health and /metrics and stops cleanly on SIGTERM', async () => {
    const child = spawn(tsxIn(dir), ['src/main.ts'], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: postgres.connectionString, OPS_PORT: '0', PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line: ${output}`)), 60_000);
        const onData = (chunk: Buffer) => {
          output += String(chunk);
          const line = output.split('\n').find((l) => l.includes('service started'));
          if (line !== undefined) {
            clearTimeout(timer);
            resolve((JSON.parse(line) as { url: string }).url);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)));
      });
      const health = await fetch(`${url}/health`);
      const body = (await health.json()) as { status: string; checks: Record<string, { ok: boolean }> };
      expect(Object.keys(body.checks).sort()).toEqual(['consumer:Mailer', 'consumer:OverdueLoans', 'consumer:RemindWhenDue', 'database']);
      expect(body.status, JSON.stringify(body)).toBe('ok');
      expect(health.status).toBe(200);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('stormsmith_processor_lag_events{processor="OverdueLoans"} 0');
      expect(metrics).toContain('stormsmith_dead_letters{processor="RemindWhenDue"} 0');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
  }, GENERATED_RUN_TIMEOUT);
});
