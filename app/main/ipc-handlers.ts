// One handler per invoke channel of the IPC contract. Each one checks its sender first, then
// validates its arguments (the renderer is untrusted), then delegates to the window's
// NodeWorkspace, whose path checks keep every read and write inside the opened folder.

import {
  INVOKE_CHANNELS,
  type InvokeChannel,
  type InvokeContract,
  type IpcError,
  type IpcResponse,
} from '../shared/ipc-contract.js';
import { WorkspaceError } from '../workspace/errors.js';
import { parseModelPath } from '../workspace/model-path.js';
import type { BackupStore } from './backup-store.js';
import { openExternalSafely } from './external-links.js';
import { replacesOpenFolder } from './switch-guard.js';
import { untrustedSenderReason, type SenderEvent } from './sender-guard.js';
import type { WorkspaceHost } from './workspace-host.js';

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export interface IpcHandlerDeps {
  ipcMain: IpcMainLike;
  /** The host of a window, by its webContents id; undefined for anything that is not our window. */
  hostFor(webContentsId: number): WorkspaceHost | undefined;
  backups: BackupStore;
  /** Native folder picker for the window; null when cancelled. */
  chooseFolder(webContentsId: number): Promise<string | null>;
  /**
   * Asked before a folder replaces the one open in this window (may show the unsaved-edits
   * prompt); false keeps the open folder. Not called when nothing is open or the same folder is chosen.
   */
  confirmSwitch(webContentsId: number, host: WorkspaceHost): Promise<boolean>;
  /** Called after a folder was opened from the renderer (recent list, menu). */
  folderOpened(folder: string): void;
  openExternal(url: string): Promise<void>;
  log(message: string): void;
}

class BadArguments extends Error {}
/** A backup naming a folder this window never opened: refused rather than stored anywhere. */
class WrongFolder extends Error {}

type Handler<C extends InvokeChannel> = (host: WorkspaceHost, args: unknown[], senderId: number) => Promise<InvokeContract[C]['result']>;

const HASH = /^[0-9a-f]{64}$/;
const MAX_DIRTY_PATHS = 10_000;

const str = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new BadArguments(`${what} must be a string`);
  return value;
};
const hashOrNull = (value: unknown, what: string): string | null => {
  if (value === null) return null;
  if (typeof value === 'string' && HASH.test(value)) return value;
  throw new BadArguments(`${what} must be a sha256 hex string or null`);
};
/** The folder a backup belongs to: the open one, or one this window had open before (an in-flight backup). */
const backupRoot = (host: WorkspaceHost, value: unknown): string => {
  const root = str(value, 'root');
  if (!host.hasOpened(root)) throw new WrongFolder(`refused a backup for "${root}": this window never opened that folder`);
  return root;
};
const noArgs = (args: unknown[]) => {
  if (args.length > 0) throw new BadArguments('this call takes no arguments');
};

export function createHandlers(deps: IpcHandlerDeps): { [C in InvokeChannel]: Handler<C> } {
  return {
    'workspace:info': async (host, args) => (noArgs(args), host.current().info()),
    'workspace:list-models': async (host, args) => (noArgs(args), host.current().listModels()),
    'workspace:open-board': async (host, args) => (noArgs(args), host.current().openBoard()),
    'workspace:read-model': async (host, [path]) => host.current().readModel(str(path, 'path')),
    'workspace:write-model': async (host, args) => {
      const [path, text, expected] = args;
      // Required (lost-update protection on by default, as the studio's PUT /api/model): the hash
      // the renderer last read, or null for a new file. A missing one is refused, never a blind write.
      const expectedHash = hashOrNull(expected, 'expectedHash');
      const workspace = host.current();
      const result = await workspace.writeModel(str(path, 'path'), str(text, 'text'), expectedHash);
      if (result.ok) await deps.backups.discardIfSaved(workspace.realRoot, path as string, text as string);
      return result;
    },
    'workspace:preview-generation': async (host, args) => (noArgs(args), host.current().previewGeneration()),
    'workspace:run-generation': async (host, args) => (noArgs(args), host.current().runGeneration()),
    'workspace:compare-with': async (host, args) => {
      if (args.length !== 1) throw new BadArguments('this call takes one argument');
      return host.current().compareWith(str(args[0], 'ref'));
    },
    'shell:open-folder': async (host, args, senderId) => {
      noArgs(args);
      const folder = await deps.chooseFolder(senderId);
      if (folder === null) return null;
      if ((await replacesOpenFolder(host, folder)) && !(await deps.confirmSwitch(senderId, host))) return null;
      const info = await host.open(folder);
      deps.folderOpened(info.root);
      return info;
    },
    'shell:set-dirty': async (host, [paths]) => {
      if (!Array.isArray(paths) || paths.length > MAX_DIRTY_PATHS) throw new BadArguments('paths must be an array of model paths');
      for (const p of paths) parseModelPath(p);
      host.setDirty(paths as string[]);
    },
    'shell:open-external': async (_host, [url]) => openExternalSafely(deps.openExternal, url, deps.log),
    // Keyed by the folder the renderer names, never by whatever is open when the call arrives:
    // a backup sent just before another folder opened still lands under its own folder.
    'backup:save': async (host, [root, path, text, baseHash]) => {
      const folder = backupRoot(host, root);
      parseModelPath(path);
      await deps.backups.save(folder, path as string, str(text, 'text'), hashOrNull(baseHash, 'baseHash'));
    },
    'backup:discard': async (host, [root, path]) => {
      const folder = backupRoot(host, root);
      parseModelPath(path);
      await deps.backups.discard(folder, path as string);
    },
    'backup:list': async (host, [root, ...rest]) => {
      if (rest.length > 0) throw new BadArguments('this call takes one argument');
      const folder = str(root, 'root');
      if (host.root === null) throw new WorkspaceError('E_NO_FOLDER', 'no folder is open', 'use File > Open Folder');
      // Only the open folder: a session still loading an older folder must not adopt its backups.
      if (folder !== host.root) throw new WrongFolder(`refused to list backups of "${folder}": it is not the folder open in this window`);
      return deps.backups.list(folder);
    },
  };
}

/** Registers every channel of the contract; each answer is an IpcResponse envelope. */
export function registerIpcHandlers(deps: IpcHandlerDeps): void {
  const handlers = createHandlers(deps);
  for (const channel of INVOKE_CHANNELS) {
    const handler = handlers[channel] as Handler<InvokeChannel>;
    deps.ipcMain.handle(channel, async (event, ...args): Promise<IpcResponse<unknown>> => {
      const untrusted = untrustedSenderReason(event, (id) => deps.hostFor(id) !== undefined);
      if (untrusted) {
        deps.log(`refused IPC ${channel}: ${untrusted}`);
        return { ok: false, error: { code: 'E_UNTRUSTED_SENDER', message: 'this frame may not use the Stormsmith API' } };
      }
      const host = deps.hostFor(event.sender.id) as WorkspaceHost;
      try {
        await host.settled();
        return { ok: true, value: await handler(host, args, event.sender.id) };
      } catch (error) {
        return { ok: false, error: toIpcError(error, channel, deps.log) };
      }
    });
  }
}

function toIpcError(error: unknown, channel: string, log: (m: string) => void): IpcError {
  if (error instanceof WorkspaceError) return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  if (error instanceof BadArguments) return { code: 'E_BAD_ARGUMENTS', message: error.message };
  if (error instanceof WrongFolder)
    return { code: 'E_WRONG_FOLDER', message: error.message, hint: 'backups name the folder their edit belongs to (WorkspaceInfo.root of the open folder)' };
  const e = error as NodeJS.ErrnoException;
  log(`IPC ${channel} failed: ${e.stack ?? String(error)}`);
  return { code: e.code ?? 'E_INTERNAL', message: e.message ?? String(error) };
}
