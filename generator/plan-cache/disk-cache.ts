// The plan cache on disk: one JSON file per unit in `<out>/.stormsmith/cache/`, next to the
// manifest (apply() never lists or reports anything under .stormsmith/). Each file holds the
// sha256 of the unit's input and of the generator that planned it; anything that does not
// match, does not parse or does not have the expected shape is ignored, and the unit is planned
// again. Writes go through a temp file and a rename, so a reader sees an old or a new entry,
// never half of one; two runs that write one unit at once write the same bytes.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlannedFile } from '../plan-types.js';
import type { UnitCache } from './unit-cache.js';

export const CACHE_DIR = '.stormsmith/cache';
/** The run index (see run-index.ts); not a unit entry, never pruned as one. */
export const RUN_INDEX_FILE = 'run-index.json';
/** Keeps the cache out of git: it is a local speed-up, not part of the generated code. */
const GITIGNORE = '.gitignore';
const GITIGNORE_TEXT = '# stormsmith plan cache: local only\n*\n';

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
/** Bumped when the entry format changes; entries of another format are ignored. */
export const CACHE_FORMAT = 1;

interface Entry {
  format: number;
  generator: string;
  unit: string;
  input: string;
  files: PlannedFile[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((s) => typeof s === 'string');

function isPlannedFile(value: unknown): value is PlannedFile {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  if (typeof f.path !== 'string' || typeof f.contents !== 'string' || (f.ownership !== 'generated' && f.ownership !== 'scaffold') || !isStrings(f.sources)) return false;
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
  private readonly pending = new Map<string, Entry>();
  private readonly used = new Set<string>();

  constructor(
    outDir: string,
    /** Identity of the generator (generator-digest.ts): entries of another are ignored. */
    readonly generator: string,
  ) {
    this.dir = path.join(outDir, CACHE_DIR);
  }

  private fileOf(unit: string): string {
    // Hashed: unit names hold model names, which may collide on case-insensitive file systems.
    return `${sha256(unit).slice(0, 24)}.json`;
  }

  lookup(unit: string, input: string): PlannedFile[] | undefined {
    const file = this.fileOf(unit);
    const hash = sha256(input);
    this.used.add(file);
    this.units.push({ unit, file, input: hash });
    return this.read(file, unit, hash);
  }

  /** The files of a unit's entry when it is intact and was planned from input `hash` by this generator. */
  read(file: string, unit: string, hash: string): PlannedFile[] | undefined {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(this.dir, file), 'utf8'));
    } catch {
      return undefined;
    }
    const entry = raw as Partial<Entry> | null;
    if (typeof entry !== 'object' || entry === null) return undefined;
    if (entry.format !== CACHE_FORMAT || entry.generator !== this.generator || entry.unit !== unit || entry.input !== hash) return undefined;
    if (!Array.isArray(entry.files) || !entry.files.every(isPlannedFile)) return undefined;
    return entry.files;
  }

  store(unit: string, input: string, files: readonly PlannedFile[]): void {
    const file = this.fileOf(unit);
    this.misses.push(unit);
    // lookup() came first and recorded the unit with this input's hash.
    const hash = this.units.findLast((u) => u.file === file)?.input ?? sha256(input);
    this.pending.set(file, { format: CACHE_FORMAT, generator: this.generator, unit, input: hash, files: [...files] });
  }

  /** Writes `data` as `file` in the cache folder through a temp file and a rename. */
  protected writeAtomically(file: string, data: string): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `${file}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, path.join(this.dir, file));
  }

  /**
   * Writes the entries planned in this run and removes those of units that no longer exist.
   * Best effort: a cache that cannot be written only costs the next run its speed.
   */
  save(): void {
    try {
      for (const [file, entry] of this.pending) this.writeAtomically(file, JSON.stringify(entry));
      if (readText(path.join(this.dir, GITIGNORE)) !== GITIGNORE_TEXT) this.writeAtomically(GITIGNORE, GITIGNORE_TEXT);
      this.pending.clear();
      for (const name of fs.readdirSync(this.dir)) {
        if (!this.used.has(name) && name !== RUN_INDEX_FILE && name !== GITIGNORE && !name.endsWith('.tmp')) fs.rmSync(path.join(this.dir, name), { force: true });
      }
    } catch {
      // see above
    }
  }
}
