// ADR 0101 (issue 20): generate parses JSON only, unless --verify or template overrides. The
// overrides are the one input the generator's tests never saw, so with them every TypeScript
// file is parsed before anything is written; apply()'s own default stays the full check.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../generator/apply/apply.js';
import { generate } from '../../generator/generate.js';
import { fileMap, generated, tempDir } from '../apply/support.js';

const LIBRARY = fileURLToPath(new URL('../../models/library', import.meta.url));
const BROKEN = 'export const = ;\n';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function repoWithOverride(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stormsmith-verify-'));
  dirs.push(dir);
  cpSync(LIBRARY, path.join(dir, 'models', 'library'), { recursive: true });
  writeFileSync(path.join(dir, 'stormsmith.config.json'), '{ "model": "models/library", "out": "out" }\n');
  mkdirSync(path.join(dir, '.stormsmith/templates/runtime/src/runtime'), { recursive: true });
  writeFileSync(path.join(dir, '.stormsmith/templates/runtime/src/runtime/backoff.ts'), BROKEN);
  return dir;
}

describe('how generate checks the files it writes', () => {
  it('with template overrides, an override that does not parse stops the run with nothing written', async () => {
    const dir = repoWithOverride();
    const result = await generate({ cwd: dir });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.find((d) => d.code === 'E_OUTPUT_INVALID')?.file).toContain('backoff.ts');
    expect(existsSync(path.join(dir, 'out', 'src'))).toBe(false);
  });

  it('apply: verify "json" still refuses JSON that does not parse, and leaves TypeScript to --verify', async () => {
    const out = tempDir();
    const json = await apply(fileMap(generated('a.json', '{ nope')), out, { verify: 'json' });
    expect(json.problems.map((p) => p.code)).toEqual(['E_OUTPUT_INVALID']);
    const ts = await apply(fileMap(generated('src/x.ts', BROKEN)), out, { verify: 'json' });
    expect(ts.ok).toBe(true);
    expect(readFileSync(path.join(out, 'src/x.ts'), 'utf8')).toBe(BROKEN);
    const full = await apply(fileMap(generated('src/y.ts', BROKEN)), out);
    expect(full.problems.map((p) => p.code)).toEqual(['E_OUTPUT_INVALID']);
  });
});
