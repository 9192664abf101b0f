// Runs a user-facing `stormsmith studio` command (through npx, or an installed bin) as its own
// process group and checks in Chromium that the board renders without console errors.

import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser } from '../e2e/support/studio.js';

export interface RunningStudio {
  url: string;
  stop(): Promise<void>;
}

/** Starts `command args` in `cwd`; resolves with the tokened URL the studio prints. */
export function startStudioCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunningStudio> {
  // Its own process group: npx runs the bin in a child, and stop() must end them all.
  const child: ChildProcess = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`studio did not print its URL in time\nstdout: ${out}\nstderr: ${err}`));
    }, 60_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`studio exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

/** Opens `url`, waits for the sticky called `name`; returns every console error and page error. */
export async function boardErrors(browser: Browser, url: string, name: string): Promise<string[]> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  try {
    await page.goto(url);
    await page.locator(`[data-testid="sticky"][data-name="${name}"]`).waitFor({ timeout: 30_000 });
    return errors;
  } finally {
    await page.close();
  }
}
