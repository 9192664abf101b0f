// Opens a URL in the user's browser. Failure (no desktop, no xdg-open) is only a warning: the
// URL is printed anyway.
//
// The studio's URL carries its per-run token. A command line is world-readable on a shared host
// (/proc/<pid>/cmdline), so the browser is given a private redirect file instead (as Jupyter
// does): a 0600 file in a 0700 folder, holding the URL, removed when the studio exits.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Writes the private redirect page for `url`; returns its file:// URL and a cleanup. */
export function redirectFile(url: string, tmp: string = os.tmpdir()): { fileUrl: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(tmp, 'stormsmith-open-'));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, 'open.html');
  const html = `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escapeHtml(url)}"><title>stormsmith studio</title><p><a href="${escapeHtml(url)}">Open the studio</a></p>\n`;
  fs.writeFileSync(file, html, { mode: 0o600, flag: 'wx' });
  return { fileUrl: pathToFileURL(file).href, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function browserCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; the empty string is the window title, not the URL.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { command: 'xdg-open', args: [url] };
}

export function openBrowser(url: string, warn: (message: string) => void, platform: NodeJS.Platform = process.platform): void {
  let target = url;
  try {
    const redirect = redirectFile(url);
    target = redirect.fileUrl;
    process.once('exit', redirect.remove);
  } catch (error) {
    warn(`could not write the private redirect file (${(error as Error).message}); open the URL above yourself`);
    return;
  }
  const { command, args } = browserCommand(platform, target);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', (error) => warn(`could not open a browser (${command}: ${error.message}); open the URL above yourself`));
    child.unref();
  } catch (error) {
    warn(`could not open a browser (${command}: ${(error as Error).message}); open the URL above yourself`);
  }
}
