// The Idempotency-Key store of the generated HTTP API (templates/runtime/src/http/support.ts) on a
// real PostgreSQL: the first outcome is kept and replayed without running the work again, a
// different request under the key is a 422, a retry while the first runs is a 409, 5xx and
// thrown errors release the key, and keys expire after the TTL (purge, or reuse after expiry).

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdempotencyStore, idempotencyTableSQL, type Outcome } from '../../templates/runtime/src/http/support.js';
import { usePostgres } from '../support/postgres.js';

const postgres = usePostgres('idempotency');
let pool: pg.Pool;
beforeAll(async () => {
  pool = new pg.Pool({ connectionString: postgres.connectionString });
  await pool.query(idempotencyTableSQL);
});
afterAll(async () => {
  await pool?.end();
});

const counting = (outcome: Outcome) => {
  let runs = 0;
  return { work: async () => (runs++, outcome), runs: () => runs };
};

describe('the Idempotency-Key store', () => {
  it('runs the work once per key and replays its outcome byte for byte', async () => {
    const store = createIdempotencyStore(pool, 3600);
    const { work, runs } = counting({ status: 201, body: { streamVersion: 1, events: [{ type: 'B', data: { z: 1, a: 2 } }] }, headers: { etag: '"1"' } });
    const first = await store.run('POST /a', 'k1', { body: { x: 1 } }, work);
    const retry = await store.run('POST /a', 'k1', { body: { x: 1 } }, work);
    expect(runs()).toBe(1);
    expect(JSON.stringify(retry.body)).toBe(JSON.stringify(first.body));
    expect(retry).toMatchObject({ status: 201, headers: { etag: '"1"', 'idempotent-replayed': 'true' } });
    // The same key on another path is another key.
    await store.run('POST /b', 'k1', { body: { x: 1 } }, work);
    expect(runs()).toBe(2);
  });

  it('refuses another request under the same key (422) and a retry while the first runs (409)', async () => {
    const store = createIdempotencyStore(pool, 3600);
    await store.run('POST /c', 'k2', { body: { x: 1 } }, async () => ({ status: 200, body: {} }));
    const other = await store.run('POST /c', 'k2', { body: { x: 2 } }, async () => ({ status: 200, body: {} }));
    expect(other.status).toBe(422);
    let release!: () => void;
    const slow = store.run('POST /d', 'k3', {}, () => new Promise<Outcome>((resolve) => (release = () => resolve({ status: 200, body: {} }))));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await store.run('POST /d', 'k3', {}, async () => ({ status: 200, body: {} }));
    expect(during).toMatchObject({ status: 409, headers: { 'retry-after': '1' } });
    release();
    expect((await slow).status).toBe(200);
  });

  it('releases the key after a 5xx or a thrown error: the retry runs again', async () => {
    const store = createIdempotencyStore(pool, 3600);
    const failing = counting({ status: 503, body: {} });
    await store.run('POST /e', 'k4', {}, failing.work);
    await store.run('POST /e', 'k4', {}, failing.work);
    expect(failing.runs()).toBe(2);
    await expect(store.run('POST /f', 'k5', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const after = counting({ status: 200, body: {} });
    await store.run('POST /f', 'k5', {}, after.work);
    expect(after.runs()).toBe(1);
  });

  it('expires keys after the TTL: a reused expired key runs again, purge deletes the rest', async () => {
    const store = createIdempotencyStore(pool, 1);
    const { work, runs } = counting({ status: 200, body: {} });
    await store.run('POST /g', 'k6', {}, work);
    await store.run('POST /h', 'k7', {}, work);
    await pool.query(`UPDATE stormsmith_idempotency_keys SET created_at = now() - interval '2 seconds' WHERE key IN ('k6', 'k7')`);
    await store.run('POST /g', 'k6', {}, work);
    expect(runs()).toBe(3);
    expect(await store.purge()).toBeGreaterThanOrEqual(1);
    const { rows } = await pool.query(`SELECT key FROM stormsmith_idempotency_keys WHERE key = 'k7'`);
    expect(rows).toEqual([]);
  });
});
