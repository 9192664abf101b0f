// The set-up the whole-project tests share: an example planned and written to a temp folder before
// the test file runs (our node_modules linked in), removed after it, and the strict type-check
// every generated project must pass. Kept apart from support.ts, which scripts import outside vitest.

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { materialise, planExample, runTool } from './support.js';

/** Registers the hooks; the returned function gives the project folder once beforeAll has run. */
export function useGeneratedExample(example: string): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = materialise(await planExample(example), example);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** `tsc -p tsconfig.json` inside the project: silent and exit 0. */
export function expectStrictTypeCheck(dir: string): void {
  const tsc = runTool(dir, 'tsc', ['-p', 'tsconfig.json']);
  expect(tsc.output).toBe('');
  expect(tsc.status).toBe(0);
}
