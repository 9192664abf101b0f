// docs/ci.md, shown working: the pre-commit hook printed there, installed in a real git repo.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryRepo, REPO_ROOT, runCli } from './support.js';

/** The ```sh block that follows the pre-commit-hook marker in docs/ci.md. */
function hookFromDocs(): string {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/ci.md'), 'utf8');
  const match = /<!-- pre-commit-hook[^>]*-->\n```sh\n([\s\S]*?)```/.exec(doc);
  if (!match) throw new Error('docs/ci.md has no pre-commit hook block');
  return match[1]!;
}

const STORMSMITH = `${process.execPath} ${path.join(REPO_ROOT, 'bin/stormsmith.mjs')}`;

function git(repo: string, ...args: string[]) {
  return spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, STORMSMITH },
  });
}

describe('docs/ci.md pre-commit hook', () => {
  it('lets a clean commit through and refuses one with a hand-edited generated file', async () => {
    const repo = libraryRepo();
    expect((await runCli(['generate'], repo)).code).toBe(0);
    fs.mkdirSync(path.join(repo, '.githooks'));
    fs.writeFileSync(path.join(repo, '.githooks/pre-commit'), hookFromDocs(), { mode: 0o755 });
    expect(git(repo, 'init', '-q', '-b', 'main').status).toBe(0);
    expect(git(repo, 'config', 'core.hooksPath', '.githooks').status).toBe(0);
    expect(git(repo, 'add', '-A').status).toBe(0);

    const clean = git(repo, 'commit', '-q', '-m', 'model and generated service');
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    // git hands a hook's stdout to stderr.
    expect(clean.stderr, clean.stderr).toContain('check: passed');

    const file = path.join(repo, 'service/src/lending/loan/events.ts');
    fs.appendFileSync(file, 'export const sneaky = 1;\n');
    const refused = git(repo, 'commit', '-q', '-am', 'hand edit');
    expect(refused.status, refused.stdout + refused.stderr).not.toBe(0);
    expect(refused.stderr, refused.stderr).toContain('service/src/lending/loan/events.ts:1:1: error[E_HAND_EDITED]');
    expect(refused.stderr).toContain('-export const sneaky = 1;');
    expect(refused.stderr).toContain('pre-commit: stormsmith check failed');
    expect(git(repo, 'log', '--oneline').stdout.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
