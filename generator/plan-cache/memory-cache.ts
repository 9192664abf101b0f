// A plan cache in memory: the last input and output of each unit. For a process that plans the
// same model again and again (the studio's generation preview, tests); pure, runs in a browser.

import type { PlannedFile } from '../plan-types.js';
import type { UnitCache } from './unit-cache.js';

export class MemoryPlanCache implements UnitCache {
  private readonly entries = new Map<string, { input: string; files: readonly PlannedFile[] }>();
  /** Every unit planned (not found) so far, in order: what a cache saves is what is not here. */
  readonly computed: string[] = [];

  lookup(unit: string, input: string): PlannedFile[] | undefined {
    const entry = this.entries.get(unit);
    return entry && entry.input === input ? [...entry.files] : undefined;
  }

  store(unit: string, input: string, files: readonly PlannedFile[]): void {
    this.computed.push(unit);
    this.entries.set(unit, { input, files: [...files] });
  }
}
