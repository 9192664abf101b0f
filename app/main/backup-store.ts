// Hot-exit backups: unsaved model edits are kept in the app data folder (never in the user's
// repo) until they are saved or discarded, so a crash, a kill or a quit loses nothing. One file
// per (folder, model path), named by a hash of both; the content names its folder and path.

import { createHash } from 'node:crypto';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { BackupEntry } from '../shared/ipc-contract.js';
import { MAX_MODEL_BYTES } from '../workspace/node-workspace.js';
import { readJson, writeJson } from './json-store.js';

interface StoredBackup extends BackupEntry {
  version: 1;
  root: string;
}

export class BackupStore {
  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async save(root: string, modelPath: string, text: string, baseHash: string | null): Promise<void> {
    if (Buffer.byteLength(text) > MAX_MODEL_BYTES) throw new Error(`backup of ${modelPath} is larger than ${MAX_MODEL_BYTES} bytes`);
    const entry: StoredBackup = { version: 1, root, path: modelPath, text, baseHash, savedAt: this.now().toISOString() };
    await mkdir(this.dir, { recursive: true });
    await writeJson(this.fileOf(root, modelPath), entry);
  }

  async discard(root: string, modelPath: string): Promise<void> {
    await unlink(this.fileOf(root, modelPath)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  /** After a save: drop the backup only if it holds exactly what was saved (a newer edit stays). */
  async discardIfSaved(root: string, modelPath: string, savedText: string): Promise<void> {
    const stored = parseStored(await readJson(this.fileOf(root, modelPath)));
    if (stored && stored.root === root && stored.path === modelPath && stored.text === savedText) await this.discard(root, modelPath);
  }

  /** Backups of one opened folder, sorted by path. Unreadable files are skipped, not fatal. */
  async list(root: string): Promise<BackupEntry[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries: BackupEntry[] = [];
    for (const name of names.filter((n) => /^[0-9a-f]{40}\.json$/.test(n)).sort()) {
      const stored = parseStored(await readJson(path.join(this.dir, name)));
      if (stored?.root === root) entries.push({ path: stored.path, text: stored.text, baseHash: stored.baseHash, savedAt: stored.savedAt });
    }
    return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async has(root: string, modelPath: string): Promise<boolean> {
    return parseStored(await readJson(this.fileOf(root, modelPath)))?.root === root;
  }

  private fileOf(root: string, modelPath: string): string {
    const key = createHash('sha256').update(`${root}\0${modelPath}`).digest('hex').slice(0, 40);
    return path.join(this.dir, `${key}.json`);
  }
}

function parseStored(value: unknown): StoredBackup | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || typeof v.root !== 'string' || typeof v.path !== 'string' || typeof v.text !== 'string') return undefined;
  if (v.baseHash !== null && typeof v.baseHash !== 'string') return undefined;
  return { version: 1, root: v.root, path: v.path, text: v.text, baseHash: v.baseHash as string | null, savedAt: String(v.savedAt ?? '') };
}
