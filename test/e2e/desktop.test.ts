// The desktop renderer in real Chromium over the real preload bridge and the real main-process
// IPC handlers (Electron's transport replaced, see support/desktop-main.ts): open a folder from
// the start screen, unsaved state and backups reach main, native menu commands save and undo,
// and unsaved edits come back after the window dies.

import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesktopMain, bundlePreloadBridge, type DesktopMain } from './support/desktop-main.js';
import { STEP_TIMEOUT_MS, usePatientPolls } from './support/patience.js';
import { buildRenderer, copyRepo, launchBrowser, type Browser } from './support/studio.js';

const ORIGIN = 'http://stormsmith.test';
let rendererDir: string;
let bridgeScript: string;
let browser: Browser;

beforeAll(async () => {
  usePatientPolls();
  [rendererDir, bridgeScript] = await Promise.all([buildRenderer(), bundlePreloadBridge()]);
  browser = await launchBrowser();
  // Serve the built renderer the way the app:// protocol does: files of the build, nothing else.
  await browser.context.route(`${ORIGIN}/**`, async (route) => {
    const pathname = new URL(route.request().url()).pathname;
    const file = path.join(rendererDir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(rendererDir)) return route.fulfill({ status: 404 });
    try {
      await route.fulfill({ path: file });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });
});

afterAll(async () => {
  await browser?.close();
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
});

const sticky = (page: Page, name: string) => page.locator(`[data-testid="sticky"][data-name="${name}"]`);

async function newWindow(main: DesktopMain): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await main.attach(page, `${ORIGIN}/`);
  return { page, errors };
}

describe('desktop renderer over the preload bridge', () => {
  it('opens a folder, reports dirty state and backups to main, obeys menu commands, recovers after a crash', { timeout: 120_000 }, async () => {
    const { repo, dir } = copyRepo('library');
    const main = await startDesktopMain(bridgeScript);
    const file = path.join(dir, 'lending.yaml');
    const original = readFileSync(file, 'utf8');
    try {
      const { page, errors } = await newWindow(main);
      // Nothing open yet: the start screen; its button runs main's folder picker.
      await page.getByTestId('no-folder').waitFor();
      main.nextFolder = dir;
      await page.getByTestId('open-folder').click();
      await sticky(page, 'Loan').waitFor();
      const root = main.host.root!;
      expect(main.host.dirty).toEqual([]);

      // An edit: main hears which file is unsaved and holds a backup of its text (outside the repo).
      await page.locator('body').press('c');
      await sticky(page, 'NewCommand').waitFor();
      await expect.poll(() => main.host.dirty).toEqual(['lending.yaml', 'lending.layout.yaml'].sort());
      await expect.poll(async () => (await main.backups.list(root)).find((b) => b.path === 'lending.yaml')?.text ?? '').toContain('  NewCommand:');
      expect(readFileSync(file, 'utf8')).toBe(original);

      // File > Save from the native menu: written, nothing dirty, the backups dropped.
      await main.sendMenu('save');
      await expect.poll(() => readFileSync(file, 'utf8')).toContain('  NewCommand:');
      await expect.poll(() => main.host.dirty).toEqual([]);
      await expect.poll(async () => (await main.backups.list(root)).length).toBe(0);

      // Edit > Undo from the native menu: the sticky goes, the board is dirty again.
      await main.sendMenu('undo');
      await expect.poll(() => sticky(page, 'NewCommand').count()).toBe(0);
      await expect.poll(() => main.host.dirty).toContain('lending.yaml');
      await expect.poll(async () => (await main.backups.list(root)).find((b) => b.path === 'lending.yaml')?.text ?? '  NewCommand:').not.toContain('  NewCommand:');
      expect(errors).toEqual([]);

      // The window dies with that unsaved edit; a new window offers it back from main's backups.
      await page.close();
      const second = await newWindow(main);
      await second.page.getByTestId('recovery-dialog').waitFor();
      // Until restored, the board shows the disk, which has the saved sticky.
      await sticky(second.page, 'NewCommand').waitFor({ state: 'attached' });
      await second.page.getByTestId('recovery-restore').click();
      await expect.poll(() => sticky(second.page, 'NewCommand').count()).toBe(0);
      await expect.poll(() => second.page.getByTestId('dirty-state').getAttribute('data-dirty')).toBe('yes');
      await main.sendMenu('save');
      await expect.poll(() => readFileSync(file, 'utf8')).not.toContain('  NewCommand:');
      await expect.poll(() => main.host.dirty).toEqual([]);
      expect(second.errors).toEqual([]);
      await second.page.close();
    } finally {
      await main.close();
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
