// The one typed IPC contract between the Electron main process (app/main) and the preload
// (app/preload). Channel names, argument tuples and results are declared once here; the
// preload turns them into narrow verbs on `window.stormsmith`, the main process registers one
// sender-checked handler per invoke channel. Browser-safe: types and constants only.

import type { BoardSnapshot, GenerationPreview, ModelComparison, ModelFileContent, ModelFileInfo, WorkspaceApi, WorkspaceChange, WorkspaceInfo, WriteResult } from './workspace-api.js';

/** A model edit not yet saved, kept outside the repo (hot exit) until saved or discarded. */
export interface BackupEntry {
  /** Model path relative to the opened folder. */
  path: string;
  text: string;
  /** Hash of the disk version the edit started from (null: a new file). */
  baseHash: string | null;
  /** ISO time of the last backup write. */
  savedAt: string;
}

/** Commands the native menu sends to the renderer (its action registry runs them). */
export const MENU_COMMANDS = ['save', 'undo', 'redo', 'export-png', 'export-svg', 'preview-generation', 'generate', 'find', 'zoom-to-fit', 'compare'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** request -> response channels (ipcRenderer.invoke / ipcMain.handle). */
export interface InvokeContract {
  /** Fails with E_NO_FOLDER until a folder is opened. */
  'workspace:info': { args: []; result: WorkspaceInfo };
  'workspace:list-models': { args: []; result: ModelFileInfo[] };
  /** The whole board, loaded and validated in main (WorkspaceApi.openBoard, ADR 0044). */
  'workspace:open-board': { args: []; result: BoardSnapshot };
  'workspace:read-model': { args: [path: string]; result: ModelFileContent };
  'workspace:write-model': { args: [path: string, text: string, expectedHash?: string | null]; result: WriteResult };
  'workspace:preview-generation': { args: []; result: GenerationPreview };
  'workspace:run-generation': { args: []; result: GenerationPreview };
  /** The saved model against a git revision (E_GIT, E_MODEL_ERRORS when it cannot compare). */
  'workspace:compare-with': { args: [ref: string]; result: ModelComparison };
  /** Shows the native folder picker; resolves with the opened folder, or null when cancelled. */
  'shell:open-folder': { args: []; result: WorkspaceInfo | null };
  /** The renderer tells main which models have unsaved edits (drives the quit prompt). */
  'shell:set-dirty': { args: [paths: string[]]; result: void };
  'shell:open-external': { args: [url: string]; result: boolean };
  /**
   * Backups name the folder the edit belongs to (`WorkspaceInfo.root` of the folder the renderer's
   * session has open), never "whatever main has open now": a backup still in flight when another
   * folder opens is kept under its own folder. Main refuses (E_WRONG_FOLDER) a root this window
   * never opened.
   */
  'backup:save': { args: [root: string, path: string, text: string, baseHash: string | null]; result: void };
  'backup:discard': { args: [root: string, path: string]; result: void };
  /** Unsaved edits of the opened folder left by a crash, a kill or a hot exit; `root` must be the folder open now. */
  'backup:list': { args: [root: string]; result: BackupEntry[] };
}

export type InvokeChannel = keyof InvokeContract;

/** Every invoke channel, for registration and for the test that checks each one's sender guard. */
export const INVOKE_CHANNELS = [
  'workspace:info',
  'workspace:list-models',
  'workspace:open-board',
  'workspace:read-model',
  'workspace:write-model',
  'workspace:preview-generation',
  'workspace:run-generation',
  'workspace:compare-with',
  'shell:open-folder',
  'shell:set-dirty',
  'shell:open-external',
  'backup:save',
  'backup:discard',
  'backup:list',
] as const satisfies readonly InvokeChannel[];

/** main -> renderer events (webContents.send / ipcRenderer.on). */
export interface EventContract {
  'workspace:change': WorkspaceChange;
  /** A folder was opened (menu, recent list, start-up): the renderer reloads its board. */
  'workspace:opened': WorkspaceInfo;
  'menu:command': MenuCommand;
}

export type EventChannel = keyof EventContract;
export const EVENT_CHANNELS = ['workspace:change', 'workspace:opened', 'menu:command'] as const satisfies readonly EventChannel[];

// Compile-time completeness: a channel added to a contract but not to its list fails the build.
type Unlisted<All, Listed> = Exclude<All, Listed> extends never ? true : ['unlisted channels:', Exclude<All, Listed>];
export const INVOKE_CHANNELS_COMPLETE: Unlisted<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> = true;
export const EVENT_CHANNELS_COMPLETE: Unlisted<EventChannel, (typeof EVENT_CHANNELS)[number]> = true;

/**
 * What every handler answers. Errors travel as data because Electron keeps only the message of
 * an Error thrown across IPC, and the renderer needs the code.
 */
export type IpcResponse<T> = { ok: true; value: T } | { ok: false; error: IpcError };
export interface IpcError {
  code: string;
  message: string;
  hint?: string;
}

/** The API the preload puts on `window.stormsmith` (narrow verbs, never ipcRenderer itself). */
export interface StormsmithBridge {
  workspace: WorkspaceApi;
  shell: {
    openFolder(): Promise<WorkspaceInfo | null>;
    setDirty(paths: string[]): Promise<void>;
    openExternal(url: string): Promise<boolean>;
    onWorkspaceOpened(listener: (info: WorkspaceInfo) => void): () => void;
    onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  };
  /** Every verb names the folder (`WorkspaceInfo.root`) the backup belongs to. */
  backups: {
    save(root: string, path: string, text: string, baseHash: string | null): Promise<void>;
    discard(root: string, path: string): Promise<void>;
    list(root: string): Promise<BackupEntry[]>;
  };
}

/** Name of the global the preload exposes. */
export const BRIDGE_GLOBAL = 'stormsmith';

/** Error thrown by bridge verbs; its message starts with the code (`E_OUTSIDE_ROOT: ...`). */
export const formatIpcError = (error: IpcError): string => `${error.code}: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}`;

/** Reads the code back from an error thrown by a bridge verb (contextBridge keeps only messages). */
export const ipcErrorCode = (error: unknown): string | null => {
  const message = error instanceof Error ? error.message : String(error);
  return /^(E_[A-Z_]+):/.exec(message)?.[1] ?? null;
};
