// Turns an untrusted relative model path (from the renderer, over HTTP or IPC) into an absolute
// path that is provably inside the opened folder. Defence in depth: a syntactic check first,
// then `lstat` on every component below the root so that no symlink can redirect a read or write.

import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isNfc, WINDOWS_RESERVED } from '../../generator/model/index.js';
import { WorkspaceError } from './errors.js';

export const MODEL_EXTENSION = '.yaml';

// Characters Windows forbids in names, plus control characters: refused on every OS so that a
// folder authored on Linux still checks out on Windows.
const ILLEGAL_SEGMENT = /[<>:"|?*\\\u0000-\u001f]/;
/** Folders the model listing never shows (scan-models.ts): never written either. */
const UNLISTED_FOLDERS = new Set(['node_modules']);
/** scan-models.ts walks 16 folders deep: a deeper path is not in the listing. */
const MAX_SEGMENTS = 17;

/** Syntactic validation; returns the segments of a safe relative `.yaml` path. */
export function parseModelPath(relative: unknown): string[] {
  if (typeof relative !== 'string' || relative.length === 0 || relative.length > 1024) {
    throw new WorkspaceError('E_INVALID_PATH', 'a model path must be a non-empty relative path');
  }
  if (relative.startsWith('/') || /^[a-zA-Z]:/.test(relative) || relative.includes('\\')) {
    throw new WorkspaceError('E_INVALID_PATH', `"${printable(relative)}" is not a relative path with / separators`);
  }
  if (!isNfc(relative)) {
    throw new WorkspaceError('E_INVALID_PATH', `"${printable(relative)}" is not in Unicode NFC form`, 'macOS and Windows may store it under another name');
  }
  const segments = relative.split('/');
  if (segments.length > MAX_SEGMENTS) throw new WorkspaceError('E_INVALID_PATH', `"${printable(relative)}" is deeper than the model listing goes`);
  for (const segment of segments) {
    if (UNLISTED_FOLDERS.has(segment)) {
      throw new WorkspaceError('E_INVALID_PATH', `"${printable(relative)}" is inside ${segment}/, which holds no model files`, 'only files the model listing shows can be written');
    }
    if (segment === '' || segment === '.' || segment === '..') {
      throw new WorkspaceError('E_INVALID_PATH', `"${printable(relative)}" contains an empty, "." or ".." segment`);
    }
    if (segment.startsWith('.')) {
      throw new WorkspaceError('E_INVALID_PATH', `"${printable(relative)}" reaches a hidden file or folder`);
    }
    if (ILLEGAL_SEGMENT.test(segment) || WINDOWS_RESERVED.test(segment) || /[. ]$/.test(segment)) {
      throw new WorkspaceError('E_INVALID_PATH', `"${printable(relative)}" has a name that is not portable across operating systems`);
    }
  }
  if (!relative.endsWith(MODEL_EXTENSION)) {
    throw new WorkspaceError('E_NOT_MODEL_FILE', `"${printable(relative)}" is not a model file`, 'only .yaml files inside the opened folder can be read or written');
  }
  return segments;
}

/**
 * Resolves a relative model path under `realRoot` (already a real path). Every existing component
 * below the root is lstat'ed: a symlink anywhere is refused, and the deepest existing ancestor's
 * real path must still lie inside the root (guards against a race replacing a folder by a link).
 */
export async function resolveModelPath(realRoot: string, relative: unknown): Promise<string> {
  const segments = parseModelPath(relative);
  let current = realRoot;
  let deepestExisting = realRoot;
  for (const segment of segments) {
    current = path.join(current, segment);
    const stat = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw error;
    });
    if (stat === null) break;
    if (stat.isSymbolicLink()) {
      const target = await realpath(current).catch(() => null);
      const leaves = target === null || !isInside(realRoot, target);
      throw new WorkspaceError(
        leaves ? 'E_OUTSIDE_ROOT' : 'E_SYMLINK',
        `"${printable(String(relative))}" goes through a symbolic link${leaves ? ' that leaves the opened folder' : ''}`,
        'model files and their folders must be real files inside the opened folder',
      );
    }
    deepestExisting = current;
  }
  const realAncestor = await realpath(deepestExisting);
  if (!isInside(realRoot, realAncestor) && realAncestor !== realRoot) {
    throw new WorkspaceError('E_OUTSIDE_ROOT', `"${printable(String(relative))}" resolves outside the opened folder`);
  }
  const absolute = path.join(realRoot, ...segments);
  if (!isInside(realRoot, absolute)) {
    throw new WorkspaceError('E_OUTSIDE_ROOT', `"${printable(String(relative))}" resolves outside the opened folder`);
  }
  return absolute;
}

/** True when `candidate` is strictly below `root` (both absolute, normalised). */
export const isInside = (root: string, candidate: string): boolean => {
  const withSep = root.endsWith(path.sep) ? root : root + path.sep;
  return candidate.startsWith(withSep);
};

/** Keeps hostile input from injecting control characters into logs and messages. */
const printable = (text: string): string => JSON.stringify(text.slice(0, 200)).slice(1, -1);
