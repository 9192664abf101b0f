// The generated service's ops command (issue 8), driven like a user would, on real PostgreSQL.
import { getPostgreSQLEventStore, pongoMultiStreamProjection } from '@event-driven-io/emmett-postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDeadLetter, type TransactionalContext } from '../../templates/runtime/src/runtime/deadLetters.js';
import { defineOpsAggregate, defineOpsProjection, runOps, type OpsRegistry } from '../../templates/runtime/src/runtime/ops.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, evolve, loanDecider, loanStream, renewed, returned, type LoanEvent } from './fixtures/loans.js';
import { pongoDocuments, query } from './sql.js';
import { runToEnd } from './runToEnd.js';

const postgres = usePostgres('ops');

type ActiveLoans = { active: number };
const activeLoans = pongoMultiStreamProjection<ActiveLoans, LoanEvent>({
  collectionName: 'active_loans',
  canHandle: ['BookBorrowed', 'BookReturned'],
  getDocumentId: (event) => (event.data as { memberId: string }).memberId,
  evolve: (doc: ActiveLoans | null, event: LoanEvent): ActiveLoans => ({
    active: (doc?.active ?? 0) + (event.type === 'BookBorrowed' ? 1 : -1),
  }),
});

let renewalsSupported = false;
const countRenewal = async (event: LoanEvent, context: TransactionalContext) => {
  if (event.type !== 'LoanRenewed') return;
  if (!renewalsSupported) throw new Error('renewals not supported');
  await context.connection.client.query('INSERT INTO renewals (loan_id) VALUES ($1)', [event.data.loanId]);
};

const run = async (registry: OpsRegistry, ...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runOps(argv, registry, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('ops command', () => {
  let registry: OpsRegistry;

  beforeAll(() => {
    registry = {
      connectionString: postgres.connectionString,
      projections: {
        ActiveLoans: defineOpsProjection({ projection: activeLoans, processorId: 'active-loans' }),
      },
      processors: {
        ActiveLoans: { processorId: 'active-loans', eventTypes: activeLoans.canHandle, retry: (m, ctx) => activeLoans.handle([m as never], ctx) },
        CountRenewals: { processorId: 'count-renewals', eventTypes: ['LoanRenewed'], retry: (m, ctx) => countRenewal(m as never, ctx) },
      },
      aggregates: { Loan: defineOpsAggregate({ streamType: 'loan', evolve, initialState: loanDecider.initialState }) },
    };
  });

  it('explains itself and rejects bad input with a code and a hint, never a stack trace', async () => {
    // Issue 19: names never resolve through the prototype chain; usage errors exit 2.
    for (const argv of [['constructor'], ['toString'], ['__proto__'], ['rebuild', 'constructor'], ['snapshot', 'constructor', 'x'], ['dlq', 'list', '--processor', 'constructor'], ['lag', '--processor', 'hasOwnProperty']]) {
      const bad = await run(registry, ...argv);
      expect(bad.code, argv.join(' ')).toBe(2);
      expect(bad.err, argv.join(' ')).toMatch(/^error\[OPS_/);
      expect(bad.err + bad.out, argv.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect(await run(registry, '--help')).toMatchObject({ code: 0, out: expect.stringContaining('usage: ops <command>') });
    for (const command of ['rebuild', 'replay', 'dlq', 'lag', 'migrate', 'snapshot']) {
      const help = await run(registry, command, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toMatch(/^usage: ops /);
    }
    expect(await run(registry, 'rebiuld')).toEqual({
      code: 2,
      out: '',
      err: "error[OPS_UNKNOWN_COMMAND]: unknown command 'rebiuld'\n  hint: one of: dlq, drop-version, lag, migrate, rebuild, replay, snapshot, switch",
    });
    expect(await run(registry, 'rebuild', 'Nope')).toEqual({
      code: 2,
      out: '',
      err: "error[OPS_UNKNOWN_PROJECTION]: no projection named 'Nope'\n  hint: known: ActiveLoans",
    });
    const badId = await run(registry, 'dlq', 'drop', '--processor', 'ActiveLoans', '--id', 'x');
    expect(badId.code).toBe(2);
    expect(badId.err).toContain('error[OPS_BAD_OPTION]');
    const unknownOption = await run(registry, 'lag', '--verbose');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toMatch(/^error\[OPS_BAD_OPTION\]: .*--verbose/);
    expect(unknownOption.err).not.toMatch(/\n\s+at /);
  });

  it('migrate --dry-run prints the SQL and changes nothing; migrate creates the schema', async () => {
    const dry = await run(registry, 'migrate', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('emt_messages');
    expect(dry.out).toContain('stormsmith_dead_letters');
    expect(dry.out).toContain('stormsmith_snapshots');
    expect(await query(registry.connectionString, "SELECT to_regclass('emt_messages') AS t")).toEqual([{ t: null }]);
    expect((await run(registry, 'migrate')).code).toBe(0);
    const tables = await query<{ t: string }>(
      registry.connectionString,
      "SELECT to_regclass(t)::text AS t FROM unnest(ARRAY['emt_messages','stormsmith_dead_letters','stormsmith_snapshots']) AS t",
    );
    expect(tables.map((row) => row.t)).toEqual(['emt_messages', 'stormsmith_dead_letters', 'stormsmith_snapshots']);
  });

  it('migrate creates the inline read models\' collections the registry lists (docs/adr/0054: pongo no longer creates them per append)', async () => {
    const url = await postgres.createDatabase('ops_migrate_inline');
    const withInline: OpsRegistry = { ...registry, connectionString: url, inlineCollections: ['active_loans_by_member', 'order_status_v2'] };
    const dry = await run(withInline, 'migrate', '--dry-run');
    expect(dry.out).toContain('CREATE TABLE IF NOT EXISTS active_loans_by_member');
    expect(dry.out).toContain('CREATE TABLE IF NOT EXISTS order_status_v2');
    const migrated = await run(withInline, 'migrate');
    expect(migrated).toMatchObject({ code: 0, err: '' });
    expect(migrated.out).toContain('inline read models (active_loans_by_member, order_status_v2)');
    const tables = await query<{ t: string | null }>(url, "SELECT to_regclass(t)::text AS t FROM unnest(ARRAY['active_loans_by_member','order_status_v2']) AS t");
    expect(tables.map((row) => row.t)).toEqual(['active_loans_by_member', 'order_status_v2']);
    // Again: idempotent.
    expect((await run(withInline, 'migrate')).code).toBe(0);
  });

  it('runs a day of operations: lag, dlq list/retry/drop, rebuild, snapshot', async () => {
    const url = registry.connectionString;
    await query(url, 'CREATE TABLE renewals (loan_id TEXT NOT NULL)');
    const store = getPostgreSQLEventStore(url);
    try {
      await store.appendToStream(loanStream('l1'), [borrowed('l1', 'm1'), renewed('l1')]);
      await store.appendToStream(loanStream('l2'), [borrowed('l2', 'm1'), returned('l2', 'm1')]);
      await store.appendToStream(loanStream('l3'), [borrowed('l3', 'm2'), renewed('l3')]);

      // Nothing processed yet: the lag shows all of each processor's events.
      const before = JSON.parse((await run(registry, 'lag', '--json')).out) as { name: string; eventsBehind: number }[];
      expect(before.map((entry) => [entry.name, entry.eventsBehind])).toEqual([
        ['ActiveLoans', 4],
        ['CountRenewals', 2],
      ]);

      // One consumer per processor, as the generated service runs them.
      await runToEnd(() => {
        const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
        consumer.projector<LoanEvent>({ processorId: 'active-loans', projection: activeLoans });
        return consumer;
      });
      await runToEnd(() => {
        const consumer = store.consumer<LoanEvent>({ stopWhen: { noMessagesLeft: true } });
        consumer.reactor<LoanEvent>({
          processorId: 'count-renewals',
          canHandle: ['LoanRenewed'],
          eachMessage: withDeadLetter<LoanEvent, TransactionalContext>(countRenewal, {
            processorId: 'count-renewals',
            maxAttempts: 2,
            backoff: { initialDelayMs: 1 },
            onDeadLetter: () => undefined,
          }),
        });
        return consumer;
      });
    } finally {
      await store.close();
    }

    const lag = await run(registry, 'lag');
    expect(lag.out.split('\n')[0]).toMatch(/^processor\s+checkpoint\s+head\s+behind\s+dead letters$/);
    expect(lag.out).toMatch(/ActiveLoans\s+\d+\s+\d+\s+0\s+0/);
    expect(lag.out).toMatch(/CountRenewals\s+\d+\s+\d+\s+0\s+2/);

    const list = await run(registry, 'dlq', 'list', '--processor', 'CountRenewals');
    expect(list.out.split('\n')).toHaveLength(3); // header + two letters
    expect(list.out).toContain('renewals not supported');

    // Retry before the fix: both fail, nothing is lost.
    const failing = await run(registry, 'dlq', 'retry', '--processor', 'CountRenewals');
    expect(failing.code).toBe(1);
    expect(failing.err.split('\n')).toHaveLength(2);
    renewalsSupported = true;
    const letters = JSON.parse((await run(registry, 'dlq', 'list', '--json')).out) as { id: number }[];
    const dryDrop = await run(registry, 'dlq', 'drop', '--processor', 'CountRenewals', '--id', String(letters[1]!.id), '--dry-run');
    expect(dryDrop.out).toBe(`dry run: would drop 1 dead letter(s): ${letters[1]!.id}`);
    expect(await run(registry, 'dlq', 'drop', '--processor', 'CountRenewals', '--id', String(letters[1]!.id))).toMatchObject({
      code: 0,
    });
    expect(await run(registry, 'dlq', 'retry', '--processor', 'CountRenewals')).toMatchObject({
      code: 0,
      out: 'retried 1: 1 succeeded, 0 failed',
    });
    expect(await query(url, 'SELECT loan_id FROM renewals')).toEqual([{ loan_id: 'l1' }]);
    expect((await run(registry, 'dlq', 'list')).out).toBe('no dead letters');

    // Rebuild after the read model was damaged.
    await query(url, `UPDATE active_loans SET data = jsonb_set(data, '{active}', '99')`);
    const dryRebuild = await run(registry, 'rebuild', 'ActiveLoans', '--dry-run');
    expect(dryRebuild.out).toContain('would truncate');
    expect(dryRebuild.out).toContain('replay 4 event(s)');
    expect(Object.values(await pongoDocuments<ActiveLoans>(url, 'active_loans')).map((d) => d.active)).toEqual([99, 99]);
    expect((await run(registry, 'replay', 'ActiveLoans')).code).toBe(0);
    const rebuilt = await pongoDocuments<ActiveLoans>(url, 'active_loans');
    expect(Object.fromEntries(Object.entries(rebuilt).map(([id, doc]) => [id, doc.active]))).toEqual({ m1: 1, m2: 1 });

    // Snapshots of the Loan aggregate.
    const drySnapshot = await run(registry, 'snapshot', 'Loan', '--dry-run');
    expect(drySnapshot.out).toBe("dry run: would snapshot 3 stream(s) of 'Loan'\n  loan-l1\n  loan-l2\n  loan-l3");
    expect((await run(registry, 'snapshot', 'Loan')).out).toBe("snapshotted 3 stream(s) of 'Loan'");
    // A stream that does not exist is not "snapshotted": an honest error and a non-zero exit (issue 19).
    for (const argv of [['snapshot', 'Loan', '--stream', 'nope'], ['snapshot', 'Loan', '--stream', 'nope', '--dry-run']]) {
      const missing = await run(registry, ...argv);
      expect(missing.code, argv.join(' ')).toBe(1);
      expect(missing.out, argv.join(' ')).toBe('');
      expect(missing.err, argv.join(' ')).toMatch(/^error\[OPS_STREAM_NOT_FOUND\]: no stream 'loan-nope' of 'Loan'\n {2}hint: /);
    }
    const snapshots = await query<{ stream_name: string; stream_version: string; state: unknown }>(
      url,
      'SELECT stream_name, stream_version::text, state FROM stormsmith_snapshots ORDER BY stream_name',
    );
    expect(snapshots).toEqual([
      { stream_name: 'loan-l1', stream_version: '2', state: { status: 'active', memberId: 'm1', renewals: 1 } },
      { stream_name: 'loan-l2', stream_version: '2', state: { status: 'returned' } },
      { stream_name: 'loan-l3', stream_version: '2', state: { status: 'active', memberId: 'm2', renewals: 1 } },
    ]);
  });

  it('reports an operation failure as one error line with exit code 1', async () => {
    const broken = { ...registry, connectionString: registry.connectionString.replace(/\/[^/]+$/, '/no_such_database') };
    const result = await run(broken, 'lag');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error\[OPS_FAILED\]: lag failed: .*no_such_database.*\n {2}hint: /);
  });
});
