// The "Open Recent" list: most recent first, no duplicates, at most MAX_RECENT entries.

import { readJson, writeJson } from './json-store.js';

export const MAX_RECENT = 10;

export class RecentFolders {
  constructor(private readonly file: string) {}

  async list(): Promise<string[]> {
    const stored = await readJson(this.file);
    return Array.isArray(stored) ? stored.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [];
  }

  async add(folder: string): Promise<string[]> {
    const next = [folder, ...(await this.list()).filter((p) => p !== folder)].slice(0, MAX_RECENT);
    await writeJson(this.file, next);
    return next;
  }

  async remove(folder: string): Promise<string[]> {
    const next = (await this.list()).filter((p) => p !== folder);
    await writeJson(this.file, next);
    return next;
  }

  async clear(): Promise<void> {
    await writeJson(this.file, []);
  }
}
