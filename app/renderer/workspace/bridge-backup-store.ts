// The unsaved-edits journal of the desktop app: backups live in the Electron main process
// (`window.stormsmith.backups`, kept under the app data folder, outside the repo), so a crash,
// a kill or a hot exit never loses an edit and the close prompt knows what is backed up.
//
// The session's journal interface is synchronous (it journals inside every edit), the bridge is
// asynchronous: this store keeps a mirror that answers reads at once and writes through in the
// background, one request at a time per path, the newest text winning (an edit burst sends the
// first and the last text, not every keystroke in between).

import type { StormsmithBridge } from '../../shared/ipc-contract.js';
import type { BackupEntry, BackupStore } from './backup.js';

type Pending = { kind: 'put'; entry: BackupEntry } | { kind: 'remove' };

export class BridgeBackupStore implements BackupStore {
  private readonly mirror = new Map<string, BackupEntry>();
  /** The newest request per path not yet sent. */
  private readonly pending = new Map<string, Pending>();
  /** The request in flight per path. */
  private readonly inFlight = new Map<string, Promise<void>>();

  private constructor(
    private readonly backups: StormsmithBridge['backups'],
    /** The folder (WorkspaceInfo.root) every backup of this store belongs to, sent with each call. */
    private readonly root: string,
    private readonly onError: (message: string) => void,
  ) {}

  /** Reads what main holds for the opened folder `root` (left by a crash, a kill or a hot exit). */
  static async load(backups: StormsmithBridge['backups'], root: string, onError: (message: string) => void): Promise<BridgeBackupStore> {
    const store = new BridgeBackupStore(backups, root, onError);
    for (const b of await backups.list(root)) store.mirror.set(b.path, { text: b.text, baseHash: b.baseHash, savedAt: b.savedAt });
    return store;
  }

  get(path: string): BackupEntry | undefined {
    return this.mirror.get(path);
  }

  put(path: string, entry: BackupEntry): void {
    const known = this.mirror.get(path);
    if (known && known.text === entry.text && known.baseHash === entry.baseHash) return;
    this.mirror.set(path, entry);
    this.enqueue(path, { kind: 'put', entry });
  }

  remove(path: string): void {
    // The session drops the backup of every clean file on every edit: only real ones cost an IPC call.
    if (!this.mirror.has(path)) return;
    this.mirror.delete(path);
    this.enqueue(path, { kind: 'remove' });
  }

  paths(): string[] {
    return [...this.mirror.keys()].sort();
  }

  /** Resolves once every backup requested so far has reached main (tests; before quitting). */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  private enqueue(path: string, request: Pending): void {
    this.pending.set(path, request);
    if (!this.inFlight.has(path)) this.sendNext(path);
  }

  private sendNext(path: string): void {
    const request = this.pending.get(path);
    if (!request) return;
    this.pending.delete(path);
    const sent = (request.kind === 'put' ? this.backups.save(this.root, path, request.entry.text, request.entry.baseHash) : this.backups.discard(this.root, path))
      .catch((error: unknown) => {
        this.onError(`Could not ${request.kind === 'put' ? 'back up' : 'drop the backup of'} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        this.inFlight.delete(path);
        this.sendNext(path);
      });
    this.inFlight.set(path, sent);
  }
}
