// A few end-to-end runs of the real binary (`node bin/stormsmith.mjs`): exit codes, streams, and
// no stack trace ever reaching the user. Everything else is tested in-process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DANGLING, lineCol, tempTree } from './support.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/stormsmith.mjs', import.meta.url));
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function stormsmith(args: string[], cwd = repo) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, STORMSMITH_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('node bin/stormsmith.mjs validate', () => {
  it('exits 0 on the library example', () => {
    const r = stormsmith(['validate', 'models/library']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 errors, 0 warnings');
  });

  it('exits 1 on a dangling reference, printing the position and hint; github format too', () => {
    const t = tempTree({ 'till.yaml': DANGLING });
    cleanups.push(t.cleanup);
    const text = stormsmith(['validate', 'till.yaml'], t.dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`till.yaml:${lineCol(DANGLING, 'SendReceit]')}: error[E_UNRESOLVED_REF]: unknown command "SendReceit"`);
    expect(text.stdout).toContain('  hint: did you mean "SendReceipt"?');
    const github = stormsmith(['validate', '--format', 'github', 'till.yaml'], t.dir);
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::error file=till\.yaml,line=\d+,col=\d+,/);
  });

  it('exits 2 on a missing path and on bad usage, without a stack trace', () => {
    for (const args of [['validate', 'no/such/folder'], ['validate', '--format', 'yaml']]) {
      const r = stormsmith(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error\[E_(IO|USAGE)\]/);
      expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
    }
  });
});
