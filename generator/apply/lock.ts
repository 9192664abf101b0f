// One writer per output folder: an O_EXCL lock file holding the owner's pid and host. A lock
// whose process is gone (same host) is stale and taken over; a live one refuses the run.

import * as os from 'node:os';
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

const readHolder = (fs: ApplyFs, file: string): LockContent | null => {
  const bytes = fs.readFile(file);
  if (bytes === null) return null;
  try {
    const v = JSON.parse(bytes.toString('utf8')) as Partial<LockContent>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host } : null;
  } catch {
    return null;
  }
};

/** Takes the lock or throws LockedError; returns the release function. */
export function acquireLock(fs: ApplyFs, lockFile: string, isAlive: (pid: number) => boolean = processIsAlive): () => void {
  const content = `${JSON.stringify({ pid: process.pid, host: os.hostname() })}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.createExclusive(lockFile, content);
      return () => fs.unlink(lockFile);
    } catch (error) {
      if (!hasErrorCode(error, 'EEXIST')) throw error;
      const holder = readHolder(fs, lockFile);
      // An unreadable lock (crash between create and write) or a dead holder on this host is stale.
      const stale = holder === null || (holder.host === os.hostname() && !isAlive(holder.pid));
      if (!stale || attempt > 0) throw new LockedError(lockFile, holder ? `pid ${holder.pid} on ${holder.host}` : 'unknown holder');
      fs.unlink(lockFile);
    }
  }
  throw new LockedError(lockFile, 'unknown holder');
}
