// The one place windows are made. Every window gets the same locked-down web preferences
// (written out literally so the Electronegativity gate can read them), the navigation guard,
// and our app:// entry page.

import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-protocol.js';
import { guardNavigation, type GuardedContents, type NavigationGuardDeps } from './navigation-guard.js';
import type { WindowBounds } from './window-state.js';

/** What the factory needs of a window; the real BrowserWindow fits it. */
export interface FactoryWindow {
  webContents: GuardedContents;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  maximize(): void;
}

export interface WindowFactoryDeps extends NavigationGuardDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => FactoryWindow;
  /** Absolute path of the bundled preload (app/dist/preload.cjs). */
  preloadPath: string;
  bounds?: WindowBounds;
}

export function createAppWindow(deps: WindowFactoryDeps): FactoryWindow {
  const { BrowserWindow } = deps;
  const bounds = deps.bounds;
  const win = new BrowserWindow({
    title: 'Stormsmith',
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 800,
    ...(bounds?.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 640,
    minHeight: 400,
    show: false,
    webPreferences: {
      preload: deps.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would open links in a new window; new windows are denied anyway.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: true,
    },
  });
  guardNavigation(win.webContents, deps);
  win.once('ready-to-show', () => {
    if (bounds?.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(APP_ENTRY_URL).catch((e: unknown) => deps.log(`loading the renderer failed: ${String(e)}`));
  return win;
}
