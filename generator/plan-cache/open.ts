// The plan cache of an output folder, as the CLI uses it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_PATH } from '../apply/manifest.js';
import { DiskPlanCache } from './disk-cache.js';
import { generatorDigest } from './generator-digest.js';

export class OutputPlanCache extends DiskPlanCache {
  constructor(
    private readonly outDir: string,
    generator: string,
  ) {
    super(outDir, generator);
  }

  /** Saves only into a folder stormsmith already owns (it has a manifest). */
  saveIfOwned(): void {
    if (fs.existsSync(path.join(this.outDir, MANIFEST_PATH))) this.save();
  }
}

/** undefined when the generator cannot identify itself (then every run plans in full). */
export function openPlanCache(outDir: string): OutputPlanCache | undefined {
  const generator = generatorDigest();
  return generator === null ? undefined : new OutputPlanCache(outDir, generator);
}
