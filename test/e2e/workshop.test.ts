// The canvas as a workshop board (issue 14), in real Chromium through `stormsmith studio`:
// starting from an empty folder, and the defects a facilitator hits on the examples.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_TIMEOUT_MS, usePatientPolls } from './support/patience.js';
import { buildRenderer, copyRepo, launchBrowser, startStudio, type Browser, type Studio } from './support/studio.js';

let rendererDir: string;
let browser: Browser;

beforeAll(async () => {
  usePatientPolls();
  rendererDir = await buildRenderer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
});

const sticky = (page: Page, name: string) => page.locator(`[data-testid="sticky"][data-name="${name}"]`);

interface Opened {
  page: Page;
  studio: Studio;
  dir: string;
  errors: string[];
  close(): Promise<void>;
}

async function openFolder(dir: string, cleanup: string, ready: (page: Page) => Promise<void>): Promise<Opened> {
  const studio = await startStudio(dir, rendererDir);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(studio.url);
  await ready(page);
  return {
    page,
    studio,
    dir,
    errors,
    close: async () => {
      await page.close();
      await studio.stop();
      rmSync(cleanup, { recursive: true, force: true });
    },
  };
}

const openEmpty = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-empty-'));
  return openFolder(dir, dir, (page) => page.getByTestId('empty-board').waitFor());
};

const openExample = (example: string, first: string) => {
  const { repo, dir } = copyRepo(example);
  return openFolder(dir, repo, (page) => sticky(page, first).waitFor());
};

/** Save with the keyboard and wait for a clean board (failing with the notice the board showed). */
async function save(page: Page): Promise<void> {
  await page.locator('body').press('Control+s');
  try {
    await expect.poll(() => page.getByTestId('dirty-state').getAttribute('data-dirty')).toBe('no');
  } catch (error) {
    const notice = await page.getByTestId('notice').textContent().catch(() => null);
    throw new Error(`not saved; notice: ${notice}; state: ${await page.getByTestId('dirty-state').textContent()}`, { cause: error });
  }
}

async function nameDialog(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('name-dialog-input');
  await input.fill(name);
  await input.press('Enter');
}

describe('workshop board: start from nothing', () => {
  it('opens an empty folder with a first step, adds and renames contexts, saves new files', { timeout: 300_000 }, async () => {
    const board = await openEmpty();
    const { page, dir } = board;
    try {
      // A sticky before any context is refused with the way forward.
      await page.locator('body').press('e');
      expect(await page.getByTestId('notice').textContent()).toMatch(/New bounded context/);

      await page.getByTestId('empty-new-context').click();
      await nameDialog(page, 'Sales');
      await page.locator('[data-testid="frame"][data-context="Sales"]').waitFor();
      await expect.poll(() => page.getByTestId('empty-board').count()).toBe(0);

      // A second context from the command palette; a name that is taken is refused in the dialog.
      await page.locator('body').press('Control+k');
      await page.getByTestId('command-input').fill('new bounded');
      await page.getByTestId('command-input').press('Enter');
      await nameDialog(page, 'Sales');
      await expect.poll(() => page.getByTestId('name-dialog-error').textContent()).toMatch(/already a bounded context named Sales/);
      await nameDialog(page, 'Shipping');
      await page.locator('[data-testid="frame"][data-context="Shipping"]').waitFor();

      // Rename a frame by double-clicking its title.
      await page.locator('[data-testid="frame"][data-context="Shipping"] [data-testid="frame-title"]').dblclick();
      await nameDialog(page, 'Delivery');
      await page.locator('[data-testid="frame"][data-context="Delivery"]').waitFor();

      // A sticky lands in the context in view, and saving writes both new files.
      await page.locator('body').press('a');
      await sticky(page, 'NewAggregate').waitFor();
      await save(page);
      expect(readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()).toEqual(expect.arrayContaining(['sales.yaml', 'shipping.yaml']));
      expect(readFileSync(path.join(dir, 'sales.yaml'), 'utf8')).toMatch(/^context: Sales$/m);
      expect(readFileSync(path.join(dir, 'shipping.yaml'), 'utf8')).toMatch(/^context: Delivery$/m);
      expect(readFileSync(path.join(dir, 'shipping.yaml'), 'utf8')).toMatch(/NewAggregate/);
      expect(board.errors).toEqual([]);
    } finally {
      await board.close();
    }
  });
});
