import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../../generator/apply/apply.js';
import { checkPathName, findCollisions } from '../../generator/apply/path-safety.js';
import { fileMap, generated, readTree, tempDir } from './support.js';

describe('path names are checked by the strictest OS rules, on every OS', () => {
  it.each([
    ['../escape.ts', 'E_PATH_ESCAPE'],
    ['src/../../escape.ts', 'E_PATH_ESCAPE'],
    ['/etc/passwd', 'E_PATH_ESCAPE'],
    ['C:/x.ts', 'E_PATH_ESCAPE'],
    ['src\\x.ts', 'E_PATH_ESCAPE'],
    ['src//x.ts', 'E_PATH_ESCAPE'],
    ['src/./x.ts', 'E_PATH_ESCAPE'],
    ['CON', 'E_PATH_WINDOWS'],
    ['src/nul', 'E_PATH_WINDOWS'],
    ['src/aux.ts', 'E_PATH_WINDOWS'],
    ['src/Com1.json', 'E_PATH_WINDOWS'],
    ['src/lpt9.d.ts', 'E_PATH_WINDOWS'],
    ['src/name.', 'E_PATH_WINDOWS'],
    ['src/name ', 'E_PATH_WINDOWS'],
    ['dir./x.ts', 'E_PATH_WINDOWS'],
    ['src/a<b.ts', 'E_PATH_WINDOWS'],
    ['src/a:b.ts', 'E_PATH_WINDOWS'],
    ['src/a"b.ts', 'E_PATH_WINDOWS'],
    ['src/a|b.ts', 'E_PATH_WINDOWS'],
    ['src/a?.ts', 'E_PATH_WINDOWS'],
    ['src/a*.ts', 'E_PATH_WINDOWS'],
    ['src/a\u0001.ts', 'E_PATH_WINDOWS'],
    ['.stormsmith/manifest.json', 'E_PATH_RESERVED'],
    ['src/cafe\u0301.ts', 'E_PATH_INVALID'],
    ['', 'E_PATH_INVALID'],
  ])('%j is refused with %s', (p, code) => {
    expect(checkPathName(p)?.code).toBe(code);
  });

  it.each(['src/console.ts', 'src/nullable.ts', 'src/com10.ts', 'src/Loan.ts', 'docs/adr/0001-lending.md', 'src/café.ts', '.github/x.yml'])('%j is fine', (p) => {
    expect(checkPathName(p)).toBeNull();
  });

  it('refuses names that collide when case is ignored or Unicode is normalised, including folders', () => {
    expect(findCollisions(['src/Loan.ts', 'src/loan.ts']).map((p) => p.code)).toEqual(['E_PATH_COLLISION']);
    expect(findCollisions(['Src/a.ts', 'src/b.ts']).map((p) => p.message)).toEqual([expect.stringContaining('"src" and "Src"')]);
    expect(findCollisions(['src/ÉTÉ.ts', 'src/été.ts'])).toHaveLength(1);
    expect(findCollisions(['src/a.ts', 'src/b.ts', 'lib/a.ts'])).toEqual([]);
  });

  it('refuses a colliding plan before touching the disk', async () => {
    const out = path.join(tempDir(), 'out');
    const report = await apply(fileMap(generated('src/Loan.ts', 'export {};\n'), generated('src/LOAN.ts', 'export {};\n')), out);
    expect(report.problems.map((p) => p.code)).toEqual(['E_PATH_COLLISION']);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('collisions with files already on disk', () => {
  it('refuses a new file whose name only differs in case from a file in its folder', async () => {
    const out = tempDir();
    await apply(fileMap(generated('src/a.ts', 'export {};\n')), out);
    fs.writeFileSync(path.join(out, 'src/loan.ts'), 'mine');
    const report = await apply(fileMap(generated('src/a.ts', 'export {};\n'), generated('src/Loan.ts', 'export {};\n')), out);
    expect(report.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['E_PATH_COLLISION src/Loan.ts']);
    expect(fs.readdirSync(path.join(out, 'src')).sort()).toEqual(['a.ts', 'loan.ts']);
  });

  it('allows a case-only rename of a file stormsmith owns (the old name is removed in the same run)', async () => {
    const out = tempDir();
    await apply(fileMap(generated('src/loan.ts', 'export {};\n')), out);
    const report = await apply(fileMap(generated('src/Loan.ts', 'export const x = 1;\n')), out);
    expect(report.ok).toBe(true);
    expect(fs.readdirSync(path.join(out, 'src'))).toEqual(['Loan.ts']);
  });
});

describe('paths on disk stay inside the real output folder', () => {
  it('refuses to write through a symlinked folder inside the output, even one pointing inside', async () => {
    const base = tempDir();
    const out = path.join(base, 'out');
    const outside = path.join(base, 'outside');
    fs.mkdirSync(out);
    fs.mkdirSync(outside);
    await apply(fileMap(generated('keep.ts', 'export {};\n')), out);
    fs.symlinkSync(outside, path.join(out, 'src'));
    const report = await apply(fileMap(generated('keep.ts', 'export {};\n'), generated('src/a.ts', 'export {};\n')), out);
    expect(report.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['E_PATH_SYMLINK src/a.ts']);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('refuses to replace a symlinked file', async () => {
    const base = tempDir();
    const out = path.join(base, 'out');
    fs.mkdirSync(out);
    await apply(fileMap(generated('a.ts', 'export {};\n')), out);
    const secret = path.join(base, 'secret.txt');
    fs.writeFileSync(secret, 'secret');
    fs.rmSync(path.join(out, 'a.ts'));
    fs.symlinkSync(secret, path.join(out, 'a.ts'));
    const report = await apply(fileMap(generated('a.ts', 'export const x = 1;\n')), out);
    expect(report.problems.map((p) => p.code)).toEqual(['E_PATH_SYMLINK']);
    expect(fs.readFileSync(secret, 'utf8')).toBe('secret');
  });

  it('refuses a manifest entry that escapes the folder (a tampered manifest cannot delete outside files)', async () => {
    const base = tempDir();
    const out = path.join(base, 'out');
    await apply(fileMap(generated('a.ts', 'export {};\n')), out);
    fs.writeFileSync(path.join(base, 'victim.ts'), 'x');
    const manifestFile = path.join(out, '.stormsmith/manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    manifest.files['../victim.ts'] = { ownership: 'generated', sha256: manifest.files['a.ts'].sha256, sources: [] };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const report = await apply(fileMap(generated('a.ts', 'export {};\n')), out);
    expect(report.problems.map((p) => p.code)).toEqual(['E_MANIFEST_INVALID']);
    expect(fs.existsSync(path.join(base, 'victim.ts'))).toBe(true);
  });

  it('accepts an output folder whose parent is reached through a symlink (e.g. /tmp on macOS)', async () => {
    const base = tempDir();
    fs.mkdirSync(path.join(base, 'real'));
    fs.symlinkSync(path.join(base, 'real'), path.join(base, 'link'));
    const report = await apply(fileMap(generated('src/a.ts', 'export {};\n')), path.join(base, 'link', 'out'));
    expect(report.ok).toBe(true);
    expect(readTree(path.join(base, 'real', 'out'))).toHaveProperty(['src/a.ts']);
  });

  it('refuses an output folder that is itself a symlink (issue 19: it would write into the target)', async () => {
    const base = tempDir();
    fs.mkdirSync(path.join(base, 'real'));
    fs.symlinkSync(path.join(base, 'real'), path.join(base, 'link'));
    const report = await apply(fileMap(generated('src/a.ts', 'export {};\n')), path.join(base, 'link'));
    expect(report.problems.map((p) => p.code)).toEqual(['E_PATH_SYMLINK']);
    expect(fs.readdirSync(path.join(base, 'real'))).toEqual([]);
  });

  it('refuses a planned folder that exists as a file', async () => {
    const out = tempDir();
    await apply(fileMap(generated('src', 'export {};\n')), out);
    const report = await apply(fileMap(generated('src/a.ts', 'export {};\n')), out);
    expect(report.problems.map((p) => p.code)).toEqual(['E_PATH_NOT_DIR']);
  });
});
