// Loaded model files for `stormsmith validate` (ADR 0103). validate has no output folder, so the
// loaded files it keeps live in the user's cache folder, beside the plan-cache key (cache-key.ts):
// `<cache>/loaded/<hash of the model folder>/<name>.load`, one file per model file, named by its
// path and bytes and signed with the user's key like every cached file (loaded-files.ts). A run
// that changed one model file parses only that file.
//
// Bounded: a folder keeps only the files of the last run that wrote to it, and only the
// MAX_MODELS most recently written model folders are kept. Never trusted blindly: a file is
// read only as a regular file (no links), capped, and believed only when its signature verifies.

import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContextCache } from '../io/load-model-from-disk.js';
import type { ContextFileResult } from '../model/load.js';
import type { SourceFile } from '../model/types.js';
import { keyDir, planCacheKey } from './cache-key.js';
import { generatorDigest } from './generator-digest.js';
import { encodeLoaded, LOADED_SUFFIX, loadedFileName, readLoaded } from './loaded-files.js';

/** Model folders whose loaded files are kept (the least recently written beyond it are removed). */
export const MAX_MODELS = 16;
/** Far above one loaded model file (a 3.4 MB context file loads to ~10 MB of JSON). */
const MAX_BYTES = 64 * 1024 * 1024;

const isRealDir = (dir: string): boolean => {
  const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
  return stat !== undefined && stat.isDirectory() && !stat.isSymbolicLink();
};

const O_NOFOLLOW: number | undefined = (fs.constants as { O_NOFOLLOW?: number }).O_NOFOLLOW;

/**
 * The bytes of a regular file of at most `maxBytes`, never through a link (opened with
 * O_NOFOLLOW where there is one, checked with fstat); undefined otherwise.
 * (apply/fs-facade.ts has the same for the output folder; validate does not load apply/.)
 */
function readRegular(file: string, maxBytes: number): Buffer | undefined {
  if (O_NOFOLLOW === undefined && !fs.lstatSync(file, { throwIfNoEntry: false })?.isFile()) return undefined;
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

export class UserLoadCache implements ContextCache {
  readonly dir: string;
  private readonly used = new Set<string>();
  private readonly pending = new Map<string, ContextFileResult>();

  constructor(
    modelRoot: string,
    private readonly generator: string,
    private readonly key: Buffer = planCacheKey(),
    private readonly base: string = path.join(keyDir(), 'loaded'),
  ) {
    this.dir = path.join(base, createHash('sha256').update(path.resolve(modelRoot)).digest('hex').slice(0, 32));
  }

  loadedContext(file: SourceFile): ContextFileResult | undefined {
    const name = loadedFileName(this.generator, file);
    this.used.add(name);
    return isRealDir(this.dir) ? readLoaded(this.key, () => readRegular(path.join(this.dir, name), MAX_BYTES)) : undefined;
  }

  storeLoadedContext(file: SourceFile, result: ContextFileResult): void {
    const name = loadedFileName(this.generator, file);
    this.used.add(name);
    this.pending.set(name, result);
  }

  /** Writes what this run parsed, removes what it no longer uses. Best effort: a cache that cannot be written only costs speed. */
  save(): void {
    if (this.pending.size === 0) return;
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      if (!isRealDir(this.base) || !isRealDir(this.dir)) return;
      for (const [name, result] of this.pending) {
        const body = encodeLoaded(this.key, result);
        if (body === undefined || body.length > MAX_BYTES) continue;
        const tmp = path.join(this.dir, `${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
        fs.writeFileSync(tmp, body, { flag: 'wx', mode: 0o600 });
        fs.renameSync(tmp, path.join(this.dir, name));
      }
      this.pending.clear();
      for (const name of fs.readdirSync(this.dir)) {
        if (name.endsWith(LOADED_SUFFIX) && !this.used.has(name)) fs.rmSync(path.join(this.dir, name), { force: true });
      }
      this.pruneModels();
    } catch {
      // see above
    }
  }

  /** Keeps the MAX_MODELS most recently written model folders (a folder's mtime moves when a file is renamed into it). */
  private pruneModels(): void {
    const folders = fs
      .readdirSync(this.base, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => ({ dir: path.join(this.base, e.name), mtime: fs.lstatSync(path.join(this.base, e.name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { dir } of folders.slice(MAX_MODELS)) if (dir !== this.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The cache for loading the model at `modelRoot`, or undefined when the generator cannot identify itself. */
export function openUserLoadCache(modelRoot: string): UserLoadCache | undefined {
  const generator = generatorDigest();
  return generator === null ? undefined : new UserLoadCache(modelRoot, generator);
}
