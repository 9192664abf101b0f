// generator/io/read-model.ts against a real file system.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelReadError, readModel, readModelSources } from '../../generator/io/read-model.js';
import { tempTree } from './support.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
const tree = (files: Record<string, string | Uint8Array>): string => {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.dir;
};

async function readError(target: string): Promise<ModelReadError> {
  try {
    await readModel(target);
  } catch (error) {
    if (error instanceof ModelReadError) return error;
    throw error;
  }
  throw new Error('expected a ModelReadError');
}

describe('readModelSources', () => {
  it('reads every .yaml/.yml below a folder, sorted by relative path, with layout sidecars', async () => {
    const dir = tree({
      'z.yaml': 'a',
      'b/c.yml': 'b',
      'b/a.yaml': 'c',
      'a.layout.yaml': 'd',
      'README.md': 'no',
      '.git/x.yaml': 'hidden',
      'node_modules/p/x.yaml': 'dependency',
      'B/upper.yaml': 'e',
    });
    const files = await readModelSources(dir);
    expect(files.map((f) => f.path)).toEqual(['B/upper.yaml', 'a.layout.yaml', 'b/a.yaml', 'b/c.yml', 'z.yaml']);
    expect(files.map((f) => f.text)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('hands the loader the raw bytes (a BOM and invalid UTF-8 survive for it to judge)', async () => {
    const raw = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff]);
    const dir = tree({ 'm.yaml': raw });
    const [file] = await readModelSources(dir);
    expect(Array.from(file!.bytes!)).toEqual(Array.from(raw));
    expect(file!.text.startsWith('\uFEFFa')).toBe(true);
  });

  it('reads a single file and its layout sidecar, relative to the file\'s folder', async () => {
    const dir = tree({ 'shop/ordering.yaml': 'o', 'shop/ordering.layout.yaml': 'l', 'shop/payments.yaml': 'p' });
    const model = await readModel(path.join(dir, 'shop', 'ordering.yaml'));
    expect(model.root).toBe(path.join(dir, 'shop'));
    expect(model.files.map((f) => f.path)).toEqual(['ordering.layout.yaml', 'ordering.yaml']);
  });

  it('does not follow a symlinked folder (no loops)', async () => {
    const dir = tree({ 'm/a.yaml': 'a' });
    symlinkSync(path.join(dir, 'm'), path.join(dir, 'm', 'loop'));
    expect((await readModelSources(dir)).map((f) => f.path)).toEqual(['m/a.yaml']);
  });

  it('returns no files for an empty folder (the caller decides whether that is an error)', async () => {
    const dir = tree({});
    mkdirSync(path.join(dir, 'empty'));
    expect(await readModelSources(path.join(dir, 'empty'))).toEqual([]);
  });

  it('reports a missing path, a non-YAML file and an oversized file as diagnostics', async () => {
    const dir = tree({ 'notes.txt': 'x', 'big.yaml': 'x'.repeat(100) });
    const missing = await readError(path.join(dir, 'nope'));
    expect(missing.diagnostic).toMatchObject({ code: 'E_IO', severity: 'error', line: 1, col: 1, message: 'the model path does not exist' });
    expect((await readError(path.join(dir, 'notes.txt'))).diagnostic).toMatchObject({ code: 'E_IO', message: 'not a YAML model file' });
    // The full path (issue 19 item 8: the model-relative name was shown relative to the working folder).
    await expect(readModel(dir, { maxBytes: 50 })).rejects.toMatchObject({ diagnostic: { code: 'E_TOO_LARGE', file: path.join(dir, 'big.yaml') } });
  });
});

describe('hostile model folders (issue 19 items 3, 6)', () => {
  it('refuses a model file linked to a file outside the folder, naming the link and never its content', async () => {
    const secrets = tree({ 'token.yaml': 'ghp_SECRETSECRET: 1\n' });
    const dir = tree({ 'a.yaml': 'stormsmith: 1\n' });
    symlinkSync(path.join(secrets, 'token.yaml'), path.join(dir, 'b.yaml'));
    const error = await readError(dir);
    expect(error.diagnostic).toMatchObject({ code: 'E_SYMLINK', file: path.join(dir, 'b.yaml') });
    expect(JSON.stringify(error.diagnostic)).not.toContain('ghp_');
  });

  it('reads a link to a file inside the folder', async () => {
    const dir = tree({ 'real/a.yaml': 'x: 1\n' });
    symlinkSync(path.join(dir, 'real', 'a.yaml'), path.join(dir, 'b.yaml'));
    expect((await readModelSources(dir)).map((f) => `${f.path}=${f.text}`)).toEqual(['b.yaml=x: 1\n', 'real/a.yaml=x: 1\n']);
  });

  it('refuses a model path that is itself a symbolic link', async () => {
    const dir = tree({ 'm/a.yaml': 'x: 1\n' });
    symlinkSync(path.join(dir, 'm'), path.join(dir, 'linked'));
    expect((await readError(path.join(dir, 'linked'))).diagnostic.code).toBe('E_SYMLINK');
  });

  it('a link to /dev/zero (endless, stat size 0) is refused by name, never read', async () => {
    const dir = tree({ 'a.yaml': 'x: 1\n' });
    symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    expect((await readError(dir)).diagnostic).toMatchObject({ code: 'E_SYMLINK', file: path.join(dir, 'zero.yaml') });
  });

  it('a FIFO named *.yaml is refused, not waited on', async () => {
    const dir = tree({ 'a.yaml': 'x: 1\n' });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    expect((await readError(dir)).diagnostic).toMatchObject({ code: 'E_IO', file: path.join(dir, 'pipe.yaml') });
  });

  it('caps the total bytes of a model folder (E_MODEL_TOO_LARGE)', async () => {
    const dir = tree({ 'a.yaml': 'x'.repeat(60), 'b.yaml': 'x'.repeat(60) });
    await expect(readModel(dir, { maxBytes: 100, maxTotalBytes: 100 })).rejects.toMatchObject({ diagnostic: { code: 'E_MODEL_TOO_LARGE', file: path.join(dir, 'b.yaml') } });
    expect(await readModelSources(dir, { maxBytes: 100, maxTotalBytes: 120 })).toHaveLength(2);
  });
});
