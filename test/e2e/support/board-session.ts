// What a test file of board e2e tests shares: the canvas as `npm run build` built it (a private
// copy) and one Chromium, started before the file's first test and closed after its last.

import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { usePatientPolls } from './patience.js';
import { buildRenderer, launchBrowser, type Browser } from './studio.js';

export interface BoardSession {
  /** The renderer build a studio serves (set in beforeAll). */
  readonly rendererDir: string;
  /** The file's Chromium (set in beforeAll). */
  readonly browser: Browser;
}

/** Registers the file's beforeAll/afterAll; call at the top level of a test file. */
export function useBoardSession(viewport?: { width: number; height: number }): BoardSession {
  const session: { rendererDir?: string; browser?: Browser } = {};
  beforeAll(async () => {
    usePatientPolls();
    session.rendererDir = await buildRenderer();
    session.browser = await launchBrowser(viewport);
  });
  afterAll(async () => {
    await session.browser?.close();
    if (session.rendererDir) rmSync(session.rendererDir, { recursive: true, force: true });
  });
  return {
    get rendererDir() {
      if (!session.rendererDir) throw new Error('the board session starts in beforeAll');
      return session.rendererDir;
    },
    get browser() {
      if (!session.browser) throw new Error('the board session starts in beforeAll');
      return session.browser;
    },
  };
}
