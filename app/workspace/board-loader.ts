// Loads a board for the canvas ahead of time (WorkspaceApi.openBoard, ADR 0044): every model
// file through the model core, one file at a time as the canvas does, plus the validator's run
// over the assembled model. Remembered by content hash, in memory only (nothing on disk to
// poison): reopening an unchanged board, or one with one file changed, parses nothing or that one
// file. This is what takes YAML parsing and validation off the canvas's path to its first paint.

import { loadModel, validateModel } from '../../generator/model/index.js';
import type { Diagnostic, LoadResult } from '../../generator/model/types.js';
import { assembleFileLoads } from '../shared/board-load.js';
import type { ModelFileContent } from '../shared/workspace-api.js';

/** Lets other requests (the page's scripts) through between two files of a big board. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export class BoardLoader {
  private readonly files = new Map<string, { hash: string; result: LoadResult }>();
  private validated: { key: string; diagnostics: Diagnostic[] } | undefined;

  async load(files: readonly ModelFileContent[]): Promise<{ loads: LoadResult[]; validation?: Diagnostic[] }> {
    const loads: LoadResult[] = [];
    for (const f of files) {
      let hit = this.files.get(f.path);
      if (!hit || hit.hash !== f.hash) {
        await yieldToIo();
        // The text as the canvas has it (decoded here from the same bytes), never the bytes: the
        // result must be what the canvas's own load of that text gives.
        hit = { hash: f.hash, result: loadModel([{ path: f.path, text: f.text }]) };
        this.files.set(f.path, hit);
      }
      loads.push(hit.result);
    }
    const paths = new Set(files.map((f) => f.path));
    for (const p of this.files.keys()) if (!paths.has(p)) this.files.delete(p);
    const assembled = assembleFileLoads(files.map((f, i) => ({ path: f.path, result: loads[i]! })));
    if (!assembled.model) return { loads };
    const key = files
      .map((f) => `${f.path}\0${f.hash}`)
      .sort()
      .join('\n');
    if (this.validated?.key !== key) {
      await yieldToIo();
      this.validated = { key, diagnostics: validateModel(assembled.model) };
    }
    return { loads, validation: this.validated.diagnostics };
  }
}
