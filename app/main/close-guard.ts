// What happens when a window with unsaved edits is closed. With hot exit on (the default) and a
// backup of every dirty model, the window just closes: the edits come back next time the folder
// is opened. Otherwise the user is asked: save (the renderer saves, we wait until it reports
// clean), discard, or cancel.

export type CloseDecision = 'close' | 'ask';

export function decideOnClose(dirty: string[], backedUp: (path: string) => boolean, hotExit: boolean): CloseDecision {
  if (dirty.length === 0) return 'close';
  if (hotExit && dirty.every(backedUp)) return 'close';
  return 'ask';
}

export interface CloseGuardDeps {
  dirty(): string[];
  hasBackup(path: string): Promise<boolean>;
  hotExit: boolean;
  /** Shows the question; resolves with the chosen button index (0 save, 1 discard, 2 cancel). */
  ask(message: string, detail: string): Promise<number>;
  requestSave(): void;
  waitUntilClean(timeoutMs: number): Promise<boolean>;
  discardBackups(paths: string[]): Promise<void>;
}

export const CLOSE_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const;
const SAVE_TIMEOUT_MS = 15_000;

/** Resolves true when the window may close now. */
export async function mayClose(deps: CloseGuardDeps): Promise<boolean> {
  const dirty = deps.dirty();
  const backed = new Set<string>();
  for (const p of dirty) if (await deps.hasBackup(p)) backed.add(p);
  if (decideOnClose(dirty, (p) => backed.has(p), deps.hotExit) === 'close') return true;
  const answer = await deps.ask(
    dirty.length === 1 ? `Save changes to ${dirty[0]}?` : `Save changes to ${dirty.length} model files?`,
    "Your changes will be lost if you don't save them.",
  );
  if (answer === 0) {
    deps.requestSave();
    return deps.waitUntilClean(SAVE_TIMEOUT_MS);
  }
  if (answer === 1) {
    await deps.discardBackups(dirty);
    return true;
  }
  return false;
}
