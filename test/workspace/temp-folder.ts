// Real temporary folders for workspace tests (the OS temp dir, removed in teardown).

import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TempFolder {
  dir: string;
  write(relative: string, text: string): Promise<string>;
  remove(): Promise<void>;
}

export async function makeTempFolder(prefix = 'stormsmith-ws-'): Promise<TempFolder> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return {
    dir,
    async write(relative, text) {
      const file = path.join(dir, relative);
      await mkdir(path.dirname(file), { recursive: true });
      // Written whole (hidden temp + rename) so a watcher never sees a half-written file and
      // tests can assert exact change sequences.
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.test-tmp`);
      await writeFile(temp, text);
      await rename(temp, file);
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Polls `check` until it returns true; the timeout only bounds a broken run, it asserts nothing. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
