// The file operations apply() performs, behind one narrow interface. Production uses node:fs
// (synchronous calls: on this kind of machine they beat fs.promises for many small files, see
// performance.md); the fault-injection test wraps it to fail the k-th operation.

import * as fs from 'node:fs';

export interface FileStat {
  kind: 'file' | 'directory' | 'symlink' | 'other';
}

/** What is at a path, read without following a final symlink. */
export type RegularFileRead = { kind: 'missing' } | { kind: 'file'; bytes: Buffer } | { kind: 'symlink' | 'other' } | { kind: 'too-large'; limit: number };

/** Who a regular file is, as lstat tells (device, inode, size, change times), and when it last changed. */
export interface FileIdentity {
  /** Changes whenever the file is written, replaced or touched (ctime moves with every change). */
  id: string;
  /** The later of its mtime and ctime, in ms. */
  changedMs: number;
  /** When the identity was taken (Date.now()): a file that changed shortly before is "racy" (known-hashes.ts). */
  takenMs: number;
}

export interface ApplyFs {
  /**
   * The identity of a regular file (never a link), or null. Optional: a file system without it
   * never lets apply() take a file's hash from an earlier run (ApplyOptions.knownHashes).
   */
  identity?(path: string): FileIdentity | null;
  /** Bytes of a file, or null when nothing exists at the path. */
  readFile(path: string): Buffer | null;
  /**
   * Bytes of a regular file; never reads through a symlink (O_NOFOLLOW where the OS has it).
   * With `maxBytes`, reads at most that many bytes whatever stat says (size-0 /proc-like files
   * included) and answers 'too-large' beyond it.
   */
  readRegularFile(path: string, maxBytes?: number): RegularFileRead;
  /** lstat (never follows a symlink); null when nothing exists at the path. */
  lstat(path: string): FileStat | null;
  realpath(path: string): string;
  readdir(path: string): string[];
  writeFile(path: string, data: string | Buffer): void;
  /** Create a file with its content in one step; throws EEXIST when the path exists. */
  createExclusive(path: string, data: string): void;
  rename(from: string, to: string): void;
  unlink(path: string): void;
  mkdir(path: string): void;
  /** Remove an empty directory; returns false when it is not empty or gone. */
  rmdirIfEmpty(path: string): boolean;
  /** Remove a tree (used only for stormsmith's own scratch folder). */
  removeTree(path: string): void;
}

const statKind = (s: fs.Stats): FileStat['kind'] =>
  s.isSymbolicLink() ? 'symlink' : s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';

const O_NOFOLLOW: number | undefined = (fs.constants as { O_NOFOLLOW?: number }).O_NOFOLLOW;

const isCode = (error: unknown, ...codes: string[]): boolean =>
  typeof error === 'object' && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? '');

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/** A rename that retries transient lock errors with doubling waits, up to `budgetMs` in total. */
export function retryingRename(rename: (from: string, to: string) => void, sleep: (ms: number) => void, budgetMs = 10_000): (from: string, to: string) => void {
  return (from, to) => {
    let waited = 0;
    for (let delay = 10; ; delay = Math.min(delay * 2, 1000)) {
      try {
        rename(from, to);
        return;
      } catch (error) {
        if (!isCode(error, 'EPERM', 'EBUSY', 'EACCES') || waited >= budgetMs) throw error;
        sleep(delay);
        waited += delay;
      }
    }
  };
}

/** Reads at most `maxBytes` (+1 to notice more) from an open file, never trusting its stat size. */
export function readCapped(fd: number, maxBytes: number): RegularFileRead {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) return { kind: 'too-large', limit: maxBytes };
  }
  return { kind: 'file', bytes: Buffer.concat(chunks, total) };
}

/** The file operations createExclusive needs (a seam for the ENOSPC test). */
export interface ExclusiveOps {
  writeFileSync(path: string, data: string, options: { flag: 'wx' }): void;
  linkSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/**
 * Write a private file, then hard-link it into place: link() fails with EEXIST like O_EXCL, and a
 * reader never sees the lock file without its content. The private file is removed whatever
 * fails (a full disk used to leave `lock.<pid>.<rand>` behind for good).
 */
export function createExclusiveVia(ops: ExclusiveOps, path: string, data: string): void {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    ops.writeFileSync(temp, data, { flag: 'wx' });
    ops.linkSync(temp, path);
  } finally {
    try {
      ops.unlinkSync(temp);
    } catch {
      // never created (wx failed before creating it), or already gone
    }
  }
}

export const nodeFs: ApplyFs = {
  readFile(path) {
    try {
      return fs.readFileSync(path);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null;
      throw error;
    }
  },
  readRegularFile(path, maxBytes) {
    if (O_NOFOLLOW === undefined) {
      // No O_NOFOLLOW (Windows): lstat first; the window between the calls is accepted there.
      const stat = fs.lstatSync(path, { throwIfNoEntry: false });
      if (!stat) return { kind: 'missing' };
      if (!stat.isFile()) return { kind: stat.isSymbolicLink() ? 'symlink' : 'other' };
      if (maxBytes === undefined) return { kind: 'file', bytes: fs.readFileSync(path) };
      const fd = fs.openSync(path, 'r');
      try {
        return readCapped(fd, maxBytes);
      } finally {
        fs.closeSync(fd);
      }
    }
    let fd: number;
    try {
      fd = fs.openSync(path, fs.constants.O_RDONLY | O_NOFOLLOW);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { kind: 'missing' };
      if (isCode(error, 'ELOOP', 'EMLINK')) return { kind: 'symlink' };
      if (isCode(error, 'EISDIR')) return { kind: 'other' };
      throw error;
    }
    try {
      if (!fs.fstatSync(fd).isFile()) return { kind: 'other' };
      return maxBytes === undefined ? { kind: 'file', bytes: fs.readFileSync(fd) } : readCapped(fd, maxBytes);
    } finally {
      fs.closeSync(fd);
    }
  },
  lstat(path) {
    const s = fs.lstatSync(path, { throwIfNoEntry: false });
    return s ? { kind: statKind(s) } : null;
  },
  identity(path) {
    const s = fs.lstatSync(path, { bigint: true, throwIfNoEntry: false });
    if (!s || !s.isFile()) return null;
    return { id: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.mode}`, changedMs: Number((s.mtimeNs > s.ctimeNs ? s.mtimeNs : s.ctimeNs) / 1_000_000n), takenMs: Date.now() };
  },
  realpath: (path) => fs.realpathSync.native(path),
  readdir: (path) => fs.readdirSync(path),
  writeFile: (path, data) => fs.writeFileSync(path, data),
  createExclusive(path, data) {
    createExclusiveVia(fs, path, data);
  },
  // Windows: an antivirus scanner or indexer briefly holding a file makes rename fail with
  // EPERM/EBUSY; retry with backoff like graceful-fs (hardening.md C3.36).
  rename: process.platform === 'win32' ? retryingRename((from, to) => fs.renameSync(from, to), sleepSync) : (from, to) => fs.renameSync(from, to),
  unlink: (path) => fs.unlinkSync(path),
  mkdir: (path) => {
    fs.mkdirSync(path);
  },
  rmdirIfEmpty(path) {
    try {
      fs.rmdirSync(path);
      return true;
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTEMPTY', 'EEXIST')) return false;
      throw error;
    }
  },
  removeTree: (path) => fs.rmSync(path, { recursive: true, force: true }),
};

export { isCode as hasErrorCode };
