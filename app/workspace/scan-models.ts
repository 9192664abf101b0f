// Walks the opened folder for model files. Hidden entries (`.git`, our temp and lock files),
// node_modules and every symlink are skipped: the workspace only ever shows real `.yaml` files
// that `resolveModelPath` would also accept.

import { lstat, open, readdir } from 'node:fs/promises';
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
  // A file above the model cap is never read in full on every rescan (a 600 MB .yaml cost 9
  // CPU-seconds per 10 s idle): it is identified by size and mtime, and the workspace refuses to
  // open it. The read itself is capped too (size-0 /proc-like files).
  if (stat.size > SCAN_MAX_BYTES) return `too-large:${stat.size}:${stat.mtimeMs}`;
  const handle = await open(absolute, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size, 64 * 1024), SCAN_MAX_BYTES + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > SCAN_MAX_BYTES) return `too-large:${stat.size}:${stat.mtimeMs}`;
    }
    return contentHash(Buffer.concat(chunks, total));
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

/** The model-file cap (node-workspace.ts MAX_MODEL_BYTES, generator/io/read-model.ts). */
export const SCAN_MAX_BYTES = 5 * 1024 * 1024;

const isAcceptedPath = (relative: string): boolean => {
  try {
    parseModelPath(relative);
    return true;
  } catch {
    return false;
  }
};
