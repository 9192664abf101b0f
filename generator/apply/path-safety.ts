// Path safety for every path apply() touches (hardening.md C3, A3 "Paths").
// Names are checked by the same rules on every OS, so that a tree generated on Linux also
// checks out on Windows and on case-insensitive macOS volumes.

import * as nodePath from 'node:path';
import type { ApplyFs, FileIdentity } from './fs-facade.js';
import type { ApplyProblem } from './types.js';

import { WINDOWS_RESERVED } from '../model/portable-name.js';

const WINDOWS_ILLEGAL_CHARS = /[<>:"|?*\\]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Plain ASCII needs no Unicode normalisation (the common case, and a hot path: 5000+ paths a run). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Stormsmith's own folder inside the output; planned files may not live there. */
export const STATE_DIR = '.stormsmith';

const problem = (code: string, path: string, message: string, hint?: string): ApplyProblem => ({
  code,
  path,
  message,
  ...(hint ? { hint } : {}),
});

/** Why a relative output path is unsafe by name alone, or null when it is fine. */
export function checkPathName(path: string): ApplyProblem | null {
  if (path.length === 0) return problem('E_PATH_INVALID', path, 'empty output path');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.includes('\\')) {
    return problem('E_PATH_ESCAPE', path, `output path "${path}" is absolute or uses "\\"`, 'planned paths are relative, with "/" separators');
  }
  if (!PRINTABLE_ASCII.test(path) && path.normalize('NFC') !== path) {
    return problem('E_PATH_INVALID', path, `output path "${path}" is not in Unicode NFC form`, 'macOS and Windows may store it under a different name');
  }
  const segments = path.split('/');
  if (segments[0] === STATE_DIR) {
    return problem('E_PATH_RESERVED', path, `output path "${path}" is inside ${STATE_DIR}/, which stormsmith keeps for its manifest`);
  }
  for (const segment of segments) {
    if (GOOD_SEGMENTS.has(segment)) continue;
    const bad = checkSegment(path, segment);
    if (bad) return bad;
    GOOD_SEGMENTS.add(segment);
  }
  return null;
}

/** Segments already found fine (a plan repeats its folder names thousands of times). */
const GOOD_SEGMENTS = new Set<string>();

function checkSegment(path: string, segment: string): ApplyProblem | null {
  if (segment === '' || segment === '.' || segment === '..') {
    return problem('E_PATH_ESCAPE', path, `output path "${path}" has an empty, "." or ".." segment`);
  }
  if (CONTROL_CHARS.test(segment) || WINDOWS_ILLEGAL_CHARS.test(segment)) {
    return problem('E_PATH_WINDOWS', path, `output path "${path}" contains a character Windows forbids (<>:"|?*\\ or a control character)`);
  }
  if (WINDOWS_RESERVED.test(segment)) {
    return problem('E_PATH_WINDOWS', path, `output path "${path}" uses "${segment}", a device name Windows reserves`, 'rename the model element');
  }
  if (/[. ]$/.test(segment)) {
    return problem('E_PATH_WINDOWS', path, `output path "${path}" has a segment ending in a dot or space, which Windows strips`);
  }
  return null;
}

/** The key under which two names are the same file on a case-insensitive, normalising FS. */
export const foldPath = (path: string): string => (PRINTABLE_ASCII.test(path) ? path.toLowerCase() : path.normalize('NFC').toLowerCase().normalize('NFC'));

/**
 * Paths (and their parent folders) that name the same file on a case-insensitive or
 * normalising file system. Checked on every OS so that the result does not depend on where
 * generation ran.
 */
export function findCollisions(paths: Iterable<string>): ApplyProblem[] {
  const seen = new Map<string, string>();
  const problems: ApplyProblem[] = [];
  const reported = new Set<string>();
  const visit = (prefix: string, path: string): boolean => {
    const key = foldPath(prefix);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, prefix);
      return false;
    }
    if (first !== prefix && !reported.has(key)) {
      reported.add(key);
      problems.push(problem('E_PATH_COLLISION', path, `"${prefix}" and "${first}" are the same name on case-insensitive file systems (Windows, macOS)`, 'rename one of the model elements'));
    }
    return first === prefix;
  };
  for (const path of paths) {
    visit(path, path);
    // Parent folders, deepest first; once a folder was seen exactly, its parents were too.
    for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
      if (visit(path.slice(0, end), path)) break;
    }
  }
  return problems;
}

/**
 * Reads output files through checked paths: every existing folder on the way is a real folder
 * (lstat'ed once per run, never a symlink) and the file itself is a regular file read without
 * following a link. As `realRoot` is a real path and no component may be a link, everything
 * read (and later written) stays inside it.
 */
export class SafeReader {
  /** Folder (relative) -> 'ok' | 'missing' | the problem with it. */
  private readonly dirs = new Map<string, 'ok' | 'missing' | ApplyProblem>();

  constructor(
    private readonly fs: ApplyFs,
    private readonly realRoot: string,
  ) {}

  private dir(rel: string, forPath: string): 'ok' | 'missing' | ApplyProblem {
    const cached = this.dirs.get(rel);
    if (cached !== undefined) return typeof cached === 'string' ? cached : { ...cached, path: forPath };
    const slash = rel.lastIndexOf('/');
    const parent = slash < 0 ? 'ok' : this.dir(rel.slice(0, slash), forPath);
    let result: 'ok' | 'missing' | ApplyProblem;
    if (parent !== 'ok') result = parent;
    else {
      const stat = this.fs.lstat(nodePath.join(this.realRoot, ...rel.split('/')));
      if (stat === null) result = 'missing';
      else if (stat.kind === 'symlink') result = problem('E_PATH_SYMLINK', forPath, `"${rel}" is a symbolic link; stormsmith never writes through links`, 'replace the link with a real folder');
      else if (stat.kind !== 'directory') result = problem('E_PATH_NOT_DIR', forPath, `"${rel}" exists and is not a folder`);
      else result = 'ok';
    }
    this.dirs.set(rel, result);
    return result;
  }

  /**
   * The identity of the regular file at `rel` when its path is safe (every folder above it real),
   * else undefined: the caller then reads it, which reports whatever is wrong.
   */
  identity(rel: string): FileIdentity | undefined {
    if (!this.fs.identity) return undefined;
    const resolved = nodePath.resolve(this.realRoot, rel);
    if (!resolved.startsWith(this.realRoot + nodePath.sep)) return undefined;
    const slash = rel.lastIndexOf('/');
    if ((slash < 0 ? 'ok' : this.dir(rel.slice(0, slash), rel)) !== 'ok') return undefined;
    return this.fs.identity(resolved) ?? undefined;
  }

  /** The bytes at `rel` (null when absent), or why the path is unsafe. */
  read(rel: string): { bytes: Buffer | null } | { problem: ApplyProblem } {
    const resolved = nodePath.resolve(this.realRoot, rel);
    if (!resolved.startsWith(this.realRoot + nodePath.sep)) return { problem: problem('E_PATH_ESCAPE', rel, `"${rel}" resolves outside the output folder`) };
    const slash = rel.lastIndexOf('/');
    const parent = slash < 0 ? 'ok' : this.dir(rel.slice(0, slash), rel);
    if (parent === 'missing') return { bytes: null };
    if (parent !== 'ok') return { problem: parent };
    const found = this.fs.readRegularFile(resolved);
    if (found.kind === 'missing') return { bytes: null };
    if (found.kind === 'file') return { bytes: found.bytes };
    if (found.kind === 'symlink') return { problem: problem('E_PATH_SYMLINK', rel, `"${rel}" is a symbolic link; stormsmith never writes through links`, 'replace the link with a real file') };
    return { problem: problem('E_PATH_NOT_FILE', rel, `"${rel}" exists and is not a regular file`) };
  }
}
