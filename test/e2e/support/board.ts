// One board as a user opens it: `stormsmith studio` over a model folder and a Chromium page on
// it, waited for until the board is ready; page errors are collected for the test to assert on.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { BoardSession } from './board-session.js';
import { sticky } from './locators.js';
import { STEP_TIMEOUT_MS } from './patience.js';
import { copyRepo, startStudio, type Studio } from './studio.js';

export interface Board {
  page: Page;
  studio: Studio;
  /** The model folder the studio opened. */
  dir: string;
  /** Uncaught errors of the page so far. */
  errors: string[];
  /** Closes the page, stops the studio and removes the scratch folder (if any). */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Waits until the board shows what the test starts from. */
  ready: (page: Page) => Promise<void>;
  /** A scratch folder to remove on close (none: the folder belongs to someone else). */
  cleanup?: string;
  /** More arguments for `stormsmith studio`. */
  studioArgs?: readonly string[];
}

export async function openBoard(session: BoardSession, dir: string, options: OpenOptions): Promise<Board> {
  const studio = await startStudio(dir, session.rendererDir, options.studioArgs);
  const page = await session.browser.context.newPage();
  // Fail on the step that hangs, with its selector, well before the test's own timeout.
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const close = async () => {
    await page.close();
    await studio.stop();
    if (options.cleanup) rmSync(options.cleanup, { recursive: true, force: true });
  };
  try {
    await page.goto(studio.url);
    await options.ready(page);
  } catch (error) {
    await close();
    throw error;
  }
  return { page, studio, dir, errors, close };
}

/**
 * A scratch copy of an example laid out like a user's repo (support/studio.ts copyRepo), opened
 * and waited for until the sticky named `first` is drawn.
 */
export async function openExample(session: BoardSession, example: string, first: string): Promise<Board & { repo: string; out: string }> {
  const { repo, dir, out } = copyRepo(example);
  const board = await openBoard(session, dir, { cleanup: repo, ready: (page) => sticky(page, first).waitFor() });
  return { ...board, repo, out };
}

/** An empty scratch folder, opened and waited for until the empty board's first step shows. */
export function openEmpty(session: BoardSession): Promise<Board> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-empty-'));
  return openBoard(session, dir, { cleanup: dir, ready: emptyBoard });
}

/** The empty board's first step is on screen. */
export const emptyBoard = (page: Page): Promise<void> => page.getByTestId('empty-board').waitFor();
