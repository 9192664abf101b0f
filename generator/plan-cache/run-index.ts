// The run index: what a whole run planned, keyed on everything it read (the model files' bytes,
// the options, the templates, the working folder that diagnostics are shown relative to). When
// a later run reads the same bytes, its plan is the units listed here, read back from their
// entries, and its diagnostics are the ones recorded: loading, validating and planning the
// model are skipped, so a no-op or --check costs reading the model, the cache and the output.
// Loading and validation are pure functions of those bytes and of the generator, whose digest
// is part of every entry, so the result is the same as a full run.

import { createHash } from 'node:crypto';
import type { Diagnostic, SourceFile } from '../model/types.js';
import { compareCodeUnits } from '../names.js';
import type { FileMap, PlannedFile } from '../plan-types.js';
import { CACHE_FORMAT, RUN_INDEX_FILE, type DiskPlanCache } from './disk-cache.js';

interface RunIndex {
  format: number;
  generator: string;
  key: string;
  diagnostics: Diagnostic[];
  units: { unit: string; file: string; input: string }[];
}

/** The key of a run: sha256 over the model files (path and text) and whatever else it read. */
export function runKey(files: readonly SourceFile[], context: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(context));
  for (const file of [...files].sort((a, b) => compareCodeUnits(a.path, b.path))) hash.update(`\0${file.path}\0`).update(file.text);
  return hash.digest('hex');
}

/** The plan and diagnostics of an earlier run with this key, when the index and every entry are intact. */
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
  if (!Array.isArray(index.units) || !Array.isArray(index.diagnostics)) return undefined;
  const files: PlannedFile[] = [];
  for (const u of index.units) {
    const unitFiles = typeof u === 'object' && u !== null ? cache.read(u.file, u.unit, u.input) : undefined;
    if (!unitFiles) return undefined;
    files.push(...unitFiles);
  }
  // As plan() assembles its map: sorted by path, one output per path.
  const plan = new Map<string, PlannedFile>();
  for (const file of files.sort((a, b) => compareCodeUnits(a.path, b.path))) {
    if (plan.has(file.path)) return undefined;
    plan.set(file.path, file);
  }
  return { plan, diagnostics: index.diagnostics };
}

/** The index for this run (after cache.save(): every unit listed has its entry). */
export const runIndexText = (generator: string, key: string, diagnostics: readonly Diagnostic[], units: DiskPlanCache['units']): string =>
  JSON.stringify({ format: CACHE_FORMAT, generator, key, diagnostics: [...diagnostics], units } satisfies RunIndex);
