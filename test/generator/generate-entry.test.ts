// The generator's one entry point (generator/generate.ts): stage values and diagnostics back,
// nothing printed, every failure as a diagnostic rather than a throw.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generate } from '../../generator/generate.js';

const LIBRARY = fileURLToPath(new URL('../../models/library', import.meta.url));

describe('generate(): the programmatic entry point', () => {
  const dirs: string[] = [];
  const repo = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stormsmith-entry-'));
    dirs.push(dir);
    cpSync(LIBRARY, path.join(dir, 'models', 'library'), { recursive: true });
    return dir;
  };
  afterEach(() => {
    vi.restoreAllMocks();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('returns the target, model stage, plan and report, and prints nothing', async () => {
    const dir = repo();
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    const dry = await generate({ cwd: dir, model: 'models/library', out: 'services/library', mode: 'dry-run' });
    expect(dry.failure).toBeUndefined();
    expect(dry.ok).toBe(true);
    expect(dry.target).toMatchObject({ model: path.join(dir, 'models', 'library'), outDir: path.join(dir, 'services', 'library'), into: false });
    expect(dry.stage?.model?.contexts.length).toBeGreaterThan(0);
    expect(dry.plan!.size).toBe(dry.report!.files.length);
    expect(existsSync(path.join(dir, 'services'))).toBe(false);
    const written = await generate({ cwd: dir, model: 'models/library', out: 'services/library' });
    expect(written.ok).toBe(true);
    expect((await generate({ cwd: dir, model: 'models/library', out: 'services/library', mode: 'check' })).ok).toBe(true);
    expect(out).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
  });

  it('takes model and output from stormsmith.config.json, and refuses to guess without one', async () => {
    const dir = repo();
    const refused = await generate({ cwd: dir, model: 'models/library', mode: 'dry-run' });
    expect(refused).toMatchObject({ ok: false, failure: 'input' });
    expect(refused.diagnostics.map((d) => [d.code, d.file])).toEqual([['E_NO_OUTPUT_CONFIG', 'stormsmith.config.json']]);
    writeFileSync(path.join(dir, 'stormsmith.config.json'), JSON.stringify({ model: 'models/library', out: 'services/library' }));
    const configured = await generate({ cwd: dir, mode: 'dry-run' });
    expect(configured.ok).toBe(true);
    expect(configured.target?.outDir).toBe(path.join(dir, 'services', 'library'));
  });

  it('reports usage, config and model-read problems as diagnostics instead of throwing', async () => {
    const dir = repo();
    expect(await generate({ cwd: dir, model: 'models/library', out: 'a', into: 'b' })).toMatchObject({ ok: false, failure: 'usage', diagnostics: [{ code: 'E_USAGE' }] });
    expect(await generate({ cwd: dir, model: 'models/nowhere', defaultOut: 'generated' })).toMatchObject({ ok: false, failure: 'input', diagnostics: [{ code: 'E_IO' }] });
    writeFileSync(path.join(dir, 'stormsmith.config.json'), '{ "out": 3 }');
    expect(await generate({ cwd: dir, model: 'models/library' })).toMatchObject({ ok: false, failure: 'input', diagnostics: [{ code: 'E_CONFIG', file: 'stormsmith.config.json' }] });
  });

  it('returns model errors with the stage and no plan', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'models', 'library', 'broken.yaml'), 'stormsmith: 1\ncontext: Broken\ncommands:\n  Do:\n    emits: [Nothing]\n');
    const result = await generate({ cwd: dir, model: 'models/library', out: 'services/library', mode: 'dry-run' });
    expect(result.ok).toBe(false);
    expect(result.failure).toBeUndefined();
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.some((d) => d.severity === 'error' && d.file === 'models/library/broken.yaml')).toBe(true);
  });
});
