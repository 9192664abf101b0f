// The contract between plan() and a plan cache. plan() splits its work into units (one per
// bounded context, plus the cross-cutting files) and describes each unit's input as a string
// that holds exactly the model facts the unit reads (plus options and templates). A cache maps
// (unit, input) to the unit's planned files; how it stores or hashes them is its own business,
// so plan() stays pure (no node:crypto, no file system).

import type { PlannedFile } from '../plan-types.js';

export interface UnitCache {
  /** The files a unit planned for exactly this input before, or undefined. */
  lookup(unit: string, input: string): PlannedFile[] | undefined;
  /** Records what a unit planned for this input; may hand back the files annotated (their sha256). */
  store(unit: string, input: string, files: readonly PlannedFile[]): readonly PlannedFile[] | void;
}

/**
 * The files of one unit: from the cache when its input is unchanged, else computed (and stored).
 * `input` is a thunk so that no input is built when there is no cache.
 */
export async function planUnit(
  cache: UnitCache | undefined,
  unit: string,
  input: () => string,
  compute: () => PlannedFile[] | Promise<PlannedFile[]>,
): Promise<PlannedFile[]> {
  if (!cache) return compute();
  const key = input();
  const hit = cache.lookup(unit, key);
  if (hit) return hit;
  const files = await compute();
  return [...(cache.store(unit, key, files) ?? files)];
}
