// Electron main-process entry (bundled to app/dist/main.cjs by app/main/build.mjs). The only
// main-process file that imports electron at run time: everything else receives its Electron
// pieces as parameters, so it is unit-tested without the Electron binary.

import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import path from 'node:path';
import { loadGenerationEngine } from '../workspace/load-generation-engine.js';
import { NodeWorkspace } from '../workspace/node-workspace.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_ENTRY_URL, createAppProtocolHandler } from './app-protocol.js';
import { BackupStore } from './backup-store.js';
import { CLOSE_BUTTONS, mayClose } from './close-guard.js';
import { createCrashHandler } from './crash-recovery.js';
import { openExternalSafely } from './external-links.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { readJson } from './json-store.js';
import { installContentSecurityPolicy } from './content-security.js';
import { buildMenuTemplate } from './menu-template.js';
import { guardNavigation } from './navigation-guard.js';
import { denyAllPermissions } from './permissions.js';
import { RecentFolders } from './recent-folders.js';
import { maySwitchFolder, replacesOpenFolder, SWITCH_BUTTONS } from './switch-guard.js';
import { createAppWindow } from './window-factory.js';
import { WindowStateStore } from './window-state.js';
import { WorkspaceHost } from './workspace-host.js';

// Must happen before `ready`: app:// is a standard, secure scheme with its own origin.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

const log = (message: string) => console.warn(`[stormsmith] ${message}`);
const userData = () => app.getPath('userData');
const recent = new RecentFolders(path.join(userData(), 'recent-folders.json'));
const windowState = new WindowStateStore(path.join(userData(), 'window-state.json'));
const backups = new BackupStore(path.join(userData(), 'backups'));
const windows = new Map<number, { win: BrowserWindow; host: WorkspaceHost }>();
const openExternal = (url: string) => shell.openExternal(url);

async function openWorkspace(folder: string): Promise<NodeWorkspace> {
  return NodeWorkspace.open(folder, { generation: await loadGenerationEngine() });
}

async function createWindow(folder?: string): Promise<void> {
  const bounds = await windowState.load(screen.getAllDisplays().map((d) => d.workArea));
  const win = createAppWindow({
    BrowserWindow,
    preloadPath: path.join(app.getAppPath(), 'app', 'dist', 'preload.cjs'),
    openExternal,
    log,
    ...(bounds ? { bounds } : {}),
  }) as BrowserWindow;
  const contents = win.webContents;
  const id = contents.id;
  const host = new WorkspaceHost((channel, payload) => {
    if (!contents.isDestroyed()) contents.send(channel, payload);
  }, openWorkspace);
  windows.set(id, { win, host });

  const onCrash = createCrashHandler({ reload: () => void win.loadURL(APP_ENTRY_URL), log });
  contents.on('render-process-gone', (_event, details) => onCrash(details));

  let closeApproved = false;
  win.on('close', (event) => {
    void windowState.save({ ...win.getNormalBounds(), maximized: win.isMaximized() }).catch(() => undefined);
    if (closeApproved) return;
    event.preventDefault();
    void settings().then((s) =>
      mayClose({
        dirty: () => host.dirty,
        hasBackup: (p) => (host.root ? backups.has(host.root, p) : Promise.resolve(false)),
        hotExit: s.hotExit,
        ask: async (message, detail) =>
          (await dialog.showMessageBox(win, { type: 'warning', message, detail, buttons: [...CLOSE_BUTTONS], defaultId: 0, cancelId: 2 })).response,
        requestSave: () => contents.send('menu:command', 'save'),
        waitUntilClean: (ms) => host.waitUntilClean(ms),
        discardBackups: async (paths) => {
          for (const p of paths) if (host.root) await backups.discard(host.root, p);
        },
      }).then(
        (ok) => {
          if (!ok) return;
          closeApproved = true;
          win.close();
        },
        (error: unknown) => {
          // The guard itself failed (a dialog error): close only if nothing would be lost.
          log(`close guard failed: ${String(error)}`);
          if (host.dirty.length > 0) return;
          closeApproved = true;
          win.close();
        },
      ),
    );
  });
  win.on('closed', () => {
    windows.delete(id);
    void host.close();
  });

  // Opened right away; the renderer's first IPC calls wait for it (WorkspaceHost.settled).
  if (folder) void openFolder(host, folder);
}

async function openFolder(host: WorkspaceHost, folder: string): Promise<void> {
  try {
    const info = await host.open(folder);
    await recent.add(info.root);
    await rebuildMenu();
  } catch (error) {
    log(`cannot open ${folder}: ${(error as Error).message}`);
    await recent.remove(folder);
    await rebuildMenu();
  }
}

/** The unsaved-edits prompt before another folder replaces the one open in `win`. */
function confirmSwitch(win: BrowserWindow, host: WorkspaceHost): Promise<boolean> {
  return maySwitchFolder({
    dirty: () => host.dirty,
    ask: async (message, detail) =>
      (await dialog.showMessageBox(win, { type: 'warning', message, detail, buttons: [...SWITCH_BUTTONS], defaultId: 0, cancelId: 2 })).response,
    requestSave: () => win.webContents.send('menu:command', 'save'),
    waitUntilClean: (ms) => host.waitUntilClean(ms),
  });
}

/** Opens `folder` in the window, asking first when it replaces a folder with unsaved edits. */
async function switchFolder(win: BrowserWindow, host: WorkspaceHost, folder: string): Promise<void> {
  try {
    if ((await replacesOpenFolder(host, folder)) && !(await confirmSwitch(win, host))) return;
  } catch (error) {
    // The prompt itself failed: keep the open folder rather than risk its unsaved edits.
    log(`folder switch prompt failed: ${String(error)}`);
    return;
  }
  await openFolder(host, folder);
}

async function settings(): Promise<{ hotExit: boolean }> {
  const stored = (await readJson(path.join(userData(), 'settings.json'))) as { hotExit?: unknown } | undefined;
  return { hotExit: stored?.hotExit !== false };
}

function focusedWindow(): { win: BrowserWindow; host: WorkspaceHost } | undefined {
  const win = BrowserWindow.getFocusedWindow();
  return win ? windows.get(win.webContents.id) : undefined;
}

async function chooseFolder(win: BrowserWindow | undefined): Promise<string | null> {
  const options = { title: 'Open Model Folder', properties: ['openDirectory' as const] };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function rebuildMenu(): Promise<void> {
  const template = buildMenuTemplate(
    { platform: process.platform, recent: await recent.list(), devTools: !app.isPackaged, appName: app.name },
    {
      openFolder: () => {
        const focused = focusedWindow();
        if (!focused) return void createWindow();
        void chooseFolder(focused.win).then((folder) => {
          if (folder) void switchFolder(focused.win, focused.host, folder);
        });
      },
      openRecent: (folder) => {
        const focused = focusedWindow();
        if (focused) void switchFolder(focused.win, focused.host, folder);
        else void createWindow(folder);
      },
      clearRecent: () => void recent.clear().then(rebuildMenu),
      send: (command) => BrowserWindow.getFocusedWindow()?.webContents.send('menu:command', command),
      openExternal: (url) => void openExternalSafely(openExternal, url, log),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** `stormsmith-desktop <folder>`: the first argument that is not an option. */
function folderFromArgv(argv: string[]): string | undefined {
  const args = argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'));
  return args[0] ? path.resolve(args[0]) : undefined;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => void createWindow(folderFromArgv(argv)));

  // Defence in depth: whatever creates web contents (a future view, a devtools extension),
  // the same navigation rules apply.
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, { openExternal, log }));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (windows.size === 0) void createWindow();
  });

  void app.whenReady().then(async () => {
    protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(app.getAppPath(), 'app', 'renderer', 'dist')));
    denyAllPermissions(session.defaultSession, log);
    installContentSecurityPolicy(session.defaultSession);
    registerIpcHandlers({
      ipcMain,
      hostFor: (id) => windows.get(id)?.host,
      backups,
      chooseFolder: (id) => chooseFolder(windows.get(id)?.win),
      confirmSwitch: async (id, host) => {
        const win = windows.get(id)?.win;
        return win ? confirmSwitch(win, host) : false;
      },
      folderOpened: (folder) => void recent.add(folder).then(rebuildMenu),
      openExternal,
      log,
    });
    await rebuildMenu();
    await createWindow(folderFromArgv(process.argv) ?? (await recent.list())[0]);
  });
}
