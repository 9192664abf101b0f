// The Electron main process without Electron, for driving the desktop renderer in Chromium: the
// real IPC handlers (sender checks, argument checks), a real WorkspaceHost over a NodeWorkspace,
// the real backup store in a temp app-data folder, and the real preload bridge code, bundled and
// installed in the page over a stand-in ipcRenderer. Only Electron's transport is replaced (the
// Electron binary cannot be downloaded here).

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { BackupStore } from '../../../app/main/backup-store.js';
import { registerIpcHandlers } from '../../../app/main/ipc-handlers.js';
import type { SenderEvent } from '../../../app/main/sender-guard.js';
import { WorkspaceHost } from '../../../app/main/workspace-host.js';
import type { EventChannel, EventContract } from '../../../app/shared/ipc-contract.js';
import { loadGenerationEngine } from '../../../app/workspace/load-generation-engine.js';
import { NodeWorkspace } from '../../../app/workspace/node-workspace.js';
import { REPO } from './studio.js';

/** The preload's createBridge as a script that installs `window.stormsmith` over `window.__ipc`. */
export async function bundlePreloadBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(REPO, 'app/preload/bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__stormsmithPreload',
    platform: 'browser',
    logLevel: 'error',
  });
  const code = result.outputFiles[0]!.text;
  // The page's stand-in for ipcRenderer: invoke crosses to Node through an exposed binding,
  // events come back through __ipcEmit. The renderer only ever sees the bridge's verbs.
  return `${code}
(() => {
  const listeners = new Map();
  const ipc = {
    invoke: (channel, ...args) => window.__ipcInvoke(channel, args),
    on: (channel, fn) => { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel).add(fn); },
    removeListener: (channel, fn) => { listeners.get(channel)?.delete(fn); },
  };
  Object.defineProperty(window, '__ipcEmit', { value: (channel, payload) => { for (const fn of listeners.get(channel) ?? []) fn({}, payload); } });
  Object.defineProperty(window, 'stormsmith', { value: __stormsmithPreload.createBridge(ipc) });
})();`;
}

export interface DesktopMain {
  host: WorkspaceHost;
  backups: BackupStore;
  /** What the native folder picker answers next. */
  nextFolder: string | null;
  /** Loads the renderer in `page` as a desktop window (bridge installed before any script runs). */
  attach(page: Page, url: string): Promise<void>;
  sendMenu(command: EventContract['menu:command']): Promise<void>;
  close(): Promise<void>;
}

const WINDOW_ID = 1;
/** What Electron reports for our window's top frame. */
const OUR_FRAME: SenderEvent = { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://stormsmith/index.html', parent: null } };

export async function startDesktopMain(bridgeScript: string): Promise<DesktopMain> {
  const appData = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-appdata-'));
  const handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => Promise<unknown>>();
  let page: Page | undefined;
  const send = <E extends EventChannel>(channel: E, payload: EventContract[E]) => {
    void page?.evaluate(([c, p]) => (window as unknown as { __ipcEmit(c: string, p: unknown): void }).__ipcEmit(c, p), [channel, payload] as const).catch(() => undefined);
  };
  const engine = await loadGenerationEngine();
  const host = new WorkspaceHost(send, (folder) => NodeWorkspace.open(folder, { generation: engine }));
  const backups = new BackupStore(path.join(appData, 'backups'));
  const main: DesktopMain = {
    host,
    backups,
    nextFolder: null,
    async attach(next, url) {
      page = next;
      await next.exposeFunction('__ipcInvoke', (channel: string, args: unknown[]) => {
        const handler = handlers.get(channel);
        if (!handler) return { ok: false, error: { code: 'E_NO_HANDLER', message: channel } };
        return handler(OUR_FRAME, ...args);
      });
      await next.addInitScript({ content: bridgeScript });
      await next.goto(url);
    },
    async sendMenu(command) {
      send('menu:command', command);
    },
    async close() {
      await host.close();
      rmSync(appData, { recursive: true, force: true });
    },
  };
  registerIpcHandlers({
    ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener) },
    hostFor: (id) => (id === WINDOW_ID ? host : undefined),
    backups,
    chooseFolder: async () => main.nextFolder,
    // No prompt in this e2e: it opens one folder; the switch prompt is unit-tested in test/electron.
    confirmSwitch: async () => true,
    folderOpened: () => undefined,
    openExternal: async () => undefined,
    log: () => undefined,
  });
  return main;
}
