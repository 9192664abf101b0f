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
  private readonly pending = new Map<string, Entry>();
  private readonly used = new Set<string>();

  constructor(
    outDir: string,
    private readonly generator: string,
  ) {
    this.dir = path.join(outDir, CACHE_DIR);
  }

  private fileOf(unit: string): string {
    // Hashed: unit names hold model names, which may collide on case-insensitive file systems.
    return `${sha256(unit).slice(0, 24)}.json`;
  }

  lookup(unit: string, input: string): PlannedFile[] | undefined {
    const file = this.fileOf(unit);
    this.used.add(file);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(this.dir, file), 'utf8'));
    } catch {
      return undefined;
    }
    const entry = raw as Partial<Entry> | null;
    if (typeof entry !== 'object' || entry === null) return undefined;
    if (entry.format !== CACHE_FORMAT || entry.generator !== this.generator || entry.unit !== unit || entry.input !== sha256(input)) return undefined;
    if (!Array.isArray(entry.files) || !entry.files.every(isPlannedFile)) return undefined;
    return entry.files;
  }

  store(unit: string, input: string, files: readonly PlannedFile[]): void {
    const file = this.fileOf(unit);
    this.used.add(file);
    this.misses.push(unit);
    this.pending.set(file, { format: CACHE_FORMAT, generator: this.generator, unit, input: sha256(input), files: [...files] });
  }

  /**
   * Writes the entries planned in this run and removes those of units that no longer exist.
   * Best effort: a cache that cannot be written only costs the next run its speed.
   */
  save(): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      for (const [file, entry] of this.pending) {
        const tmp = path.join(this.dir, `${file}.${process.pid}.tmp`);
        fs.writeFileSync(tmp, JSON.stringify(entry));
        fs.renameSync(tmp, path.join(this.dir, file));
      }
      this.pending.clear();
      for (const name of fs.readdirSync(this.dir)) {
        if (!this.used.has(name) && !name.endsWith('.tmp')) fs.rmSync(path.join(this.dir, name), { force: true });
      }
    } catch {
      // see above
    }
  }
}
