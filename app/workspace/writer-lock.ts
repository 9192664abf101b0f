// One writer per model folder: a lock file in the folder, created exclusively. A lock left by a
// process that no longer runs on this host is stale and taken over; a live holder (another
// window, another `stormsmith studio`) makes this workspace read-only instead of racing it.

import { hostname } from 'node:os';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE = '.stormsmith.lock';

interface LockRecord {
  pid: number;
  host: string;
  token: string;
  since: string;
}

export interface WriterLock {
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

export type LockOutcome = { acquired: true; lock: WriterLock } | { acquired: false; holder: string };

/** How long an unreadable (half-written) lock file is respected before it counts as stale. */
const UNREADABLE_GRACE_MS = 10_000;

export async function acquireWriterLock(root: string, isAlive: (pid: number) => boolean = processIsAlive): Promise<LockOutcome> {
  const file = path.join(root, LOCK_FILE);
  const record: LockRecord = { pid: process.pid, host: hostname(), token: crypto.randomUUID(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o644);
      await handle.writeFile(`${JSON.stringify(record)}\n`);
      await handle.close();
      return { acquired: true, lock: { release: () => releaseIfOurs(file, record.token) } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLock(file);
    if (holder === 'gone') continue;
    if (holder === 'unreadable') {
      const age = await stat(file).then((s) => Date.now() - s.mtimeMs, () => Infinity);
      if (age < UNREADABLE_GRACE_MS) return { acquired: false, holder: 'another process (lock being written)' };
    } else if (holder.host !== hostname() || isAlive(holder.pid)) {
      return { acquired: false, holder: `process ${holder.pid} on ${holder.host} since ${holder.since}` };
    }
    // Stale: its owner is gone. Remove and retry once; a concurrent taker wins via `wx`.
    await unlink(file).catch(() => undefined);
  }
  return { acquired: false, holder: 'another process (lock contended)' };
}

async function readLock(file: string): Promise<LockRecord | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockRecord>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.token === 'string') {
      return { pid: parsed.pid, host: parsed.host, token: parsed.token, since: String(parsed.since ?? '?') };
    }
  } catch {
    // fall through
  }
  return 'unreadable';
}

async function releaseIfOurs(file: string, token: string): Promise<void> {
  const holder = await readLock(file);
  if (typeof holder === 'object' && holder.token === token) await unlink(file).catch(() => undefined);
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
