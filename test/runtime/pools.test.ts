// Issue 13 (9): a dropped idle database connection must not kill the service. dumbo 0.12.7
// creates its pg pool without an 'error' listener, so pg's 'error' event for a terminated idle
// client becomes an uncaught exception. Proven with a real child process and pg_terminate_backend.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { usePostgres } from '../support/postgres.js';
import { query } from './sql.js';

const postgres = usePostgres('pools');
const script = fileURLToPath(new URL('./fixtures/pool-survivor.ts', import.meta.url));

type Child = { process: ChildProcess; lines: string[]; stderr: string[]; exited: Promise<number | null> };
const children: Child[] = [];

const startChild = (mode: 'bare' | 'fixed', url: string): Child => {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URL: url, MODE: mode },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const result = { process: child, lines, stderr, exited };
  children.push(result);
  return result;
};

const waitForLine = async (child: Child, line: string) => {
  for (let i = 0; i < 600; i++) {
    if (child.lines.includes(line)) return;
    if (child.process.exitCode !== null) throw new Error(`child exited (${child.process.exitCode}): ${child.stderr.join('')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for "${line}": ${child.stderr.join('')}`);
};

/** What a PostgreSQL restart or an idle timeout does to the service's connections. */
const terminateConnections = async (url: string) => {
  const database = new URL(url).pathname.slice(1);
  const rows = await query<{ n: string }>(
    url,
    `SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  return Number(rows[0]?.n ?? 0);
};

/** Sends commands until one succeeds (those in flight when the connections dropped fail, like
 * any command during a failover) or the process exits: 'alive' or the exit code. */
const outcome = async (child: Child): Promise<string | number | null> => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const seen = child.lines.length;
    child.process.stdin!.write('append\n');
    const next = new Promise<'line'>((resolve) => {
      const poll = setInterval(() => {
        if (child.lines.length > seen) {
          clearInterval(poll);
          resolve('line');
        }
      }, 20);
      void child.exited.then(() => clearInterval(poll));
    });
    const result = await Promise.race([child.exited, next]);
    if (result !== 'line') return result;
    if (child.lines.at(-1) === 'alive') return 'alive';
  }
  return child.lines.at(-1) ?? null;
};

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null) {
      child.process.stdin!.end();
      await child.exited;
    }
  }
});

describe('a terminated idle connection (issue 13, item 9)', () => {
  it('bare Emmett 0.42.0: the process dies with an unhandled pool error', async () => {
    const url = await postgres.createDatabase('pools_bare');
    const child = startChild('bare', url);
    await waitForLine(child, 'ready');
    expect(await terminateConnections(url)).toBeGreaterThan(0);
    expect(await outcome(child)).toBe(1);
    expect(child.stderr.join('')).toContain("Emitted 'error' event");
  }, 60_000);

  it('createPostgresEventStore: the error is reported, and the next command reconnects', async () => {
    const url = await postgres.createDatabase('pools_fixed');
    const child = startChild('fixed', url);
    await waitForLine(child, 'ready');
    expect(await terminateConnections(url)).toBeGreaterThan(0);
    expect(await outcome(child)).toBe('alive');
    expect(child.stderr.join('')).toContain('pool error reported: terminating connection');
  }, 60_000);
});
