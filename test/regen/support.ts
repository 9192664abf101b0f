// Helpers for CLI-level regeneration tests: a temp repo holding a copy of an example model, and
// the CLI run in-process with captured output.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';

export { runCli, type CliRun } from '../cli/support.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

// Every repo a test file makes is removed when that file's tests are done (vitest evaluates this
// module once per test file, so the hook belongs to the importing file).
const repos: string[] = [];
afterAll(() => {
  for (const repo of repos.splice(0)) fs.rmSync(repo, { recursive: true, force: true });
});

/** A temp "user repo": models/library (a copy of the example) and stormsmith.config.json. */
export function libraryRepo(config: Record<string, unknown> | null = { model: 'models/library', out: 'service' }): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'stormsmith-repo-'));
  repos.push(repo);
  fs.cpSync(path.join(REPO_ROOT, 'models/library'), path.join(repo, 'models/library'), { recursive: true });
  if (config) fs.writeFileSync(path.join(repo, 'stormsmith.config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return repo;
}

/** Edits a model file in place by exact text replacement (fails loudly when the text is gone). */
export function editModel(repo: string, file: string, edits: [from: string | RegExp, to: string][]): void {
  const full = path.join(repo, 'models/library', file);
  let text = fs.readFileSync(full, 'utf8');
  for (const [from, to] of edits) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`model edit did not apply: ${String(from)}`);
    text = next;
  }
  fs.writeFileSync(full, text);
}
