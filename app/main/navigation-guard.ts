// A window shows our renderer and nothing else: no navigation away from app://stormsmith (link
// clicks, `location = ...`, dropped files, redirects, sub-frames), no new windows (https links
// go to the default browser instead), no <webview>.

import { isAppUrl } from './app-protocol.js';
import { safeExternalUrl } from './external-links.js';

interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** The part of WebContents the guard needs (one signature per event, so real WebContents fits). */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface NavigationGuardDeps {
  openExternal: (url: string) => Promise<void>;
  log: (message: string) => void;
}

export function guardNavigation(contents: GuardedContents, deps: NavigationGuardDeps): void {
  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external) void deps.openExternal(external).catch((e: unknown) => deps.log(`openExternal failed: ${String(e)}`));
    else deps.log(`blocked new window for ${JSON.stringify(url.slice(0, 200))}`);
    return { action: 'deny' };
  });
  const stayInApp = (kind: string) => (event: NavigationEvent) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    deps.log(`blocked ${kind} to ${JSON.stringify(event.url.slice(0, 200))}`);
  };
  contents.on('will-navigate', stayInApp('navigation'));
  contents.on('will-frame-navigate', stayInApp('frame navigation'));
  contents.on('will-redirect', stayInApp('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.log('blocked a <webview>');
  });
}
