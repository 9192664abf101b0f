// The renderer's side of the Electron shell: everything `window.stormsmith` offers beyond the
// WorkspaceApi. A session is opened whenever main reports an opened folder (menu, recent list,
// start-up); the session's unsaved files are reported to main (its quit prompt and hot exit);
// unsaved texts are backed up in main, outside the repo; native menu commands are handed to the
// board, which runs them through its action registry.

import type { MenuCommand, StormsmithBridge } from '../../shared/ipc-contract.js';
import type { WorkspaceInfo } from '../../shared/workspace-api.js';
import { BridgeBackupStore } from './bridge-backup-store.js';
import type { ModelCore } from './model-core.js';
import { Session } from './session.js';

export interface DesktopState {
  /** `no-folder`: nothing opened yet (the window offers File > Open Folder). */
  status: 'starting' | 'no-folder' | 'opening' | 'open' | 'failed';
  session?: Session;
  /** Bumped for every session, so the board remounts with a fresh view. */
  sessionNumber: number;
  error?: string;
}

export class DesktopShell {
  private state: DesktopState = { status: 'starting', sessionNumber: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly menuListeners = new Set<(command: MenuCommand) => void>();
  private readonly disposers: (() => void)[] = [];
  private stopReporting: (() => void) | undefined;
  private backups: BridgeBackupStore | undefined;
  /** Only the newest open may install its session (two folders opened in quick succession). */
  private openCount = 0;

  constructor(
    private readonly bridge: StormsmithBridge,
    private readonly core: ModelCore,
  ) {}

  getState = (): DesktopState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The board subscribes here to run native menu commands. */
  onMenuCommand = (listener: (command: MenuCommand) => void): (() => void) => {
    this.menuListeners.add(listener);
    return () => this.menuListeners.delete(listener);
  };

  /** Listens to main, then opens the folder main already has open, if any. */
  async start(): Promise<void> {
    this.disposers.push(this.bridge.shell.onWorkspaceOpened((info) => void this.open(info)));
    this.disposers.push(
      this.bridge.shell.onMenuCommand((command) => {
        for (const listener of this.menuListeners) listener(command);
      }),
    );
    let info: WorkspaceInfo;
    try {
      info = await this.bridge.workspace.info();
    } catch {
      // E_NO_FOLDER (nothing opened yet) is the normal first start; the opened event follows later.
      if (this.state.status === 'starting') this.set({ status: 'no-folder' });
      return;
    }
    if (this.state.status === 'starting') await this.open(info);
  }

  /** Asks main for the folder picker; the session opens on main's `workspace:opened` event. */
  async pickFolder(): Promise<void> {
    try {
      await this.bridge.shell.openFolder();
    } catch (error) {
      this.set({ error: messageOf(error) });
    }
  }

  /** Opens a session for the folder main opened (a reopen of the same folder keeps the board). */
  async open(info: WorkspaceInfo): Promise<void> {
    const current = this.state.session?.getState().info;
    if (current?.root === info.root && this.state.status === 'open') return;
    const mine = ++this.openCount;
    this.closeSession();
    this.set({ status: 'opening', session: undefined, error: undefined });
    try {
      const backups = await BridgeBackupStore.load(this.bridge.backups, info.root, (text) => session.notify({ kind: 'error', text }));
      const session = new Session(this.bridge.workspace, this.core, backups);
      if (mine !== this.openCount) return;
      this.backups = backups;
      this.stopReporting = reportDirty(session, this.bridge.shell);
      await session.open();
      if (mine !== this.openCount) {
        session.close();
        return;
      }
      this.set({ status: 'open', session, sessionNumber: this.state.sessionNumber + 1 });
    } catch (error) {
      if (mine === this.openCount) this.set({ status: 'failed', error: messageOf(error) });
    }
  }

  /** Resolves once every backup of the open session has reached main. */
  async flushBackups(): Promise<void> {
    await this.backups?.flush();
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.closeSession();
  }

  private closeSession(): void {
    this.stopReporting?.();
    this.stopReporting = undefined;
    this.state.session?.close();
  }

  private set(patch: Partial<DesktopState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/**
 * Tells main which models have unsaved edits, whenever that set changes (and once at the start,
 * so main never keeps a previous folder's list). Returns the unsubscribe function.
 */
export function reportDirty(session: Session, shell: Pick<StormsmithBridge['shell'], 'setDirty'>): () => void {
  let reported: string | undefined;
  const report = () => {
    const paths = [...session.getState().dirty].sort();
    const key = paths.join('\n');
    if (key === reported) return;
    reported = key;
    shell.setDirty(paths).catch((error: unknown) => session.notify({ kind: 'error', text: `Could not report unsaved files: ${messageOf(error)}` }));
  };
  report();
  return session.subscribe(report);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
