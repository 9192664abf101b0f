// Opens a URL in the user's browser. Failure (no desktop, no xdg-open) is only a warning: the
// URL is printed anyway.

import { spawn } from 'node:child_process';

export function browserCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; the empty string is the window title, not the URL.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { command: 'xdg-open', args: [url] };
}

export function openBrowser(url: string, warn: (message: string) => void, platform: NodeJS.Platform = process.platform): void {
  const { command, args } = browserCommand(platform, url);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', (error) => warn(`could not open a browser (${command}: ${error.message}); open the URL above yourself`));
    child.unref();
  } catch (error) {
    warn(`could not open a browser (${command}: ${(error as Error).message}); open the URL above yourself`);
  }
}
