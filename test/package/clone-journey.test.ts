// The README's first journey on a clone: after `npm ci` (whose `prepare` builds the CLI and the
// canvas), `npx stormsmith studio models/library` serves the board. This runs the same npx command
// from the repo, with no test-only build and no renderer override: in CI (.ci/run sets
// STORMSMITH_REQUIRE_PREBUILT=1) it fails if `npm ci` did not build what the studio needs.

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, launchBrowser, REPO, type Browser } from '../e2e/support/studio.js';
import { boardErrors, startStudioCommand } from './studio-process.js';

let browser: Browser;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-clone-journey-'));

beforeAll(async () => {
  ensureBuilt('cli');
  ensureBuilt('renderer');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('fresh clone: npx stormsmith studio', () => {
  it('serves the library board, rendered without console errors', async () => {
    // A copy of models/library, so the studio's writer lock never touches the repo's own example.
    const models = path.join(scratch, 'library');
    cpSync(path.join(REPO, 'models/library'), models, { recursive: true });
    const env = { ...process.env };
    delete env.STORMSMITH_RENDERER_DIR;
    const studio = await startStudioCommand('npx', ['--no-install', 'stormsmith', 'studio', models, '--port', '0', '--no-open'], REPO, env);
    try {
      expect(await boardErrors(browser, studio.url, 'Loan')).toEqual([]);
    } finally {
      await studio.stop();
    }
  }, 120_000);
});
