// The run index: what a whole run planned, keyed on everything it read (the model files' bytes,
// the options, the templates, the working folder that diagnostics are shown relative to). When
// a later run reads the same bytes, its plan is the files listed here and its diagnostics are the
// ones recorded: loading, validating and planning the model are skipped, so a no-op or --check
// costs reading the model, the index and the output.
// Loading and validation are pure functions of those bytes and of the generator, whose digest
// is part of every entry, so the result is the same as a full run.
//
// The index lists each unit's files with their sha256 but without their contents (format 3):
// apply() compares hashes, so an up-to-date output never needs the planned text. A file's
// contents are read from its unit's entry the first time something asks for them (a file to
// write, a diff); an entry that is gone or no longer matches by then throws RunIndexStale, and
// the caller plans again without the index (model-pipeline.ts).

import { createHash } from 'node:crypto';
import type { Diagnostic, SourceFile } from '../model/types.js';
import { compareCodeUnits } from '../names.js';
import type { FileMap, PlannedFile } from '../plan-types.js';
import { CACHE_FORMAT, isHashedFile, RUN_INDEX_FILE, type DiskPlanCache, type HashedFile } from './disk-cache.js';

/**
 * A file as the index lists it: no contents, and its `sources` as a position in the index's
 * table of source lists (the cross-cutting files all derive from every model file; listing
 * those inline made the index of a 500-aggregate model 12.6 MB).
 */
type IndexedFile = Omit<HashedFile, 'contents' | 'sources'> & { sources: number };

interface RunIndex {
  format: number;
  generator: string;
  key: string;
  diagnostics: Diagnostic[];
  sources: string[][];
  units: { unit: string; file: string; input: string; files: IndexedFile[] }[];
}

/** A planned file's contents were asked for after its cache entry went away or changed. */
export class RunIndexStale extends Error {
  constructor(path: string) {
    super(`the plan cache entry holding ${path} is gone or changed during the run`);
    this.name = 'RunIndexStale';
  }
}

/** The key of a run: sha256 over the model files (path and text) and whatever else it read. */
export function runKey(files: readonly SourceFile[], context: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(context));
  for (const file of [...files].sort((a, b) => compareCodeUnits(a.path, b.path))) hash.update(`\0${file.path}\0`).update(file.text);
  return hash.digest('hex');
}

/** A planned file whose contents are read from its unit's entry on first use. */
function lazyFile(meta: Omit<HashedFile, 'contents'>, contentsOf: () => Map<string, HashedFile>): PlannedFile {
  const file = { path: meta.path, ownership: meta.ownership, sources: meta.sources, ...(meta.grow ? { grow: meta.grow } : {}), ...(meta.followWhilePristine ? { followWhilePristine: true } : {}), sha256: meta.sha256 } as PlannedFile;
  Object.defineProperty(file, 'contents', {
    enumerable: true,
    configurable: true,
    get(): string {
      const found = contentsOf().get(meta.path);
      // The entry is signed as the index is; the hash check also catches an entry rewritten since.
      if (!found || found.sha256 !== meta.sha256) throw new RunIndexStale(meta.path);
      Object.defineProperty(file, 'contents', { value: found.contents, enumerable: true, configurable: true, writable: true });
      return found.contents;
    },
  });
  return file;
}

/** The plan and diagnostics of an earlier run with this key, when its index is intact. */
export function readRun(cache: DiskPlanCache, generator: string, key: string): { plan: FileMap; diagnostics: Diagnostic[] } | undefined {
  // Signed with the user's key (cache-key.ts): an index that came with the repository is ignored.
  const body = cache.readSigned(RUN_INDEX_FILE);
  if (body === undefined) return undefined;
  let index: Partial<RunIndex>;
  try {
    index = JSON.parse(body) as Partial<RunIndex>;
  } catch {
    return undefined;
  }
  if (typeof index !== 'object' || index === null || index.format !== CACHE_FORMAT || index.generator !== generator || index.key !== key) return undefined;
  if (!Array.isArray(index.units) || !Array.isArray(index.diagnostics) || !Array.isArray(index.sources)) return undefined;
  const sources = index.sources;
  const files: PlannedFile[] = [];
  for (const u of index.units) {
    if (typeof u !== 'object' || u === null || typeof u.file !== 'string' || typeof u.unit !== 'string' || typeof u.input !== 'string' || !Array.isArray(u.files)) return undefined;
    const metas = u.files.map((f) => ({ ...f, sources: sources[typeof f?.sources === 'number' ? f.sources : -1] }));
    if (!metas.every((f) => isHashedFile(f, false))) return undefined;
    let entry: Map<string, HashedFile> | undefined;
    const contentsOf = () => {
      if (!entry) {
        const read = cache.read(u.file, u.unit, u.input);
        if (!read) throw new RunIndexStale(u.files[0]?.path ?? u.unit);
        entry = new Map(read.map((f) => [f.path, f]));
      }
      return entry;
    };
    for (const meta of metas) files.push(lazyFile(meta, contentsOf));
  }
  // As plan() assembles its map: sorted by path, one output per path.
  const plan = new Map<string, PlannedFile>();
  for (const file of files.sort((a, b) => compareCodeUnits(a.path, b.path))) {
    if (plan.has(file.path)) return undefined;
    plan.set(file.path, file);
  }
  return { plan, diagnostics: index.diagnostics };
}

/** The index for this run (after cache.save(): every unit listed has its entry, unless too large to keep: ENTRY_KEEP_MAX_BYTES). */
export function runIndexText(generator: string, key: string, diagnostics: readonly Diagnostic[], cache: Pick<DiskPlanCache, 'units' | 'unitFiles'>): string {
  const sources: string[][] = [];
  const sourcesIndex = new Map<string, number>();
  const sourcesOf = (list: string[]): number => {
    const k = JSON.stringify(list);
    let i = sourcesIndex.get(k);
    if (i === undefined) sourcesIndex.set(k, (i = sources.push(list) - 1));
    return i;
  };
  const units = cache.units.map((u) => {
    const files = cache.unitFiles.get(u.file);
    if (!files) throw new Error(`unit ${u.unit} has no files recorded`);
    return { ...u, files: files.map(({ contents: _contents, sources: list, ...meta }) => ({ ...meta, sources: sourcesOf(list) })) };
  });
  return JSON.stringify({ format: CACHE_FORMAT, generator, key, diagnostics: [...diagnostics], sources, units } satisfies RunIndex);
}
