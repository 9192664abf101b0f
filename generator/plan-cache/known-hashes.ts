// Hashes of generated files by file identity (ADR 0104), kept in the output folder's plan cache
// (`.stormsmith/cache/known-hashes.json`) and signed with the user's key like every cache file:
// a file planted by a repository is never believed.
//
// apply() records, after a writing run, each generated file it found up to date with the
// identity it had when it was read (device, inode, size, mtime and ctime in ns, mode); the next
// run takes such a file as up to date without reading it when lstat gives the same identity.
// Any write, replacement or touch of the file moves its ctime, which no user program can set
// back, so a hand edit is always read. As git does for its index ("racy git"), a file that
// changed less than RACY_MS before its identity was taken is left out: on a file system with
// coarse timestamps an edit right after, in the same tick, would otherwise keep the identity.

import type { KnownHash, KnownHashes } from '../apply/types.js';
import { KNOWN_HASHES_FILE, type DiskPlanCache } from './disk-cache.js';
/** 2: each file carries its kind (generated: the planned hash it matched; scaffold: the hash of its bytes). */
const FORMAT = 2;
/** Files that had changed this recently when their identity was taken are not recorded. */
export const RACY_MS = 2000;

interface Stored {
  format: number;
  /** [path, identity, sha256, kind] */
  files: [string, string, string, KnownHash['kind']][];
}

export class CachedKnownHashes implements KnownHashes {
  private memo?: Map<string, { id: string; sha256: string; kind: KnownHash['kind'] }>;

  constructor(
    private readonly cache: Pick<DiskPlanCache, 'readSigned'> & { writeKnownHashes(text: string): void },
  ) {}

  private entries(): Map<string, { id: string; sha256: string; kind: KnownHash['kind'] }> {
    if (this.memo) return this.memo;
    const map = new Map<string, { id: string; sha256: string; kind: KnownHash['kind'] }>();
    this.memo = map;
    const body = this.cache.readSigned(KNOWN_HASHES_FILE);
    if (body === undefined) return map;
    try {
      const stored = JSON.parse(body) as Partial<Stored> | null;
      if (typeof stored !== 'object' || stored === null || stored.format !== FORMAT || !Array.isArray(stored.files)) return map;
      for (const f of stored.files) {
        if (Array.isArray(f) && f.length === 4 && f.every((x) => typeof x === 'string') && (f[3] === 'generated' || f[3] === 'scaffold')) map.set(f[0], { id: f[1], sha256: f[2], kind: f[3] });
      }
    } catch {
      map.clear();
    }
    return map;
  }

  get(path: string, id: string, kind: KnownHash['kind']): string | undefined {
    const entry = this.entries().get(path);
    return entry && entry.id === id && entry.kind === kind ? entry.sha256 : undefined;
  }

  record(known: ReadonlyMap<string, KnownHash>): void {
    const files: [string, string, string, KnownHash['kind']][] = [];
    for (const [path, k] of known) if (k.changedMs < k.takenMs - RACY_MS) files.push([path, k.id, k.sha256, k.kind]);
    files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    // A run that changed nothing leaves the record as it is (no rewrite on every no-op).
    const old = this.entries();
    if (files.length === old.size && files.every(([path, id, sha, kind]) => old.get(path)?.id === id && old.get(path)?.sha256 === sha && old.get(path)?.kind === kind)) return;
    try {
      this.cache.writeKnownHashes(JSON.stringify({ format: FORMAT, files } satisfies Stored));
    } catch {
      // best effort: without the record, the next run reads every file
    }
    this.memo = undefined;
  }
}
