// Issue 13, item 4 of the follow-up: the one-batch fencing window. A holder checks its lease at the
// start of each batch transaction. If it loses the lease after that check (its lease session
// dropped) while the batch is still open, and another instance takes the lease, the old batch
// used to commit anyway: one batch applied by two instances. Now each batch holds a shared
// "fence" lock from before its check to its end, and a new holder first fences off (ends) the
// batches still holding it: the old batch can no longer commit.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { expect, it } from 'vitest';
import { acquireProcessorLease, assertLeaseHeld, leasedProcessors } from '../../templates/runtime/src/runtime/leases.js';
import { usePostgres } from '../support/postgres.js';
import { query } from './sql.js';

const postgres = usePostgres('fencing');
const taker = fileURLToPath(new URL('./fixtures/lease-taker.ts', import.meta.url));

it('a batch that passed its lease check cannot commit once another instance took the lease', async () => {
  const url = postgres.connectionString;
  await query(url, 'CREATE TABLE side_effects (n int)');
  const processorId = 'fencing:one-batch';
  leasedProcessors.add(processorId);
  const lease = await acquireProcessorLease(processorId, { connectionString: url, heartbeatMs: 60_000 });
  expect(lease).toBeDefined();
  // The old holder's batch: its lease check passes, then it is slow (a GC pause, a slow handler).
  const batch = new pg.Client({ connectionString: url });
  batch.on('error', () => undefined);
  await batch.connect();
  await batch.query('BEGIN');
  await assertLeaseHeld(batch, processorId);
  await batch.query('INSERT INTO side_effects VALUES (1)');
  // Meanwhile its lease session is dropped (a network blip, a restart of a proxy)...
  await query(url, 'SELECT pg_terminate_backend($1)', [lease!.pid]);
  // ...and another instance takes the lease.
  const other = spawn(process.execPath, ['--import', 'tsx', taker], { env: { ...process.env, DATABASE_URL: url, PROCESSOR_ID: processorId }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const acquired = await new Promise<string>((resolve) => {
      let out = '';
      other.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.trim());
      });
      other.on('exit', () => resolve(out.trim() || 'exited'));
    });
    expect(acquired).toBe('acquired');
    // The old batch now tries to finish: it must not commit.
    const committed = await batch.query('INSERT INTO side_effects VALUES (2)').then(
      () => batch.query('COMMIT').then(() => true),
      () => false,
    );
    expect(committed).toBe(false);
    expect(await query(url, 'SELECT * FROM side_effects')).toEqual([]);
  } finally {
    other.kill('SIGKILL');
    await batch.end().catch(() => undefined);
    await lease!.release();
    leasedProcessors.delete(processorId);
  }
}, 60_000);
