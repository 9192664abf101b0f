// Path safety for every path apply() touches (hardening.md C3, A3 "Paths").
// Names are checked by the same rules on every OS, so that a tree generated on Linux also
// checks out on Windows and on case-insensitive macOS volumes.

import * as nodePath from 'node:path';
import type { ApplyFs } from './fs-facade.js';
import type { ApplyProblem } from './types.js';

/** Device names Windows reserves in every folder, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const WINDOWS_ILLEGAL_CHARS = /[<>:"|?*\\]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

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
  if (path.normalize('NFC') !== path) {
    return problem('E_PATH_INVALID', path, `output path "${path}" is not in Unicode NFC form`, 'macOS and Windows may store it under a different name');
  }
  const segments = path.split('/');
  if (segments[0] === STATE_DIR) {
    return problem('E_PATH_RESERVED', path, `output path "${path}" is inside ${STATE_DIR}/, which stormsmith keeps for its manifest`);
  }
  for (const segment of segments) {
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
  }
  return null;
}

/** The key under which two names are the same file on a case-insensitive, normalising FS. */
export const foldPath = (path: string): string => path.normalize('NFC').toLowerCase().normalize('NFC');

/**
 * Paths (and their parent folders) that name the same file on a case-insensitive or
 * normalising file system. Checked on every OS so that the result does not depend on where
 * generation ran.
 */
export function findCollisions(paths: Iterable<string>): ApplyProblem[] {
  const seen = new Map<string, string>();
  const problems: ApplyProblem[] = [];
  const reported = new Set<string>();
  for (const path of paths) {
    const segments = path.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      const key = foldPath(prefix);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, prefix);
      else if (first !== prefix && !reported.has(key)) {
        reported.add(key);
        problems.push(
          problem('E_PATH_COLLISION', path, `"${prefix}" and "${first}" are the same name on case-insensitive file systems (Windows, macOS)`, 'rename one of the model elements'),
        );
      }
    }
  }
  return problems;
}

/**
 * Checks the real file system: every existing component of `root/rel` is a real folder (no
 * symlink, lstat'ed one by one) and the final component, when present, is a regular file. As
 * no component may be a symlink and `root` is already a real path, the result stays inside it.
 */
export function checkOnDisk(fs: ApplyFs, realRoot: string, rel: string): ApplyProblem | null {
  const resolved = nodePath.resolve(realRoot, rel);
  if (!resolved.startsWith(realRoot + nodePath.sep)) {
    return problem('E_PATH_ESCAPE', rel, `"${rel}" resolves outside the output folder`);
  }
  const segments = rel.split('/');
  let current = realRoot;
  for (let i = 0; i < segments.length; i++) {
    current = nodePath.join(current, segments[i]!);
    const stat = fs.lstat(current);
    if (stat === null) return null;
    const last = i === segments.length - 1;
    if (stat.kind === 'symlink') {
      return problem('E_PATH_SYMLINK', rel, `"${segments.slice(0, i + 1).join('/')}" is a symbolic link; stormsmith never writes through links`, 'replace the link with a real folder or file');
    }
    if (!last && stat.kind !== 'directory') {
      return problem('E_PATH_NOT_DIR', rel, `"${segments.slice(0, i + 1).join('/')}" exists and is not a folder`);
    }
    if (last && stat.kind !== 'file') {
      return problem('E_PATH_NOT_FILE', rel, `"${rel}" exists and is not a regular file`);
    }
  }
  return null;
}
