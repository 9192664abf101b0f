// Change detection for a model folder. `fs.watch({recursive})` is not available on Linux in
// Node 20, so every real directory gets its own non-recursive watcher; any event triggers a
// debounced rescan, and the rescan (content hashes, not mtimes) decides what changed. A slow
// poll covers file systems where watchers miss events (network mounts, exhausted inotify).

import { watch, type FSWatcher } from 'node:fs';
import type { WorkspaceChange } from '../shared/workspace-api.js';
import { scanModels } from './scan-models.js';

export interface FolderWatcherOptions {
  /** Debounce between a watcher event and the rescan (ms). */
  debounceMs?: number;
  /** Interval of the safety-net rescan (ms); 0 disables it. */
  pollMs?: number;
}

export class FolderWatcher {
  private snapshot = new Map<string, string>();
  private watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private followUp: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly realRoot: string,
    private readonly onChanges: (changes: WorkspaceChange[]) => void,
    private readonly debounceMs: number,
  ) {}

  static async start(realRoot: string, onChanges: (changes: WorkspaceChange[]) => void, options: FolderWatcherOptions = {}): Promise<FolderWatcher> {
    const watcher = new FolderWatcher(realRoot, onChanges, options.debounceMs ?? 40);
    const first = await scanModels(realRoot);
    watcher.snapshot = first.files;
    watcher.syncWatchers(first.directories);
    const pollMs = options.pollMs ?? 2_000;
    if (pollMs > 0) {
      watcher.poll = setInterval(() => watcher.schedule(), pollMs);
      watcher.poll.unref();
    }
    return watcher;
  }

  /** Records a file version this process wrote, so the next rescan does not report it. */
  acknowledge(path: string, hash: string): void {
    this.snapshot.set(path, hash);
  }

  /** Rescans now; resolves once changes up to this moment have been delivered. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    await this.rescan();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.poll);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.rescan().catch(() => undefined), this.debounceMs);
  }

  /**
   * Resolves after a scan that started after this call has finished, so its result reflects
   * the disk as of the call. Calls during a running scan share one follow-up scan.
   */
  private rescan(): Promise<void> {
    if (this.scanning) {
      const again = () => {
        this.followUp = undefined;
        return this.rescan();
      };
      this.followUp ??= this.scanning.then(again, again);
      return this.followUp;
    }
    this.scanning = this.scanOnce().finally(() => {
      this.scanning = undefined;
    });
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    if (this.closed) return;
    const next = await scanModels(this.realRoot);
    if (this.closed) return;
    const changes: WorkspaceChange[] = [];
    for (const [path, hash] of next.files) {
      const before = this.snapshot.get(path);
      if (before === undefined) changes.push({ path, kind: 'added', hash });
      else if (before !== hash) changes.push({ path, kind: 'changed', hash });
    }
    for (const path of this.snapshot.keys()) {
      if (!next.files.has(path)) changes.push({ path, kind: 'deleted', hash: null });
    }
    this.snapshot = next.files;
    this.syncWatchers(next.directories);
    if (changes.length > 0) this.onChanges(changes);
  }

  private syncWatchers(directories: string[]): void {
    const wanted = new Set(directories);
    for (const [dir, w] of this.watchers) {
      if (!wanted.has(dir)) {
        w.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (this.watchers.has(dir)) continue;
      try {
        const w = watch(dir, { persistent: false }, () => this.schedule());
        w.on('error', () => {
          w.close();
          this.watchers.delete(dir);
          this.schedule();
        });
        this.watchers.set(dir, w);
      } catch {
        // The directory vanished or inotify is exhausted: the poll still covers it.
      }
    }
  }
}
