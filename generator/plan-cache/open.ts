// The plan cache of an output folder, as the CLI uses it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_PATH } from '../apply/manifest.js';
import type { Diagnostic } from '../model/types.js';
import type { FileMap } from '../plan-types.js';
import { DiskPlanCache, KNOWN_HASHES_FILE, RUN_INDEX_FILE } from './disk-cache.js';
import { CachedKnownHashes } from './known-hashes.js';
import { generatorDigest } from './generator-digest.js';
import { readRun, runIndexText } from './run-index.js';

export class OutputPlanCache extends DiskPlanCache {
  constructor(
    private readonly outDir: string,
    generator: string,
  ) {
    super(outDir, generator);
  }

  /** The plan and diagnostics of an earlier run that read exactly what the run with `key` reads. */
  earlierRun(key: string): { plan: FileMap; diagnostics: Diagnostic[] } | undefined {
    return readRun(this, this.generator, key);
  }

  /**
   * Saves the unit entries and, with a run key, the run index; only into a folder stormsmith
   * already owns (it has a manifest), so a refused first run leaves nothing behind.
   */
  /** Writes the known-hashes record (known-hashes.ts), signed, only into a folder stormsmith owns. */
  writeKnownHashes(text: string): void {
    if (!this.owned()) return;
    this.writeSigned(KNOWN_HASHES_FILE, text);
  }

  /** The record of generated files' hashes by identity, for apply() (ADR 0104). */
  knownHashes(): CachedKnownHashes {
    return new CachedKnownHashes(this);
  }

  private owned(): boolean {
    // A linked output folder or manifest is refused by apply(); the cache never writes through one either.
    return Boolean(fs.lstatSync(this.outDir, { throwIfNoEntry: false })?.isDirectory() && fs.lstatSync(path.join(this.outDir, MANIFEST_PATH), { throwIfNoEntry: false })?.isFile());
  }

  saveIfOwned(run?: { key: string; diagnostics: readonly Diagnostic[] }): void {
    if (!this.owned()) return;
    this.save();
    if (!run) return;
    try {
      this.writeSigned(RUN_INDEX_FILE, runIndexText(this.generator, run.key, run.diagnostics, this));
    } catch {
      // best effort, as save()
    }
  }
}

/** undefined when the generator cannot identify itself (then every run plans in full). */
export function openPlanCache(outDir: string): OutputPlanCache | undefined {
  const generator = generatorDigest();
  return generator === null ? undefined : new OutputPlanCache(outDir, generator);
}
