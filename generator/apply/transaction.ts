// All-or-nothing replacement of a set of files, through a journal.
//
// 1. every new content is staged under .stormsmith/txn/new/ (same file system as the targets);
// 2. the journal (what will move where) is written and renamed into place;
// 3. each existing target is renamed into .stormsmith/txn/old/, then its staged file is renamed
//    over the target; removals only move the target to old/; the manifest is the last target;
// 4. deleting the journal is the commit point; old/ is then discarded.
// A failure before the commit point is rolled back at once from the journal; if the process died,
// the next run finds the journal and rolls back first. Rollback is idempotent, so a crash while
// rolling back is healed by the next run too. Targets are only ever renamed away, never edited,
// so a target with no backup in old/ is still the previous file.
//
// The journal lives in the output folder, which is untrusted input (a pull request can commit
// one): recovery acts only on a journal of exactly the shape this file writes (journal-check.ts),
// with every path checked and contained, and refuses anything else with nothing touched.

import * as nodePath from 'node:path';
import type { ApplyFs } from './fs-facade.js';
import { checkJournalOnDisk, JOURNAL, JournalError, parseJournal, TXN_DIR, type Journal, type JournalOp } from './journal-check.js';

export { JournalError, TXN_DIR };

/** One target of a transaction: new contents, or null to remove it. */
export interface TxnWrite {
  path: string;
  contents: string | Buffer | null;
}

const abs = (root: string, rel: string): string => nodePath.join(root, ...rel.split('/'));

export const hasJournal = (fs: ApplyFs, root: string): boolean => fs.lstat(abs(root, JOURNAL)) !== null;

/** Folders that must be created for `paths`, parents first (deterministic order). */
function missingDirs(fs: ApplyFs, root: string, paths: string[]): string[] {
  const dirs = new Set<string>();
  for (const path of paths) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      if (!dirs.has(dir) && fs.lstat(abs(root, dir)) === null) dirs.add(dir);
    }
  }
  return [...dirs].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
}

function rollback(fs: ApplyFs, root: string, journal: Journal): void {
  for (const op of [...journal.ops].reverse()) {
    const target = abs(root, op.path);
    if (op.existed) {
      if (fs.lstat(abs(root, op.backup)) !== null) fs.rename(abs(root, op.backup), target);
    } else if (fs.lstat(target) !== null) {
      fs.unlink(target);
    }
  }
  for (const dir of [...journal.dirs].reverse()) fs.rmdirIfEmpty(abs(root, dir));
  fs.unlink(abs(root, JOURNAL));
  fs.removeTree(abs(root, TXN_DIR));
}

/**
 * The journal a dead process left behind, checked: null when there is none, else the journal
 * (throws JournalError, having touched nothing, when it is not one this file could have written).
 */
export function readInterrupted(fs: ApplyFs, root: string): Journal | null {
  const state = fs.lstat(abs(root, '.stormsmith'));
  if (state === null) return null;
  if (state.kind !== 'directory') throw new JournalError('.stormsmith is not a real folder (a symbolic link or a file)');
  const txn = fs.lstat(abs(root, TXN_DIR));
  if (txn === null) return null;
  if (txn.kind !== 'directory') throw new JournalError(`${TXN_DIR} is not a real folder (a symbolic link or a file)`);
  const read = fs.readRegularFile(abs(root, JOURNAL), JOURNAL_MAX_BYTES);
  if (read.kind === 'missing') return null;
  if (read.kind === 'symlink') throw new JournalError(`${JOURNAL} is a symbolic link`);
  if (read.kind === 'too-large') throw new JournalError(`${JOURNAL} is larger than ${JOURNAL_MAX_BYTES} bytes`);
  if (read.kind !== 'file') throw new JournalError(`${JOURNAL} is not a regular file`);
  const journal = parseJournal(read.bytes);
  checkJournalOnDisk(fs, root, journal);
  return journal;
}

/** Far above any real journal (about 120 bytes per file written). */
export const JOURNAL_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Rolls back a transaction a dead process left behind, and clears scratch files. Returns true
 * when a rollback happened. Call with the output folder's lock held. Throws JournalError with
 * nothing touched when the journal is not one stormsmith wrote.
 */
export function recoverInterrupted(fs: ApplyFs, root: string): boolean {
  const journal = readInterrupted(fs, root);
  if (journal !== null) {
    rollback(fs, root, journal);
    return true;
  }
  // readInterrupted() found .stormsmith/txn a real folder (or absent): removing it stays inside.
  if (fs.lstat(abs(root, TXN_DIR)) !== null) fs.removeTree(abs(root, TXN_DIR));
  return false;
}

/** Applies `writes` (removals first is the caller's order) all-or-nothing. */
export function commitTransaction(fs: ApplyFs, root: string, writes: TxnWrite[]): void {
  if (writes.length === 0) return;
  recoverInterrupted(fs, root);
  fs.mkdir(abs(root, TXN_DIR));
  let journal: Journal | null = null;
  try {
    fs.mkdir(abs(root, `${TXN_DIR}/new`));
    fs.mkdir(abs(root, `${TXN_DIR}/old`));
    const ops: JournalOp[] = writes.map((w, i) => ({
      path: w.path,
      staged: w.contents === null ? null : `${TXN_DIR}/new/${i}`,
      backup: `${TXN_DIR}/old/${i}`,
      existed: fs.lstat(abs(root, w.path)) !== null,
    }));
    writes.forEach((w, i) => {
      if (w.contents !== null) fs.writeFile(abs(root, ops[i]!.staged!), w.contents);
    });
    const candidate: Journal = { ops, dirs: missingDirs(fs, root, writes.filter((w) => w.contents !== null).map((w) => w.path)) };
    fs.writeFile(abs(root, `${JOURNAL}.tmp`), JSON.stringify(candidate));
    fs.rename(abs(root, `${JOURNAL}.tmp`), abs(root, JOURNAL));
    journal = candidate;
    for (const dir of journal.dirs) fs.mkdir(abs(root, dir));
    for (const op of journal.ops) {
      const target = abs(root, op.path);
      if (op.existed) fs.rename(target, abs(root, op.backup));
      if (op.staged !== null) fs.rename(abs(root, op.staged), target);
    }
    fs.unlink(abs(root, JOURNAL)); // commit point
  } catch (error) {
    try {
      if (journal) rollback(fs, root, journal);
      else fs.removeTree(abs(root, TXN_DIR));
    } catch {
      // The journal is still there: the next run (under the lock) rolls back first.
    }
    throw error;
  }
  // Committed: the rest is tidying, and a failure here leaves the new tree whole.
  try {
    fs.removeTree(abs(root, TXN_DIR));
    pruneEmptyDirs(fs, root, writes.filter((w) => w.contents === null).map((w) => w.path));
  } catch {
    // The next run clears .stormsmith/txn; an empty folder left behind is harmless.
  }
}

/** Removes folders that removals left empty, deepest first. */
function pruneEmptyDirs(fs: ApplyFs, root: string, removed: string[]): void {
  const dirs = new Set<string>();
  for (const path of removed) {
    const segments = path.split('/');
    for (let i = segments.length - 1; i > 0; i--) dirs.add(segments.slice(0, i).join('/'));
  }
  for (const dir of [...dirs].sort((a, b) => b.split('/').length - a.split('/').length)) fs.rmdirIfEmpty(abs(root, dir));
}
