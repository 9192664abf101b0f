// The unsaved-edits journal: every edit's file texts are kept outside the repo (localStorage in
// the browser) until they are saved, so a crash or a closed tab never loses an acknowledged edit.

export interface BackupEntry {
  text: string;
  /** Hash of the disk text the edit was based on; a backup over a different disk is stale. */
  baseHash: string | null;
  savedAt: string;
}

export interface BackupStore {
  get(path: string): BackupEntry | undefined;
  put(path: string, entry: BackupEntry): void;
  remove(path: string): void;
  paths(): string[];
}

/**
 * At open: the journalled edits worth offering back, by path, in journal order: an edit based on
 * exactly what is on disk now whose text differs from it. Every other entry (saved meanwhile, or
 * based on a disk text that has changed since) is dropped from the journal.
 */
export function takeRecoverable(backup: BackupStore, disk: (path: string) => { text: string; hash: string } | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of backup.paths()) {
    const entry = backup.get(p)!;
    const onDisk = disk(p);
    if (entry.baseHash === (onDisk?.hash ?? null) && entry.text !== onDisk?.text) out.set(p, entry.text);
    else backup.remove(p);
  }
  return out;
}

export class MemoryBackupStore implements BackupStore {
  private readonly map = new Map<string, BackupEntry>();
  get(path: string) {
    return this.map.get(path);
  }
  put(path: string, entry: BackupEntry) {
    this.map.set(path, entry);
  }
  remove(path: string) {
    this.map.delete(path);
  }
  paths() {
    return [...this.map.keys()].sort();
  }
}

/** localStorage-backed journal, namespaced by workspace root so two folders never mix. */
export class LocalStorageBackupStore implements BackupStore {
  constructor(
    private readonly storage: Storage,
    private readonly root: string,
  ) {}
  private key(path: string) {
    return `stormsmith:backup:${this.root}:${path}`;
  }
  get(path: string): BackupEntry | undefined {
    const raw = this.storage.getItem(this.key(path));
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as BackupEntry;
    } catch {
      return undefined;
    }
  }
  put(path: string, entry: BackupEntry) {
    this.storage.setItem(this.key(path), JSON.stringify(entry));
  }
  remove(path: string) {
    this.storage.removeItem(this.key(path));
  }
  paths(): string[] {
    const prefix = this.key('');
    const out: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k?.startsWith(prefix)) out.push(k.slice(prefix.length));
    }
    return out.sort();
  }
}
