// The plan cache on disk: one JSON file per unit in `<out>/.stormsmith/cache/`, next to the
// manifest (apply() never lists or reports anything under .stormsmith/). Each file holds the
// sha256 of the unit's input and of the generator that planned it; anything that does not
// match, does not parse or does not have the expected shape is ignored, and the unit is planned
// again. Writes go through a temp file and a rename, so a reader sees an old or a new entry,
// never half of one; two runs that write one unit at once write the same bytes.
//
// The output folder is untrusted input (docs/security.md): every entry and the run index are
// signed with a key kept outside any repository (cache-key.ts), so a committed or hand-made entry
// is never believed; nothing is read or written through a symbolic link (.stormsmith or
// .stormsmith/cache being links makes the cache unusable, never followed); reads are capped.

import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeFs } from '../apply/fs-facade.js';
import type { PlannedFile } from '../plan-types.js';
import { planCacheKey, sign, verified } from './cache-key.js';
import { encodeLoaded, loadedFileName, readLoaded } from './loaded-files.js';
import type { ContextFileResult } from '../model/load.js';
import type { SourceFile } from '../model/types.js';
import type { UnitCache } from './unit-cache.js';

export const CACHE_DIR = '.stormsmith/cache';
/** The run index (see run-index.ts); not a unit entry, never pruned as one. */
export const RUN_INDEX_FILE = 'run-index.json';
/** Hashes of generated files by identity (known-hashes.ts); not pruned either. */
export const KNOWN_HASHES_FILE = 'known-hashes.json';
/** Keeps the cache out of git: it is a local speed-up, not part of the generated code. */
const GITIGNORE = '.gitignore';
const GITIGNORE_TEXT = '# stormsmith plan cache: local only\n*\n';

/**
 * Above any entry or run index seen so far (the http unit of a 500-aggregate model is 77 MB:
 * its OpenAPI document twice, as JSON and as TypeScript); a larger file is ignored, never read
 * in full, and never written (it could not be read back).
 */
export const CACHE_FILE_MAX_BYTES = 256 * 1024 * 1024;

/**
 * An entry whose files hold more text than this is not written (ADR 0104). Writing costs about
 * 10 ms of CPU per MB (stringify, HMAC, write: 0.74 s for the 77 MB http unit of 500
 * aggregates), and an entry only pays when its unit's exact input comes back while the run
 * index misses; a unit that large is one keyed on the whole model (http, with the OpenAPI
 * document twice), whose input changes with any model change. Its files are still listed in
 * the run index by hash: a no-op compares hashes as before, and a run that needs their text
 * (a file to rewrite or diff) finds no entry and plans that unit again (RunIndexStale).
 */
export const ENTRY_KEEP_MAX_BYTES = 16 * 1024 * 1024;

/** The text of a regular file (never through a link), or undefined. */
function readText(file: string): string | undefined {
  try {
    const read = nodeFs.readRegularFile(file, CACHE_FILE_MAX_BYTES);
    return read.kind === 'file' ? read.bytes.toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** True when `dir` and its parent are real folders or absent (never symbolic links). */
function realOrAbsent(dir: string): boolean {
  for (const d of [path.dirname(dir), dir]) {
    const stat = fs.lstatSync(d, { throwIfNoEntry: false });
    if (stat && (!stat.isDirectory() || stat.isSymbolicLink())) return false;
  }
  return true;
}

/**
 * Bumped when the entry format changes; entries of another format are ignored. 2: signed.
 * 3: every file carries the sha256 of its contents; the run index lists each unit's files
 * without their contents (run-index.ts). 4: entry files are named by generator, unit and input.
 */
export const CACHE_FORMAT = 4;

interface Entry {
  format: number;
  generator: string;
  unit: string;
  input: string;
  files: HashedFile[];
}

/** A planned file whose sha256 is known (every file the cache hands out or stores). */
export type HashedFile = PlannedFile & { sha256: string };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((s) => typeof s === 'string');

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The shape of a planned file in an entry; `contents: false` checks a run index's file (no contents). */
export function isHashedFile(value: unknown, contents = true): value is HashedFile {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  if (typeof f.path !== 'string' || (contents && typeof f.contents !== 'string') || (f.ownership !== 'generated' && f.ownership !== 'scaffold') || !isStrings(f.sources)) return false;
  if (typeof f.sha256 !== 'string' || !SHA256_HEX.test(f.sha256)) return false;
  if (f.grow === undefined) return true;
  const grow = f.grow as Record<string, unknown> | null;
  return typeof grow === 'object' && grow !== null && Array.isArray(grow.members) && Array.isArray(grow.imports);
}

export class DiskPlanCache implements UnitCache {
  readonly dir: string;
  /** Units planned again in this run (their entries are written by `save()`). */
  readonly misses: string[] = [];
  /** Every unit of this run in plan order, with its entry file and input hash (for the run index). */
  readonly units: { unit: string; file: string; input: string }[] = [];
  /** The files of each unit of this run, by entry file (for the run index). */
  readonly unitFiles = new Map<string, readonly HashedFile[]>();
  private readonly pending = new Map<string, Entry>();
  private readonly pendingLoads = new Map<string, ContextFileResult>();
  private readonly used = new Set<string>();

  constructor(
    outDir: string,
    /** Identity of the generator (generator-digest.ts): entries of another are ignored. */
    readonly generator: string,
    /** Signs and verifies entries (cache-key.ts); never stored in the output folder. */
    private readonly key: Buffer = planCacheKey(),
  ) {
    this.dir = path.join(outDir, CACHE_DIR);
  }

  /** The verified body of a signed cache file, or undefined (missing, linked, unsigned, forged). */
  readSigned(file: string): string | undefined {
    if (!realOrAbsent(this.dir)) return undefined;
    const text = readText(path.join(this.dir, file));
    return text === undefined ? undefined : verified(this.key, text);
  }

  private fileOf(unit: string, hash: string): string {
    // Hashed: unit names hold model names, which may collide on case-insensitive file systems.
    // The generator and the input hash are part of the name, so that a changed unit is a missing
    // file, not a read (the http unit's entry of a 500-aggregate model is 77 MB, read, verified
    // and parsed on every model change only to find another input hash inside).
    return `${sha256(`${this.generator}\0${unit}\0${hash}`).slice(0, 32)}.json`;
  }

  lookup(unit: string, input: string): PlannedFile[] | undefined {
    const hash = sha256(input);
    const file = this.fileOf(unit, hash);
    this.used.add(file);
    this.units.push({ unit, file, input: hash });
    return this.read(file, unit, hash);
  }

  /** The files of a unit's entry when it is intact and was planned from input `hash` by this generator. */
  read(file: string, unit: string, hash: string): HashedFile[] | undefined {
    const body = this.readSigned(file);
    if (body === undefined) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      return undefined;
    }
    const entry = raw as Partial<Entry> | null;
    if (typeof entry !== 'object' || entry === null) return undefined;
    if (entry.format !== CACHE_FORMAT || entry.generator !== this.generator || entry.unit !== unit || entry.input !== hash) return undefined;
    if (!Array.isArray(entry.files) || !entry.files.every((f) => isHashedFile(f))) return undefined;
    this.unitFiles.set(file, entry.files);
    return entry.files;
  }

  /** Records the unit's files with their hashes, and hands those back (apply() then hashes nothing twice). */
  store(unit: string, input: string, files: readonly PlannedFile[]): HashedFile[] {
    this.misses.push(unit);
    // lookup() came first and recorded the unit with this input's hash.
    const hash = this.units.findLast((u) => u.unit === unit)?.input ?? sha256(input);
    const file = this.fileOf(unit, hash);
    const hashed = files.map((f) => ({ ...f, sha256: sha256(f.contents) }));
    this.unitFiles.set(file, hashed);
    this.pending.set(file, { format: CACHE_FORMAT, generator: this.generator, unit, input: hash, files: hashed });
    return hashed;
  }

  /**
   * Loaded model files (model/load.ts's per-file step), keyed on the generator and the file's
   * path and bytes: a run that changed one model file parses only that file. Signed like the
   * entries; anything that does not verify or parse is loaded again (loaded-files.ts).
   */
  loadedContext(file: SourceFile): ContextFileResult | undefined {
    const name = loadedFileName(this.generator, file);
    this.used.add(name);
    if (!realOrAbsent(this.dir)) return undefined;
    return readLoaded(this.key, () => {
      const read = nodeFs.readRegularFile(path.join(this.dir, name), CACHE_FILE_MAX_BYTES);
      return read.kind === 'file' ? read.bytes : undefined;
    });
  }

  storeLoadedContext(file: SourceFile, result: ContextFileResult): void {
    const name = loadedFileName(this.generator, file);
    this.used.add(name);
    this.pendingLoads.set(name, result);
  }

  /**
   * Writes `data` as `file` in the cache folder through a temp file and a rename; never through
   * a link (the folders are checked, the temp file is created exclusively, rename replaces a link
   * rather than following it).
   */
  protected writeAtomically(file: string, data: string | Buffer): void {
    if (data.length > CACHE_FILE_MAX_BYTES) throw new Error(`${file} would be larger than ${CACHE_FILE_MAX_BYTES} bytes`);
    if (!realOrAbsent(this.dir)) throw new Error(`${CACHE_DIR} is a symbolic link or not a folder`);
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    fs.writeFileSync(tmp, data, { flag: 'wx' });
    fs.renameSync(tmp, path.join(this.dir, file));
  }

  /** As writeAtomically, signed. */
  protected writeSigned(file: string, body: string): void {
    this.writeAtomically(file, sign(this.key, body));
  }

  /**
   * Writes the entries planned in this run and removes those of units that no longer exist.
   * Best effort: a cache that cannot be written only costs the next run its speed.
   */
  save(): void {
    try {
      if (!realOrAbsent(this.dir)) return;
      for (const [file, entry] of this.pending) {
        let text = 0;
        for (const f of entry.files) text += f.contents.length;
        if (text > ENTRY_KEEP_MAX_BYTES) continue;
        try {
          this.writeSigned(file, JSON.stringify(entry));
        } catch {
          // too large to keep (or to stringify): that unit is planned again next time
        }
      }
      if (readText(path.join(this.dir, GITIGNORE)) !== GITIGNORE_TEXT) this.writeAtomically(GITIGNORE, GITIGNORE_TEXT);
      this.pending.clear();
      for (const [file, result] of this.pendingLoads) {
        try {
          const body = encodeLoaded(this.key, result);
          if (body !== undefined) this.writeAtomically(file, body);
        } catch {
          // as above
        }
      }
      this.pendingLoads.clear();
      for (const name of fs.readdirSync(this.dir)) {
        if (!this.used.has(name) && name !== RUN_INDEX_FILE && name !== KNOWN_HASHES_FILE && name !== GITIGNORE && !name.endsWith('.tmp')) fs.rmSync(path.join(this.dir, name), { force: true });
      }
    } catch {
      // see above
    }
  }
}
