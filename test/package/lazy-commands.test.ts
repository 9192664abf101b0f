// The built CLI loads per command only what that command uses (traced with
// bench/support/trace-loads.mjs; bench/cli.ts prints the same lists with timings).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadedModules } from '../../bench/support/loaded-modules.js';
import { ensureBuilt, REPO } from '../e2e/support/studio.js';

const HEAVY = ['ts-morph', 'handlebars', 'ajv', 'json-schema-to-typescript', 'prettier'];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-lazy-'));

beforeAll(() => {
  ensureBuilt('cli');
  cpSync(path.join(REPO, 'models/library'), path.join(scratch, 'models/library'), { recursive: true });
  writeFileSync(path.join(scratch, 'stormsmith.config.json'), '{ "model": "models/library", "out": "services/library" }\n');
  const generated = spawnSync(process.execPath, [path.join(REPO, 'dist/stormsmith.js'), 'generate'], { cwd: scratch, encoding: 'utf8' });
  expect(generated.status, generated.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('what each command of the built CLI loads', () => {
  it('--help and --version load no npm package and no code beyond the dispatcher', () => {
    for (const args of [['--help'], ['--version']]) {
      const loaded = loadedModules(args, scratch);
      expect(loaded.packages).toEqual([]);
      expect(loaded.areas.filter((a) => !['generator/cli', 'generator/version.ts', 'package.json'].includes(a)), args[0]).toEqual([]);
    }
  });

  it('validate loads the model core and yaml, none of the generator, emitters or studio', () => {
    const loaded = loadedModules(['validate', 'models/library'], scratch);
    expect(loaded.packages).toContain('yaml');
    for (const heavy of HEAVY) expect(loaded.packages).not.toContain(heavy);
    expect(loaded.areas.filter((a) => a.startsWith('app/') || a === 'generator/emit' || a === 'generator/apply')).toEqual([]);
  });

  it('check on an up-to-date service never loads ts-morph or the studio', () => {
    const loaded = loadedModules(['check'], scratch);
    expect(loaded.packages).not.toContain('ts-morph');
    expect(loaded.areas.filter((a) => a.startsWith('app/'))).toEqual([]);
  });

  it('a no-op generate and generate --check load no emitter, planner package or YAML parser (issue 20)', () => {
    // The scratch service was generated once; this run fills the plan cache's run index.
    const again = spawnSync(process.execPath, [path.join(REPO, 'dist/stormsmith.js'), 'generate'], { cwd: scratch, encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    for (const args of [['generate'], ['generate', '--check']]) {
      const loaded = loadedModules(args, scratch);
      for (const heavy of [...HEAVY, 'yaml']) expect(loaded.packages, args.join(' ')).not.toContain(heavy);
      expect(loaded.areas, args.join(' ')).not.toContain('generator/plan.ts');
    }
  });

  it('a generate that writes files loads neither the TypeScript parser nor ajv; --verify and template overrides do (ADR 0101)', () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-lazy-write-'));
    try {
      cpSync(path.join(REPO, 'models/library'), path.join(fresh, 'models/library'), { recursive: true });
      const plain = loadedModules(['generate', 'models/library', '--out', 'a'], fresh);
      expect(plain.packages).not.toContain('ts-morph');
      expect(plain.packages).not.toContain('ajv');
      expect(readdirSync(path.join(fresh, 'a')).length).toBeGreaterThan(0);
      expect(loadedModules(['generate', 'models/library', '--out', 'b', '--verify'], fresh).packages).toEqual(expect.arrayContaining(['ts-morph', 'ajv']));
      mkdirSync(path.join(fresh, '.stormsmith/templates/adr'), { recursive: true });
      writeFileSync(path.join(fresh, 'stormsmith.config.json'), '{ "model": "models/library", "out": "c" }\n');
      expect(loadedModules(['generate'], fresh).packages).toContain('ts-morph');
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('init loads no npm package', () => {
    expect(loadedModules(['init', '--help'], scratch).packages).toEqual([]);
  });
});
