// `stormsmith check --typecheck` (issue 11): check never says "passed" over output that does not
// compile when it can know. The output's own TypeScript (node_modules linked from ours, as in
// test/generated-project/support.ts) type-checks it; without installed dependencies the step
// fails and says to install them.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryRepo, REPO_ROOT, runCli } from '../regen/support.js';
import { GENERATED_RUN_TIMEOUT } from '../generated-project/support.js';

const LOGIC = 'service/src/lending/loan/logic.ts';

describe('stormsmith check --typecheck', () => {
  it('passes over a fresh service, fails at the line of a type error in user code, and is unavailable without dependencies', async () => {
    const repo = libraryRepo();
    expect((await runCli(['generate'], repo)).code).toBe(0);

    const noDeps = await runCli(['check', '--typecheck'], repo);
    expect(noDeps.code).toBe(1);
    expect(noDeps.stdout).toContain('error[E_TYPECHECK_UNAVAILABLE]');
    expect(noDeps.stdout).toContain('run `npm ci` in service');

    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(repo, 'service/node_modules'), 'dir');
    const fresh = await runCli(['check', '--typecheck'], repo);
    expect(fresh.code, fresh.stdout).toBe(0);
    expect(fresh.stdout).toContain('ok   generated output type-checks (tsc)');

    // A user-owned file (check --generated stays green: it is yours) that does not compile.
    const text = fs.readFileSync(path.join(repo, LOGIC), 'utf8');
    fs.writeFileSync(path.join(repo, LOGIC), text.replace(/\{ type: 'BookBorrowed', data: \{ loanId: command\.data\.loanId,/, "{ type: 'BookBorrowed', data: { loanId: 42,"));
    const plain = await runCli(['check'], repo);
    expect(plain.code, 'without --typecheck check cannot know').toBe(0);
    const broken = await runCli(['check', '--typecheck', '--format', 'json'], repo);
    expect(broken.code).toBe(1);
    const doc = JSON.parse(broken.stdout) as { ok: boolean; steps: { id: string; status: string }[]; diagnostics: { code: string; file: string; line: number }[] };
    expect(doc.ok).toBe(false);
    expect(doc.steps.find((s) => s.id === 'typecheck')?.status).toBe('failed');
    const error = doc.diagnostics.find((d) => d.code === 'E_TYPECHECK');
    expect(error?.file).toBe(LOGIC);
    const line = fs.readFileSync(path.join(repo, LOGIC), 'utf8').split('\n').findIndex((l) => l.includes('loanId: 42')) + 1;
    expect(error?.line).toBe(line);
  }, GENERATED_RUN_TIMEOUT);
});
