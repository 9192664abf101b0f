// Walks the opened folder for model files. Hidden entries (`.git`, our temp and lock files),
// node_modules and every symlink are skipped: the workspace only ever shows real `.yaml` files
// that `resolveModelPath` would also accept.

import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentHash } from './content-hash.js';
import { MODEL_EXTENSION, parseModelPath } from './model-path.js';

export interface ScanResult {
  /** Relative path (`/` separators) -> sha256 of its bytes, sorted by path. */
  files: Map<string, string>;
  /** Absolute paths of every real directory walked (the root included). */
  directories: string[];
}

const MAX_DEPTH = 16;
const SKIPPED_DIRECTORIES = new Set(['node_modules']);

export async function scanModels(realRoot: string): Promise<ScanResult> {
  const found: [string, string][] = [];
  const directories: string[] = [];
  await walk(realRoot, [], 0);
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: new Map(found), directories };

  async function walk(dir: string, prefix: string[], depth: number): Promise<void> {
    directories.push(dir);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED_DIRECTORIES.has(entry.name)) await walk(absolute, [...prefix, entry.name], depth + 1);
        continue;
      }
      if (!entry.isFile() || !entry.name.endsWith(MODEL_EXTENSION)) continue;
      const relative = [...prefix, entry.name].join('/');
      if (!isAcceptedPath(relative)) continue;
      const hash = await hashFile(absolute);
      if (hash !== null) found.push([relative, hash]);
    }
  }
}

/** The hash of a regular file, or null when it vanished or became something else meanwhile. */
export async function hashFile(absolute: string): Promise<string | null> {
  const stat = await lstat(absolute).catch(() => null);
  if (!stat?.isFile()) return null;
  return readFile(absolute).then(contentHash, () => null);
}

const isAcceptedPath = (relative: string): boolean => {
  try {
    parseModelPath(relative);
    return true;
  } catch {
    return false;
  }
};
