// The library example with hand-written logic in every user-owned file (test/fixtures/library-logic),
// generated the way a user's first `stormsmith generate` writes it (apply into an empty folder),
// then the fixture copied over: shared for the run by library-logic.test.ts and
// test/ops/generated-ops.test.ts, which both type-check it and read its own test run (ADR 0107).

import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { apply } from '../../generator/apply/index.js';
import type { TemplateMap } from '../../generator/emit/templates.js';
import { loadTemplates } from '../../generator/emit/templates.js';
import { filesUnder } from '../support/files-under.js';
import { fileMapKey, sharedService, type SharedService } from './shared-service.js';
import { planExample, REPO_ROOT } from './support.js';

export const LIBRARY_LOGIC_FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'library-logic', 'generated');

/** The fixture's files and their contents, for the service's content key. */
function fixtureKey(): string {
  const hash = createHash('sha256');
  for (const path of filesUnder(LIBRARY_LOGIC_FIXTURE)) hash.update(`${path}\0`).update(readFileSync(join(LIBRARY_LOGIC_FIXTURE, path))).update('\0');
  return hash.digest('hex');
}

export async function sharedLibraryWithLogic(templates: TemplateMap = loadTemplates()): Promise<SharedService> {
  const files = await planExample('library', { templates });
  return sharedService('library-logic', `${fileMapKey(files)}\0${fixtureKey()}`, async (dir) => {
    const first = await apply(files, dir);
    if (first.problems.length > 0) throw new Error(`generating the library reported problems:\n${JSON.stringify(first.problems, null, 2)}`);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    cpSync(LIBRARY_LOGIC_FIXTURE, dir, { recursive: true });
  });
}
