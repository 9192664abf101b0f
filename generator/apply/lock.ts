// One writer per output folder: an O_EXCL lock file holding the owner's pid and host. A lock
// whose process is gone (same host) is stale and taken over; a live one refuses the run.
// The lock lives in the untrusted output folder: it is read without following a link and with a
// byte cap, and a lock committed to git (a file from a clone, not a running process) is stale.

import * as os from 'node:os';
import * as nodePath from 'node:path';
import { hasErrorCode, type ApplyFs } from './fs-facade.js';

export const LOCK_PATH = '.stormsmith/lock';

export class LockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: string,
  ) {
    super(`another stormsmith run (${holder}) is writing this output folder`);
  }
}

export const processIsAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return hasErrorCode(error, 'EPERM');
  }
};

interface LockContent {
  pid: number;
  host: string;
}

/**
 * Removes `lock.<pid>.<rand>` files of dead processes: what a crash between writing the private
 * file and linking it left behind. Called with the lock held; best effort.
 */
function sweepLeftovers(fs: ApplyFs, lockFile: string, isAlive: (pid: number) => boolean): void {
  try {
    const dir = nodePath.dirname(lockFile);
    const base = nodePath.basename(lockFile);
    for (const name of fs.readdir(dir)) {
      const m = /^(.+)\.(\d+)\.[0-9a-z]+$/.exec(name);
      if (m && m[1] === base && Number(m[2]) !== process.pid && !isAlive(Number(m[2])) && fs.lstat(nodePath.join(dir, name))?.kind === 'file') fs.unlink(nodePath.join(dir, name));
    }
  } catch {
    // a leftover costs a few bytes; never a reason to fail the run
  }
}

/** A real lock is about 60 bytes. */
const LOCK_MAX_BYTES = 4096;

const readHolder = (fs: ApplyFs, file: string): LockContent | null => {
  const read = fs.readRegularFile(file, LOCK_MAX_BYTES);
  if (read.kind !== 'file') return null;
  try {
    const v = JSON.parse(read.bytes.toString('utf8')) as Partial<LockContent>;
    return Number.isSafeInteger(v.pid) && typeof v.host === 'string' ? { pid: v.pid!, host: v.host.slice(0, 100) } : null;
  } catch {
    return null;
  }
};

/**
 * Takes the lock or throws LockedError; returns the release function. `isCommitted` says
 * whether the lock file is tracked in git (then it came with a checkout and is stale).
 */
export function acquireLock(fs: ApplyFs, lockFile: string, isAlive: (pid: number) => boolean = processIsAlive, isCommitted: () => boolean = () => false): () => void {
  const content = `${JSON.stringify({ pid: process.pid, host: os.hostname() })}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.createExclusive(lockFile, content);
      sweepLeftovers(fs, lockFile, isAlive);
      return () => fs.unlink(lockFile);
    } catch (error) {
      if (!hasErrorCode(error, 'EEXIST')) throw error;
      const holder = readHolder(fs, lockFile);
      // An unreadable lock (crash between create and write) or a dead holder on this host is stale.
      const stale = holder === null || (holder.host === os.hostname() && !isAlive(holder.pid)) || isCommitted();
      if (!stale || attempt > 0) throw new LockedError(lockFile, holder ? `pid ${holder.pid} on ${holder.host}` : 'unknown holder');
      fs.unlink(lockFile);
    }
  }
  throw new LockedError(lockFile, 'unknown holder');
}
