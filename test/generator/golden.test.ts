// Golden files: every example model's generated tree is committed under test/golden/<example>/,
// so that reviewers see generated code change in diffs. `UPDATE_GOLDEN=1 npx vitest run
// test/generator/golden.test.ts` rewrites them (and removes files the plan no longer has).
//
// The runtime support module and the test setup (src/runtime/**, test/setup/**) are verbatim
// copies of templates/runtime/**, already reviewed there; they are left out of the golden tree.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planExample, REPO_ROOT } from '../generated-project/support.js';
import { filesUnder } from '../support/files-under.js';

const GOLDEN = join(REPO_ROOT, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const examples = readdirSync(join(REPO_ROOT, 'models'))
  .filter((name) => statSync(join(REPO_ROOT, 'models', name)).isDirectory())
  .sort();

const copiedVerbatim = (path: string) => path.startsWith('src/runtime/') || path.startsWith('test/setup/');


describe('golden generated trees', () => {
  it('covers every example model', () => {
    expect(examples).toContain('library');
  });

  for (const example of examples) {
    it(`models/${example} generates exactly test/golden/${example}`, async () => {
      const planned = new Map([...(await planExample(example))].filter(([path]) => !copiedVerbatim(path)));
      const root = join(GOLDEN, example);
      if (UPDATE) {
        rmSync(root, { recursive: true, force: true });
        for (const [path, file] of planned) {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), file.contents);
        }
      }
      expect(existsSync(root) ? filesUnder(root) : [], 'run with UPDATE_GOLDEN=1 to accept the new tree').toEqual([...planned.keys()]);
      for (const [path, file] of planned) {
        expect(file.contents, `${path} (run with UPDATE_GOLDEN=1 to accept)`).toBe(readFileSync(join(root, path), 'utf8'));
      }
    });
  }
});
