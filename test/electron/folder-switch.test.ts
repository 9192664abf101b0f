// Switching folders in a window without losing an edit: backups are keyed by the folder their
// edit belongs to (a backup in flight while another folder opens stays with its own folder), a
// backup naming a folder the window never opened is refused, and replacing a folder with unsaved
// edits asks first (save / keep as backup / cancel). Real IPC handlers, WorkspaceHost, backup
// store and preload bridge; only Electron's transport and the dialog are replaced.

import { readdir, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupStore } from '../../app/main/backup-store.js';
import { registerIpcHandlers } from '../../app/main/ipc-handlers.js';
import type { SenderEvent } from '../../app/main/sender-guard.js';
import { maySwitchFolder, replacesOpenFolder, type SwitchGuardDeps } from '../../app/main/switch-guard.js';
import { WorkspaceHost } from '../../app/main/workspace-host.js';
import { createBridge, type BridgeIpc } from '../../app/preload/bridge.js';
import { BridgeBackupStore } from '../../app/renderer/workspace/bridge-backup-store.js';
import { ipcErrorCode, type StormsmithBridge } from '../../app/shared/ipc-contract.js';
import type { WorkspaceInfo } from '../../app/shared/workspace-api.js';
import { contentHash } from '../../app/workspace/content-hash.js';
import { NodeWorkspace } from '../../app/workspace/node-workspace.js';
import { makeTempFolder, type TempFolder } from '../workspace/temp-folder.js';

const WINDOW_ID = 3;
const OUR_FRAME: SenderEvent = { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://stormsmith/index.html', parent: null } };
const LENDING = 'stormsmith: 1\ncontext: Lending\n';
const SHOP = 'stormsmith: 1\ncontext: Shop\n';

describe('switching folders in one window', () => {
  let lending: TempFolder;
  let shop: TempFolder;
  let never: TempFolder;
  let appData: TempFolder;
  let host: WorkspaceHost;
  let backups: BackupStore;
  let bridge: StormsmithBridge;
  let folderChoice: string | null;
  let switchAnswer: boolean;
  let switchAsked: number;
  const opened: WorkspaceInfo[] = [];

  beforeEach(async () => {
    [lending, shop, never, appData] = await Promise.all([
      makeTempFolder('stormsmith-lending-'),
      makeTempFolder('stormsmith-shop-'),
      makeTempFolder('stormsmith-never-'),
      makeTempFolder('stormsmith-appdata-'),
    ]);
    await lending.write('lending.yaml', LENDING);
    await shop.write('lending.yaml', SHOP);
    await never.write('lending.yaml', LENDING);
    opened.length = 0;
    folderChoice = null;
    switchAnswer = true;
    switchAsked = 0;
    host = new WorkspaceHost(
      (channel, payload) => channel === 'workspace:opened' && opened.push(payload as WorkspaceInfo),
      (dir) => NodeWorkspace.open(dir, { watch: { pollMs: 0 } }),
    );
    backups = new BackupStore(path.join(appData.dir, 'backups'));
    const handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => Promise<unknown>>();
    registerIpcHandlers({
      ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener) },
      hostFor: (id) => (id === WINDOW_ID ? host : undefined),
      backups,
      chooseFolder: async () => folderChoice,
      confirmSwitch: async () => (switchAsked++, switchAnswer),
      folderOpened: () => undefined,
      openExternal: async () => undefined,
      log: () => undefined,
    });
    // The real preload bridge over the real handlers: only Electron's IPC transport is replaced.
    const ipc = {
      invoke: async (channel: string, ...args: unknown[]) => handlers.get(channel)?.(OUR_FRAME, ...args),
      on: () => ipc,
      removeListener: () => ipc,
    };
    bridge = createBridge(ipc as unknown as BridgeIpc);
  });
  afterEach(async () => {
    await host.close();
    await Promise.all([lending, shop, never, appData].map((f) => f.remove()));
  });

  const openThroughPicker = async (folder: TempFolder) => {
    folderChoice = folder.dir;
    return bridge.shell.openFolder();
  };
  const codeOf = (call: Promise<unknown>) =>
    call.then(
      () => 'ok',
      (error: unknown) => ipcErrorCode(error),
    );

  it('a backup still in flight when another folder opens is kept under its own folder', async () => {
    const lendingRoot = await realpath(lending.dir);
    const shopRoot = await realpath(shop.dir);
    await openThroughPicker(lending);
    const errors: string[] = [];
    const store = await BridgeBackupStore.load(bridge.backups, lendingRoot, (m) => errors.push(m));

    // Main starts opening the shop folder (the menu, after its prompt), and the renderer's last
    // backup of the lending edit is sent while that open is in progress: the handler runs after it.
    const switching = host.open(shop.dir);
    store.put('lending.yaml', { text: 'edit made in lending\n', baseHash: contentHash(LENDING), savedAt: 'now' });
    await switching;
    await store.flush();

    expect(errors).toEqual([]);
    expect(host.root).toBe(shopRoot);
    expect((await backups.list(lendingRoot)).map((b) => b.text)).toEqual(['edit made in lending\n']);
    expect(await backups.list(shopRoot)).toEqual([]);
    // ...and it comes back when the lending folder is opened again.
    await host.open(lending.dir);
    expect((await bridge.backups.list(lendingRoot)).map((b) => [b.path, b.text])).toEqual([['lending.yaml', 'edit made in lending\n']]);
  });

  it('a discard in flight drops the backup of its own folder, not the same path in the new one', async () => {
    const lendingRoot = await realpath(lending.dir);
    const shopRoot = await realpath(shop.dir);
    await openThroughPicker(lending);
    await backups.save(shopRoot, 'lending.yaml', 'unsaved shop edit\n', null);
    await bridge.backups.save(lendingRoot, 'lending.yaml', 'lending edit\n', null);
    const switching = host.open(shop.dir);
    const discarding = bridge.backups.discard(lendingRoot, 'lending.yaml');
    await Promise.all([switching, discarding]);
    expect(await backups.list(lendingRoot)).toEqual([]);
    expect((await backups.list(shopRoot)).map((b) => b.text)).toEqual(['unsaved shop edit\n']);
  });

  it('refuses a backup naming a folder this window never opened, and stores it nowhere', async () => {
    await openThroughPicker(lending);
    const neverRoot = await realpath(never.dir);
    expect(await codeOf(bridge.backups.save(neverRoot, 'lending.yaml', 'planted\n', null))).toBe('E_WRONG_FOLDER');
    expect(await codeOf(bridge.backups.save('relative/path', 'lending.yaml', 'planted\n', null))).toBe('E_WRONG_FOLDER');
    expect(await codeOf(bridge.backups.discard(neverRoot, 'lending.yaml'))).toBe('E_WRONG_FOLDER');
    expect(await readdir(path.join(appData.dir, 'backups')).catch(() => [])).toEqual([]);
    // The message says what happened and the hint how to name the folder.
    await expect(bridge.backups.save(neverRoot, 'lending.yaml', 'x', null)).rejects.toThrow(/never opened that folder[\s\S]*hint: /);
  });

  it('lists backups only for the folder open now (a session of the previous folder adopts nothing)', async () => {
    const lendingRoot = await realpath(lending.dir);
    await openThroughPicker(lending);
    await bridge.backups.save(lendingRoot, 'lending.yaml', 'lending edit\n', null);
    await openThroughPicker(shop);
    expect(await codeOf(bridge.backups.list(lendingRoot))).toBe('E_WRONG_FOLDER');
    expect(await bridge.backups.list(await realpath(shop.dir))).toEqual([]);
  });

  it('asks before the renderer picker replaces an open folder; cancel keeps the folder and its session', async () => {
    expect(await openThroughPicker(lending)).toMatchObject({ root: await realpath(lending.dir) });
    expect(switchAsked).toBe(0); // nothing was open: nothing to ask
    await bridge.shell.setDirty(['lending.yaml']);

    switchAnswer = false;
    expect(await openThroughPicker(shop)).toBeNull();
    expect(switchAsked).toBe(1);
    expect(host.root).toBe(await realpath(lending.dir));
    expect(host.dirty).toEqual(['lending.yaml']);
    expect(opened.map((o) => o.root)).toEqual([await realpath(lending.dir)]);

    // Reopening the same folder keeps its board: no question.
    await openThroughPicker(lending);
    expect(switchAsked).toBe(1);

    switchAnswer = true;
    expect(await openThroughPicker(shop)).toMatchObject({ root: await realpath(shop.dir) });
    expect(switchAsked).toBe(2);
    expect(host.root).toBe(await realpath(shop.dir));
  });

  it('replacesOpenFolder: only another folder replaces the open one (a symlink to it is the same folder)', async () => {
    expect(await replacesOpenFolder(host, lending.dir)).toBe(false);
    await host.open(lending.dir);
    const alias = path.join(appData.dir, 'alias');
    await symlink(lending.dir, alias);
    expect(await replacesOpenFolder(host, alias)).toBe(false);
    expect(await replacesOpenFolder(host, shop.dir)).toBe(true);
  });
});

describe('the folder switch prompt', () => {
  const deps = (over: Partial<SwitchGuardDeps>): SwitchGuardDeps & { log: string[] } => {
    const log: string[] = [];
    return {
      log,
      dirty: () => ['lending.yaml'],
      ask: async (message) => (log.push(`asked: ${message}`), 2),
      requestSave: () => void log.push('save requested'),
      waitUntilClean: async () => (log.push('waited'), true),
      ...over,
    };
  };

  it('switches without asking when nothing is unsaved', async () => {
    const clean = deps({ dirty: () => [] });
    expect(await maySwitchFolder(clean)).toBe(true);
    expect(clean.log).toEqual([]);
  });

  it('save: the renderer saves and the switch waits until it reports clean; a failed save stays', async () => {
    const save = deps({ ask: async (m) => (save.log.push(`asked: ${m}`), 0) });
    expect(await maySwitchFolder(save)).toBe(true);
    expect(save.log).toEqual(['asked: Save changes to lending.yaml before opening another folder?', 'save requested', 'waited']);
    const fails = deps({ ask: async () => 0, waitUntilClean: async () => false });
    expect(await maySwitchFolder(fails)).toBe(false);
  });

  it('keep as backup switches without saving; cancel stays', async () => {
    const keep = deps({ dirty: () => ['a.yaml', 'b.yaml'], ask: async (m) => (keep.log.push(`asked: ${m}`), 1) });
    expect(await maySwitchFolder(keep)).toBe(true);
    expect(keep.log).toEqual(['asked: Save changes to 2 model files before opening another folder?']);
    const cancel = deps({});
    expect(await maySwitchFolder(cancel)).toBe(false);
    expect(cancel.log).toEqual(['asked: Save changes to lending.yaml before opening another folder?']);
  });
});
