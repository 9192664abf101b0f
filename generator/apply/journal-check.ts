// What recovery may believe about a journal found in .stormsmith/txn/. The output folder is
// untrusted input (a pull request can carry a journal), so a journal is acted on only when it has
// exactly the shape transaction.ts writes: every target a safe relative path inside the output
// folder (or one of stormsmith's own state files), every staged and backup path the fixed
// `.stormsmith/txn/{new,old}/<index>` of its op, every folder an ancestor of a target, and nothing
// on the way a symbolic link. Anything else is a JournalError, raised before anything is touched.

import type { ApplyFs } from './fs-facade.js';
import { MANIFEST_PATH } from './manifest.js';
import { checkPathName, STATE_DIR } from './path-safety.js';
import { STATE_GITIGNORE_PATH } from './state-files.js';

export const TXN_DIR = `${STATE_DIR}/txn`;
export const JOURNAL = `${TXN_DIR}/journal.json`;

export interface JournalOp {
  path: string;
  /** Staged new content, relative to the root; null for a removal. */
  staged: string | null;
  /** Where the previous file is parked, relative to the root. */
  backup: string;
  existed: boolean;
}

export interface Journal {
  ops: JournalOp[];
  /** Folders the transaction creates, parents first. */
  dirs: string[];
}

/** A journal stormsmith cannot have written; recovery refuses it and touches nothing. */
export class JournalError extends Error {
  readonly code = 'E_JOURNAL_INVALID';
  constructor(reason: string) {
    super(`refusing the interrupted-run journal ${JOURNAL}: ${reason}`);
  }
}

/** State files a transaction may replace besides planned outputs. */
const STATE_TARGETS = new Set([MANIFEST_PATH, STATE_GITIGNORE_PATH]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const hasExactly = (v: Record<string, unknown>, keys: string[]): boolean => {
  const own = Object.keys(v);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(v, k));
};

/** Short, printable rendering of an untrusted value for a message (never its full content). */
const shown = (v: unknown): string => {
  const text = typeof v === 'string' ? v : typeof v;
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
};

function checkTarget(path: unknown, where: string): string {
  if (typeof path !== 'string') throw new JournalError(`${where}: "path" is not a string`);
  if (STATE_TARGETS.has(path)) return path;
  const bad = checkPathName(path);
  if (bad) throw new JournalError(`${where}: path ${shown(path)} is not a safe path inside the output folder`);
  return path;
}

/** Parses and checks the journal's bytes; throws JournalError for anything transaction.ts would not write. */
export function parseJournal(bytes: Buffer): Journal {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    // The parser's message quotes the input: not echoed.
    throw new JournalError('it is not valid JSON');
  }
  if (!isPlainObject(raw) || !hasExactly(raw, ['ops', 'dirs'])) throw new JournalError('it is not an object with exactly "ops" and "dirs"');
  if (!Array.isArray(raw.ops) || !Array.isArray(raw.dirs)) throw new JournalError('"ops" and "dirs" must be arrays');
  const seen = new Set<string>();
  const ops: JournalOp[] = raw.ops.map((op: unknown, i: number) => {
    const where = `ops[${i}]`;
    if (!isPlainObject(op) || !hasExactly(op, ['path', 'staged', 'backup', 'existed'])) throw new JournalError(`${where} is not an object with exactly path, staged, backup, existed`);
    const path = checkTarget(op.path, where);
    if (seen.has(path)) throw new JournalError(`${where}: path ${shown(path)} appears twice`);
    seen.add(path);
    if (op.staged !== null && op.staged !== `${TXN_DIR}/new/${i}`) throw new JournalError(`${where}: staged must be null or "${TXN_DIR}/new/${i}", found ${shown(op.staged)}`);
    if (op.backup !== `${TXN_DIR}/old/${i}`) throw new JournalError(`${where}: backup must be "${TXN_DIR}/old/${i}", found ${shown(op.backup)}`);
    if (typeof op.existed !== 'boolean') throw new JournalError(`${where}: "existed" is not a boolean`);
    return { path, staged: op.staged, backup: op.backup, existed: op.existed };
  });
  const ancestors = new Set<string>();
  for (const { path } of ops) {
    for (let end = path.indexOf('/'); end > 0; end = path.indexOf('/', end + 1)) ancestors.add(path.slice(0, end));
  }
  const dirs = raw.dirs.map((dir: unknown, i: number) => {
    if (typeof dir !== 'string' || !ancestors.has(dir) || dir === STATE_DIR) throw new JournalError(`dirs[${i}] ${shown(dir)} is not a folder of a target path`);
    return dir;
  });
  if (new Set(dirs).size !== dirs.length) throw new JournalError('"dirs" lists a folder twice');
  return { ops, dirs };
}

/**
 * Checks what rollback will touch: every existing folder on the way to a target is a real
 * folder, and targets and parked backups are regular files (rename and unlink never follow a
 * final link, but a linked folder on the way would lead outside).
 */
export function checkJournalOnDisk(fs: ApplyFs, root: string, journal: Journal): void {
  const at = (rel: string) => fs.lstat([root, ...rel.split('/')].join('/'));
  const dirKinds = new Map<string, string>();
  const realFolder = (rel: string): boolean => {
    let kind = dirKinds.get(rel);
    if (kind === undefined) {
      kind = at(rel)?.kind ?? 'missing';
      dirKinds.set(rel, kind);
    }
    return kind === 'directory' || kind === 'missing';
  };
  for (const dir of [`${TXN_DIR}/new`, `${TXN_DIR}/old`, ...journal.dirs]) {
    if (!realFolder(dir)) throw new JournalError(`"${dir}" is a symbolic link or not a folder`);
  }
  for (const op of journal.ops) {
    for (let end = op.path.indexOf('/'); end > 0; end = op.path.indexOf('/', end + 1)) {
      const dir = op.path.slice(0, end);
      if (!realFolder(dir)) throw new JournalError(`"${dir}" (on the way to "${op.path}") is a symbolic link or not a folder`);
    }
    for (const file of [op.path, op.backup]) {
      const kind = at(file)?.kind;
      if (kind !== undefined && kind !== 'file') throw new JournalError(`"${file}" is a symbolic link or not a regular file`);
    }
  }
}
