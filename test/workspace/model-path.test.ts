import { mkdir, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceError } from '../../app/workspace/errors.js';
import { parseModelPath, resolveModelPath } from '../../app/workspace/model-path.js';
import { makeTempFolder, type TempFolder } from './temp-folder.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof WorkspaceError ? error.code : 'not a WorkspaceError';
  }
  return undefined;
};

describe('parseModelPath', () => {
  it.each([
    ['lending.yaml', ['lending.yaml']],
    ['contexts/lending.layout.yaml', ['contexts', 'lending.layout.yaml']],
  ])('accepts %s', (input, segments) => {
    expect(parseModelPath(input)).toEqual(segments);
  });

  it.each([
    ['../outside.yaml', 'E_INVALID_PATH'],
    ['a/../../b.yaml', 'E_INVALID_PATH'],
    ['./a.yaml', 'E_INVALID_PATH'],
    ['/etc/passwd.yaml', 'E_INVALID_PATH'],
    ['C:/Windows/x.yaml', 'E_INVALID_PATH'],
    ['..\\..\\x.yaml', 'E_INVALID_PATH'],
    ['\\\\server\\share\\x.yaml', 'E_INVALID_PATH'],
    ['a//b.yaml', 'E_INVALID_PATH'],
    ['.git/config.yaml', 'E_INVALID_PATH'],
    ['a\u0000.yaml', 'E_INVALID_PATH'],
    ['CON.yaml', 'E_INVALID_PATH'],
    ['a?.yaml', 'E_INVALID_PATH'],
    ['', 'E_INVALID_PATH'],
    ['lending.yml', 'E_NOT_MODEL_FILE'],
    ['package.json', 'E_NOT_MODEL_FILE'],
    ['src/index.ts', 'E_NOT_MODEL_FILE'],
  ])('refuses %j with %s', (input, code) => {
    expect(codeOf(() => parseModelPath(input))).toBe(code);
  });

  it('refuses non-strings', () => {
    expect(codeOf(() => parseModelPath(42))).toBe('E_INVALID_PATH');
    expect(codeOf(() => parseModelPath(undefined))).toBe('E_INVALID_PATH');
  });
});

describe('resolveModelPath on a real folder', () => {
  let root: TempFolder;
  let outside: TempFolder;
  let realRoot: string;
  beforeEach(async () => {
    root = await makeTempFolder();
    outside = await makeTempFolder('stormsmith-outside-');
    realRoot = await realpath(root.dir);
    await root.write('lending.yaml', 'stormsmith: 1\n');
    await outside.write('secret.yaml', 'secret: true\n');
  });
  afterEach(async () => {
    await root.remove();
    await outside.remove();
  });

  const refusal = (relative: string) =>
    resolveModelPath(realRoot, relative).then(
      () => 'resolved',
      (e: unknown) => (e instanceof WorkspaceError ? e.code : String(e)),
    );

  it('resolves existing and new files inside the root', async () => {
    expect(await resolveModelPath(realRoot, 'lending.yaml')).toBe(path.join(realRoot, 'lending.yaml'));
    expect(await resolveModelPath(realRoot, 'new/sub/file.yaml')).toBe(path.join(realRoot, 'new', 'sub', 'file.yaml'));
  });

  it('refuses a file symlink that points outside', async () => {
    await symlink(path.join(outside.dir, 'secret.yaml'), path.join(root.dir, 'link.yaml'));
    expect(await refusal('link.yaml')).toBe('E_OUTSIDE_ROOT');
  });

  it('refuses a folder symlink that points outside, for existing and new files below it', async () => {
    await symlink(outside.dir, path.join(root.dir, 'escape'));
    expect(await refusal('escape/secret.yaml')).toBe('E_OUTSIDE_ROOT');
    expect(await refusal('escape/new.yaml')).toBe('E_OUTSIDE_ROOT');
  });

  it('refuses a symlink even when it stays inside (a link could be re-pointed later)', async () => {
    await mkdir(path.join(root.dir, 'real'));
    await symlink(path.join(root.dir, 'real'), path.join(root.dir, 'alias'));
    expect(await refusal('alias/x.yaml')).toBe('E_SYMLINK');
  });

  it('refuses a dangling symlink', async () => {
    await symlink(path.join(outside.dir, 'missing.yaml'), path.join(root.dir, 'dangling.yaml'));
    expect(await refusal('dangling.yaml')).toBe('E_OUTSIDE_ROOT');
  });
});
