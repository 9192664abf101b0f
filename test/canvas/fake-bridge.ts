// A stand-in for the Electron preload's `window.stormsmith`, the way main answers it: a current
// folder (a MemoryWorkspace) that `open` switches and announces, backups kept per path, and every
// call recorded so tests can see what the renderer told main.
import type { BackupEntry, MenuCommand, StormsmithBridge } from '../../app/shared/ipc-contract.js';
import type { WorkspaceApi, WorkspaceInfo } from '../../app/shared/workspace-api.js';
import { MemoryWorkspace } from '../../app/renderer/workspace/memory-workspace.js';

export class FakeMain {
  current: MemoryWorkspace | undefined;
  readonly dirtyReports: string[][] = [];
  readonly backups = new Map<string, BackupEntry>();
  readonly backupCalls: string[] = [];
  /** Set to hold back backup requests until released (ordering tests). */
  backupGate: Promise<void> | undefined;
  private readonly opened = new Set<(info: WorkspaceInfo) => void>();
  private readonly menu = new Set<(command: MenuCommand) => void>();
  readonly bridge: StormsmithBridge;

  constructor() {
    const ws = (): WorkspaceApi => {
      if (!this.current) throw new Error('E_NO_FOLDER: no folder is open\n  hint: use File > Open Folder');
      return this.current;
    };
    const subscribe = <T>(set: Set<(v: T) => void>) => (listener: (v: T) => void) => {
      set.add(listener);
      return () => void set.delete(listener);
    };
    this.bridge = {
      workspace: {
        info: async () => ws().info(),
        listModels: async () => ws().listModels(),
        readModel: async (p) => ws().readModel(p),
        writeModel: async (p, t, h) => ws().writeModel(p, t, h),
        watch: (listener) => ws().watch(listener),
        previewGeneration: async () => ws().previewGeneration(),
        runGeneration: async () => ws().runGeneration(),
        compareWith: async (ref) => ws().compareWith(ref),
      },
      shell: {
        openFolder: async () => null,
        setDirty: async (paths) => void this.dirtyReports.push([...paths]),
        openExternal: async () => false,
        onWorkspaceOpened: subscribe(this.opened),
        onMenuCommand: subscribe(this.menu),
      },
      backups: {
        save: async (_root, path, text, baseHash) => {
          await this.backupGate;
          this.backupCalls.push(`save ${path} ${text.length}`);
          this.backups.set(path, { path, text, baseHash, savedAt: '2026-01-01T00:00:00.000Z' });
        },
        discard: async (_root, path) => {
          await this.backupGate;
          this.backupCalls.push(`discard ${path}`);
          this.backups.delete(path);
        },
        list: async () => [...this.backups.values()],
      },
    };
  }

  /** Main opened a folder (menu, recent list): switch and tell the renderer. */
  async open(files: Record<string, string>, root: string): Promise<MemoryWorkspace> {
    this.current = new MemoryWorkspace(files, { name: root.split('/').pop()!, root, readOnly: false });
    const info = await this.current.info();
    for (const listener of this.opened) listener(info);
    return this.current;
  }

  /** Reopen of the already open folder (main keeps its workspace and announces it again). */
  async reopen(): Promise<void> {
    const info = await this.current!.info();
    for (const listener of this.opened) listener(info);
  }

  sendMenu(command: MenuCommand): void {
    for (const listener of this.menu) listener(command);
  }
}
