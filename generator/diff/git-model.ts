// The model as committed at a git revision: `git ls-tree` + `git show`, never a checkout (the
// working tree is left alone). Paths are taken from git, relative to the model folder, bounded
// in count and size like the loader's own limits.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { SourceFile } from '../model/types.js';

export class GitModelError extends Error {}

const MAX_FILES = 2000;
const MAX_BYTES = 5 * 1024 * 1024;

const git = (cwd: string, args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });

/** The .yaml files under `modelDir` at `ref` (paths relative to modelDir, `/` separators). */
export function modelFilesAt(modelDir: string, ref: string): SourceFile[] {
  if (ref.startsWith('-')) throw new GitModelError(`not a git revision: "${ref}"`);
  let top: string;
  try {
    top = git(modelDir, ['rev-parse', '--show-toplevel']).trim();
    git(modelDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new GitModelError(`"${ref}" is not a commit of the git repository at ${modelDir}`);
  }
  const rel = path.relative(top, modelDir).split(path.sep).join('/');
  const listing = git(top, ['ls-tree', '-r', '-z', '--name-only', ref, '--', rel === '' ? '.' : rel]);
  const files = listing.split('\0').filter((p) => p.endsWith('.yaml') || p.endsWith('.yml'));
  if (files.length > MAX_FILES) throw new GitModelError(`more than ${MAX_FILES} model files at ${ref}`);
  return files.sort().map((p) => {
    const text = execFileSync('git', ['show', `${ref}:${p}`], { cwd: top, maxBuffer: MAX_BYTES + 1 });
    if (text.length > MAX_BYTES) throw new GitModelError(`${p} at ${ref} is larger than 5 MB`);
    return { path: rel === '' ? p : p.slice(rel.length + 1), text: text.toString('utf8'), bytes: new Uint8Array(text) };
  });
}
