// The set-up the whole-project tests share: an example planned and written to a folder before the
// test file runs (our node_modules linked in), and the strict type-check every generated project
// must pass. A file that only reads the project shares one folder per run with the other files
// that do (shared-service.ts, ADR 0107); a file that writes gets its own copy, removed after it.
// Kept apart from support.ts, which scripts import outside vitest.

import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { fileMapKey, expectUntouched, privateCopy, removeCopy, sharedService, sharedToolRun, type SharedService } from './shared-service.js';
import { planExample, REPO_ROOT, runTool, writeFileMap } from './support.js';

/** models/<example> planned and written once per run, shared read-only (ADR 0107). */
export async function sharedExample(example: string): Promise<SharedService> {
  const files = await planExample(example);
  return sharedService(example, fileMapKey(files), (dir) => {
    writeFileMap(files, dir);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  });
}

/**
 * Registers the hooks for a file that only reads the example's project; the returned function
 * gives the shared service once beforeAll has run. After the file, the project must be unchanged.
 */
export function useSharedExample(example: string): () => SharedService {
  let service: SharedService | undefined;
  beforeAll(async () => {
    service = await sharedExample(example);
  });
  afterAll(() => {
    if (service) expectUntouched(service, 'after this file');
  });
  return () => service!;
}

/** The folder of the example's shared project (a file that only reads it). */
export function useGeneratedExample(example: string): () => string {
  const service = useSharedExample(example);
  return () => service().dir;
}

/** A private copy of the example's project for a file that writes into it; removed after the file. */
export function useGeneratedCopy(example: string): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = privateCopy(await sharedExample(example), example);
  });
  afterAll(() => removeCopy(dir));
  return () => dir;
}

/** `tsc -p tsconfig.json` inside the project: silent and exit 0. */
export function expectStrictTypeCheck(dir: string): void {
  const tsc = runTool(dir, 'tsc', ['-p', 'tsconfig.json']);
  expect(tsc.output).toBe('');
  expect(tsc.status).toBe(0);
}

/** The same check over a shared service, run once per run however many files ask for it. */
export function expectSharedTypeCheck(service: SharedService): void {
  const tsc = sharedToolRun(service, 'tsc', ['-p', 'tsconfig.json']);
  expect(tsc.output).toBe('');
  expect(tsc.status).toBe(0);
}
