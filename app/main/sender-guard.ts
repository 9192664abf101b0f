// Every IPC handler first asks: did this come from the top frame of one of our windows, showing
// our own app:// page? An injected iframe, a page navigated elsewhere (should the navigation
// guard ever fail) or a foreign webContents is refused. URLs are parsed, never prefix-matched.

import { isAppUrl } from './app-protocol.js';

export interface SenderEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** null when trusted, otherwise why not (for the log). */
export function untrustedSenderReason(event: SenderEvent, isOurWebContents: (id: number) => boolean): string | null {
  if (!isOurWebContents(event.sender.id)) return `webContents ${event.sender.id} is not a Stormsmith window`;
  const frame = event.senderFrame;
  if (frame === null) return 'the sending frame is gone';
  if (frame.parent !== null) return `a sub-frame (${JSON.stringify(frame.url.slice(0, 200))}) may not use the API`;
  if (!isAppUrl(frame.url)) return `frame URL ${JSON.stringify(frame.url.slice(0, 200))} is not the app`;
  return null;
}
