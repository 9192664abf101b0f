// Issue 8, blue/green rebuild by projection version, in generated services on a real PostgreSQL.
// The library example is generated twice: as is (OverdueLoans version 1) and from a copy of
// models/library whose OverdueLoans says `version: 2`. Version 1 is built and serves; then the
// version-2 service's `ops` rebuilds version 2 beside it (dry run first), readers still get
// version 1 until `ops switch`, then version 2 with the same documents; `ops drop-version`
// refuses the live version and drops the old one.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/model/index.js';
import { plan } from '../../generator/plan.js';
import { loadTemplates } from '../../generator/emit/templates.js';
import { GENERATED_RUN_TIMEOUT, REPO_ROOT, writeFileMap } from '../generated-project/support.js';
import { usePostgres } from '../support/postgres.js';
import { tsxIn } from './support.js';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'library-logic', 'generated');
const postgres = usePostgres('blue_green');

/** models/library, with OverdueLoans' YAML given a `version` line when `version` is set. */
const libraryFiles = (version?: number) =>
  readdirSync(join(REPO_ROOT, 'models', 'library'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((path) => {
      let text = readFileSync(join(REPO_ROOT, 'models', 'library', path), 'utf8');
      if (version !== undefined && text.includes('\n  OverdueLoans:\n')) {
        text = text.replace('\n  OverdueLoans:\n', `\n  OverdueLoans:\n    version: ${version}\n`);
      }
      return { path, text };
    });

/** Generates the library (with the hand-written logic) into a fresh folder. */
const generate = async (version?: number): Promise<string> => {
  const loaded = loadModel(libraryFiles(version));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.model || errors.length > 0) throw new Error(errors.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
  if (version !== undefined) expect(loaded.model.contexts[0]!.projections.find((p) => p.name === 'OverdueLoans')?.version).toBe(version);
  const dir = mkdtempSync(join(tmpdir(), `stormsmith-bluegreen-v${version ?? 1}-`));
  writeFileMap(await plan(loaded.model, { templates: loadTemplates(), modelRoot: 'models/library' }), dir);
  cpSync(FIXTURE, dir, { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // Seeds the store (stored events, as a running service would have appended them).
  writeFileSync(
    join(dir, 'seed.ts'),
    `import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
const store = getPostgreSQLEventStore(process.env.DATABASE_URL!);
const loan = (n: number) => \`00000000-0000-4000-8000-00000000000\${n}\`;
try {
  // 'later': one more loan falls due (after the switch); otherwise the initial history.
  // Every loan was borrowed before it falls due: the hand-written logic refuses a reminder for a
  // loan that was never borrowed (LoanNotFound), as a real service's history would never hold one.
  const borrowed = (n: number) =>
    store.appendToStream(\`lending_loan-\${loan(n)}\`, [{ type: 'BookBorrowed', data: { loanId: loan(n), memberId: loan(9), copy: { isbn: '9780000000000', copyNumber: n }, dueOn: \`2026-03-0\${n}\` } }]);
  if (process.argv[2] === 'later') {
    await borrowed(7);
    await store.appendToStream(\`clock-\${loan(7)}\`, [{ type: 'LoanFellDue', data: { loanId: loan(7), dueOn: '2026-03-07' } }]);
  } else {
    for (let n = 1; n <= 6; n++) await borrowed(n);
    for (let n = 1; n <= 6; n++) await store.appendToStream(\`clock-\${loan(n)}\`, [{ type: 'LoanFellDue', data: { loanId: loan(n), dueOn: \`2026-03-0\${n}\` } }]);
    for (const n of [1, 2, 2, 5]) await store.appendToStream(\`lending_loan-\${loan(n)}\`, [{ type: 'ReminderSent', data: { loanId: loan(n) } }]);
    await store.appendToStream(\`lending_loan-\${loan(3)}\`, [{ type: 'LoanRenewed', data: { loanId: loan(3), newDueOn: '2026-04-01' } }]);
    await store.appendToStream(\`lending_loan-\${loan(4)}\`, [{ type: 'BookReturned', data: { loanId: loan(4), memberId: loan(9), returnedOn: '2026-03-10' } }]);
  }
} finally {
  await store.close();
}
`,
  );
  // What a reader of the service sees: the live collection (through the generated helper) and its documents.
  writeFileSync(
    join(dir, 'read.ts'),
    `import pg from 'pg';
import { overdueLoansLiveCollection } from './src/lending/projections/overdue-loans.js';
const url = process.env.DATABASE_URL!;
const collection = await overdueLoansLiveCollection(url);
const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows } = await client.query<{ _id: string; data: Record<string, unknown> }>(\`SELECT _id, data FROM "\${collection}" ORDER BY _id\`);
await client.end();
const documents = Object.fromEntries(rows.map(({ _id, data }) => { const { _version, ...document } = data; void _version; return [_id, document]; }));
console.log(JSON.stringify({ collection, documents }));
`,
  );
  return dir;
};

describe('blue/green rebuild by projection version in the generated library service', () => {
  let v1 = '';
  let v2 = '';
  beforeAll(async () => {
    [v1, v2] = [await generate(), await generate(2)];
  });
  afterAll(() => {
    for (const dir of [v1, v2]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (dir: string, args: string[]) => {
    const env = { ...process.env, DATABASE_URL: postgres.connectionString, LOG_LEVEL: 'silent' };
    const result = spawnSync(tsxIn(dir), args, { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const ops = (dir: string, ...args: string[]) => run(dir, ['src/ops.ts', ...args]);
  const read = (dir: string) => {
    const result = run(dir, ['read.ts']);
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { collection: string; documents: Record<string, unknown> };
  };
  const tables = async () => {
    const client = new pg.Client({ connectionString: postgres.connectionString });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_name LIKE 'overdue_loans%' ORDER BY 1");
      const processors = await client.query<{ id: string }>("SELECT processor_id AS id FROM emt_processors WHERE processor_id LIKE 'lending:overdue-loans%' ORDER BY 1");
      return { tables: rows.map((r) => r.name), processors: processors.rows.map((r) => r.id) };
    } finally {
      await client.end();
    }
  };

  it('version 2 writes to its own collection and processor id; the registry and consumers use them', () => {
    const projection = readFileSync(join(v2, 'src/lending/projections/overdue-loans.ts'), 'utf8');
    expect(projection).toContain("export const overdueLoansCollection = 'overdue_loans_v2';");
    expect(projection).toContain("processorId: 'lending:overdue-loans:v2'");
    expect(readFileSync(join(v2, 'src/composition-root.ts'), 'utf8')).toContain("processorId: 'lending:overdue-loans:v2'");
    expect(readFileSync(join(v2, 'src/ops-registry.ts'), 'utf8')).toContain(
      "versions: { name: 'Lending.OverdueLoans', version: 2, baseCollection: 'overdue_loans', baseProcessorId: 'lending:overdue-loans' }",
    );
    const plain = readFileSync(join(v1, 'src/lending/projections/overdue-loans.ts'), 'utf8');
    expect(plain).toContain("export const overdueLoansCollection = 'overdue_loans';");
    expect(plain).toContain("processorId: 'lending:overdue-loans'");
  });

  it('rebuilds version 2 while version 1 serves, switches readers to it, and drops version 1', async () => {
    const tsc = spawnSync(join(v2, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: v2, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');

    // Version 1 serves: migrated, events stored, its read model built by the version-1 service.
    expect(ops(v1, 'migrate').status).toBe(0);
    expect(run(v1, ['seed.ts']).status).toBe(0);
    const built = ops(v1, 'rebuild', 'OverdueLoans');
    expect(built.status, built.stderr).toBe(0);
    const servedByV1 = read(v1);
    expect(servedByV1.collection).toBe('overdue_loans');
    // Loans 1, 2, 5, 6 are overdue (3 renewed, 4 returned); reminders counted.
    expect(Object.values(servedByV1.documents).map((d) => (d as { remindersSent: number }).remindersSent)).toEqual([1, 2, 1, 0]);

    // Usage errors are coded, before anything changes.
    const help = ops(v2, 'rebuild', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--version <n>');
    for (const command of ['switch', 'drop-version']) {
      const h = ops(v2, command, '--help');
      expect([h.status, h.stdout.split('\n')[0]]).toEqual([0, `usage: ops ${command} <projection> --version <n> [--dry-run]`]);
    }
    expect(ops(v2, 'switch', 'OverdueLoans').stderr).toBe("error[OPS_MISSING_VERSION]: missing --version <n>\n  hint: the projection version, a whole number >= 1\n");
    const bad = ops(v2, 'rebuild', 'OverdueLoans', '--version', 'two');
    expect([bad.status, bad.stderr.split('\n')[0]]).toEqual([2, "error[OPS_BAD_VERSION]: --version expects a whole number >= 1, got 'two'"]);
    const notBuilt = ops(v2, 'rebuild', 'OverdueLoans', '--version', '3');
    expect([notBuilt.status, notBuilt.stderr.split('\n')[0]]).toEqual([2, "error[OPS_VERSION_NOT_BUILT]: this service builds version 2 of 'OverdueLoans', not version 3"]);
    const liveInPlace = ops(v1, 'rebuild', 'OverdueLoans', '--version', '1');
    expect([liveInPlace.status, liveInPlace.stderr.split('\n')[0]]).toEqual([2, "error[OPS_LIVE_VERSION]: version 1 of 'OverdueLoans' is the live one"]);

    // Dry run: says what it would do, creates nothing.
    const dry = ops(v2, 'rebuild', 'OverdueLoans', '--version', '2', '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toBe("dry run: would rebuild version 2 of 'OverdueLoans' into 'overdue_loans_v2' (processor 'lending:overdue-loans:v2') from 12 event(s); version 1 stays live\n");
    expect(await tables()).toEqual({ tables: ['overdue_loans'], processors: ['lending:overdue-loans'] });

    // Rebuild version 2 beside version 1: readers still get version 1, untouched.
    const rebuilt = ops(v2, 'rebuild', 'OverdueLoans', '--version', '2');
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain("rebuilt version 2 of 'OverdueLoans' into 'overdue_loans_v2'");
    expect(await tables()).toEqual({ tables: ['overdue_loans', 'overdue_loans_v2'], processors: ['lending:overdue-loans', 'lending:overdue-loans:v2'] });
    expect(read(v2)).toEqual(servedByV1);

    // Switch: readers (of either service) get version 2, with the same documents as version 1.
    const dropLive = ops(v2, 'drop-version', 'OverdueLoans', '--version', '1');
    expect([dropLive.status, dropLive.stderr.split('\n')[0]]).toEqual([2, "error[OPS_LIVE_VERSION]: version 1 of 'OverdueLoans' is live"]);
    const switched = ops(v2, 'switch', 'OverdueLoans', '--version', '2');
    expect(switched.status, switched.stderr).toBe(0);
    expect(switched.stdout).toBe("switched readers of 'OverdueLoans' from version 1 to version 2 ('overdue_loans_v2')\n");
    const servedByV2 = read(v2);
    expect(servedByV2.collection).toBe('overdue_loans_v2');
    expect(servedByV2.documents).toEqual(servedByV1.documents);
    expect(read(v1).collection).toBe('overdue_loans_v2');

    // The old version goes only when asked; the live one never.
    const refused = ops(v2, 'drop-version', 'OverdueLoans', '--version', '2');
    expect([refused.status, refused.stderr.split('\n')[0]]).toEqual([2, "error[OPS_LIVE_VERSION]: version 2 of 'OverdueLoans' is live"]);
    expect(ops(v2, 'drop-version', 'OverdueLoans', '--version', '1', '--dry-run').status).toBe(0);
    expect((await tables()).tables).toEqual(['overdue_loans', 'overdue_loans_v2']);
    const dropped = ops(v2, 'drop-version', 'OverdueLoans', '--version', '1');
    expect(dropped.status, dropped.stderr).toBe(0);
    expect(await tables()).toEqual({ tables: ['overdue_loans_v2'], processors: ['lending:overdue-loans:v2'] });
    expect(read(v2)).toEqual(servedByV2);

    // The version-2 service's own consumers continue from where the rebuild stopped: a new loan
    // falls due and shows up in version 2; RemindWhenDue (first run now) reminds each overdue
    // loan once, so every count goes up by exactly one: nothing replayed twice, nothing skipped.
    const later = run(v2, ['seed.ts', 'later']);
    expect(later.status, later.stderr).toBe(0);
    const service = spawn(tsxIn(v2), ['src/main.ts'], {
      cwd: v2,
      env: { ...process.env, DATABASE_URL: postgres.connectionString, OPS_PORT: '0', PORT: '0', LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => service.on('exit', (code) => resolve(code)));
    const caughtUp = () => {
      const lag = ops(v2, 'lag', '--json');
      return lag.status === 0 && (JSON.parse(lag.stdout) as { eventsBehind: number }[]).every((p) => p.eventsBehind === 0);
    };
    try {
      // Twice in a row: the policy's appended reminders are counted by the projection too.
      for (let attempt = 0, streak = 0; attempt < 60 && streak < 2; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        streak = caughtUp() ? streak + 1 : 0;
      }
    } finally {
      service.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const current = read(v2);
    expect(current.collection).toBe('overdue_loans_v2');
    const reminded = Object.fromEntries(
      Object.entries(servedByV2.documents).map(([id, d]) => [id, { ...(d as { remindersSent: number }), remindersSent: (d as { remindersSent: number }).remindersSent + 1 }]),
    );
    const loan7 = '00000000-0000-4000-8000-000000000007';
    expect(current.documents).toEqual({ ...reminded, [loan7]: { _id: loan7, loanId: loan7, dueOn: '2026-03-07', remindersSent: 1 } });
    expect((await tables()).processors).toEqual(['lending:overdue-loans:v2']);
  }, GENERATED_RUN_TIMEOUT);
});
