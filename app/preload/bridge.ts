// Builds the narrow API the preload exposes on `window.stormsmith`. Only verbs from the IPC
// contract are reachable; the renderer never gets ipcRenderer, an IPC event object or a
// channel name of its choosing. Electron is passed in (type-only import) so this is unit-testable.

import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  formatIpcError,
  type EventChannel,
  type EventContract,
  type InvokeChannel,
  type InvokeContract,
  type IpcResponse,
  type StormsmithBridge,
} from '../shared/ipc-contract.js';

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createBridge(ipc: BridgeIpc): StormsmithBridge {
  async function call<C extends InvokeChannel>(channel: C, ...args: InvokeContract[C]['args']): Promise<InvokeContract[C]['result']> {
    const response = (await ipc.invoke(channel, ...args)) as IpcResponse<InvokeContract[C]['result']>;
    if (!response.ok) throw new Error(formatIpcError(response.error));
    return response.value;
  }

  /** One IPC listener per channel, fanned out to the renderer's listeners (never given the event). */
  function subscribe<E extends EventChannel>(channel: E): (listener: (payload: EventContract[E]) => void) => () => void {
    const listeners = new Set<(payload: EventContract[E]) => void>();
    const relay = (_event: IpcRendererEvent, payload: EventContract[E]) => {
      for (const listener of listeners) listener(payload);
    };
    return (listener) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      if (listeners.size === 0) ipc.on(channel, relay);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) ipc.removeListener(channel, relay);
      };
    };
  }

  const onChange = subscribe('workspace:change');
  const onOpened = subscribe('workspace:opened');
  const onMenu = subscribe('menu:command');

  return {
    workspace: {
      info: () => call('workspace:info'),
      listModels: () => call('workspace:list-models'),
      openBoard: () => call('workspace:open-board'),
      readModel: (path) => call('workspace:read-model', path),
      writeModel: (path, text, expectedHash) =>
        expectedHash === undefined ? call('workspace:write-model', path, text) : call('workspace:write-model', path, text, expectedHash),
      watch: (listener) => onChange(listener),
      previewGeneration: () => call('workspace:preview-generation'),
      runGeneration: () => call('workspace:run-generation'),
      compareWith: (ref) => call('workspace:compare-with', ref),
    },
    shell: {
      openFolder: () => call('shell:open-folder'),
      setDirty: (paths) => call('shell:set-dirty', paths),
      openExternal: (url) => call('shell:open-external', url),
      onWorkspaceOpened: (listener) => onOpened(listener),
      onMenuCommand: (listener) => onMenu(listener),
    },
    backups: {
      save: (root, path, text, baseHash) => call('backup:save', root, path, text, baseHash),
      discard: (root, path) => call('backup:discard', root, path),
      list: (root) => call('backup:list', root),
    },
  };
}
