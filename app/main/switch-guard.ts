// What happens when another folder is about to replace the one open in a window (File > Open
// Folder, Open Recent, the renderer's folder picker) while models have unsaved edits. Like the
// quit prompt (close-guard.ts) the user is asked first: save (the renderer saves, we wait until
// it reports clean), keep the edits as hot-exit backups of the old folder (they come back when it
// is opened again), or cancel and stay. The dialog is a parameter so this runs without Electron.

/** The part of a window's WorkspaceHost the decision needs. */
export interface OpenFolderState {
  readonly root: string | null;
  isOpen(folder: string): Promise<boolean>;
}

/** Whether opening `folder` replaces another open folder (then ask); a reopen of the same folder keeps the board. */
export async function replacesOpenFolder(host: OpenFolderState, folder: string): Promise<boolean> {
  return host.root !== null && !(await host.isOpen(folder));
}

export interface SwitchGuardDeps {
  dirty(): string[];
  /** Shows the question; resolves with the chosen button index (0 save, 1 keep as backup, 2 cancel). */
  ask(message: string, detail: string): Promise<number>;
  requestSave(): void;
  waitUntilClean(timeoutMs: number): Promise<boolean>;
}

export const SWITCH_BUTTONS = ['Save', 'Keep as Backup', 'Cancel'] as const;
const SAVE_TIMEOUT_MS = 15_000;

/** Resolves true when the window may open the other folder now. */
export async function maySwitchFolder(deps: SwitchGuardDeps): Promise<boolean> {
  const dirty = deps.dirty();
  if (dirty.length === 0) return true;
  const answer = await deps.ask(
    dirty.length === 1 ? `Save changes to ${dirty[0]} before opening another folder?` : `Save changes to ${dirty.length} model files before opening another folder?`,
    'Keep as Backup leaves the unsaved edits in a backup outside the repo; they come back when you open this folder again.',
  );
  if (answer === 0) {
    deps.requestSave();
    // A save that fails or hangs keeps the folder open: switching now would leave the edits behind.
    return deps.waitUntilClean(SAVE_TIMEOUT_MS);
  }
  return answer === 1;
}
