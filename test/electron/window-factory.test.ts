import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../app/main/app-protocol.js';
import { createAppWindow, type FactoryWindow } from '../../app/main/window-factory.js';

type Listener = (...args: never[]) => unknown;

/** A stand-in BrowserWindow that records what the factory did to it. */
function fakeElectron() {
  const made: { options: BrowserWindowConstructorOptions; window: FakeWindow }[] = [];
  class FakeContents {
    listeners = new Map<string, Listener[]>();
    openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    setWindowOpenHandler(handler: (d: { url: string }) => { action: 'deny' }) {
      this.openHandler = handler;
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    emit(event: string, arg: unknown) {
      for (const l of this.listeners.get(event) ?? []) (l as (a: unknown) => void)(arg);
    }
  }
  class FakeWindow implements FactoryWindow {
    webContents = new FakeContents();
    loaded: string[] = [];
    shown = false;
    readyListener: (() => void) | undefined;
    constructor(options: BrowserWindowConstructorOptions) {
      made.push({ options, window: this });
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    once(_event: 'ready-to-show', listener: () => void) {
      this.readyListener = listener;
    }
    show() {
      this.shown = true;
    }
    maximize() {}
  }
  return { made, FakeWindow };
}

function makeWindow() {
  const { made, FakeWindow } = fakeElectron();
  const opened: string[] = [];
  const logs: string[] = [];
  createAppWindow({
    BrowserWindow: FakeWindow,
    preloadPath: '/app/dist/preload.cjs',
    openExternal: async (url) => void opened.push(url),
    log: (m) => logs.push(m),
  });
  const first = made[0];
  if (!first) throw new Error('no window made');
  return { ...first, opened, logs };
}

describe('window factory', () => {
  it('locks down the web preferences of every window', () => {
    const { options } = makeWindow();
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/preload.cjs',
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
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences?.disableBlinkFeatures).toBe('Auxclick');
    expect(options.show).toBe(false);
  });

  it('loads the renderer from app://, never file://, and shows the window when ready', () => {
    const { window } = makeWindow();
    expect(window.loaded).toEqual([APP_ENTRY_URL]);
    expect(APP_ENTRY_URL).toBe('app://stormsmith/index.html');
    window.readyListener?.();
    expect(window.shown).toBe(true);
  });

  it('blocks every navigation away from the app, including look-alike hosts', () => {
    const { window, logs } = makeWindow();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://stormsmith.evil.example/', 'app://evil/', 'http://127.0.0.1:1234/', 'javascript:alert(1)', 'app://x@stormsmith/']) {
        let prevented = false;
        window.webContents.emit(event, { url, preventDefault: () => (prevented = true) });
        expect(prevented, `${event} ${url}`).toBe(true);
      }
      let prevented = false;
      window.webContents.emit(event, { url: 'app://stormsmith/index.html#board', preventDefault: () => (prevented = true) });
      expect(prevented, `${event} to the app itself`).toBe(false);
    }
    expect(logs.some((l) => l.includes('blocked navigation'))).toBe(true);
  });

  it('denies every new window; https and mailto links go to the default browser, others nowhere', () => {
    const { window, opened } = makeWindow();
    const handler = window.webContents.openHandler;
    if (!handler) throw new Error('no window open handler installed');
    for (const url of ['https://docs.example/x', 'mailto:a@example.com', 'file:///etc/passwd', 'smb://host/share', 'ms-msdt:/id', 'https://user@evil.example', 'app://stormsmith/']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://docs.example/x', 'mailto:a@example.com']);
  });

  it('refuses <webview> attachment', () => {
    const { window } = makeWindow();
    let prevented = false;
    window.webContents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});
