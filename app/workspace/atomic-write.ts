// Atomic replace of one file: write a temp file in the same folder, fsync it, rename it over the
// target, fsync the folder. A crash leaves the old or the new content, never a truncated file;
// the temp name matches TEMP_FILE so that a later open can sweep leftovers (and only ours).

import { randomBytes } from 'node:crypto';
import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/** `.lending.yaml.3f9a0c1b2d4e.tmp`: hidden, not `.yaml`, so no listing or watcher ever sees it. */
export const TEMP_FILE = /^\.(.+\.yaml)\.[0-9a-f]{12}\.tmp$/;

export async function writeFileAtomic(target: string, bytes: string): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await stat(target).then((s) => s.mode & 0o777, () => 0o644);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(bytes, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Rename errors that mean "someone holds the file right now" (Windows antivirus, indexers). */
const TRANSIENT_RENAME = new Set(['EPERM', 'EACCES', 'EBUSY']);

/**
 * On Windows a rename over a file another process has open fails for a moment; graceful-fs-style
 * bounded retry with backoff, then the error (the caller keeps the document dirty). Elsewhere
 * these codes are permanent, so no retry.
 */
export async function renameWithRetry(
  from: string,
  to: string,
  options: { rename?: (a: string, b: string) => Promise<void>; platform?: NodeJS.Platform; sleep?: (ms: number) => Promise<void>; budgetMs?: number } = {},
): Promise<void> {
  const doRename = options.rename ?? rename;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retry = (options.platform ?? process.platform) === 'win32';
  let waited = 0;
  for (let delay = 10; ; delay = Math.min(delay * 2, 500)) {
    try {
      return await doRename(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!retry || !TRANSIENT_RENAME.has(code) || waited >= (options.budgetMs ?? 5_000)) throw error;
      await sleep(delay);
      waited += delay;
    }
  }
}

/** Makes the rename itself durable; not supported on every platform (Windows), hence best effort. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}

/** Removes temp files a crashed writer left in `dir` (only names matching TEMP_FILE). */
export async function sweepStaleTemps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile() && TEMP_FILE.test(entry.name)) {
      await unlink(path.join(dir, entry.name)).then(() => removed.push(entry.name), () => undefined);
    }
  }
  return removed;
}
