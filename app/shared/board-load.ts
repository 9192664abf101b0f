// The board's model from its files, each file loaded on its own (so that an edit re-parses only
// the files it changed). One assembly for both sides: the canvas (workspace/model-texts.ts) and
// the workspace that loads the board for it ahead of time (app/workspace/board-loader.ts), so the
// model a snapshot carries is by construction the one the canvas would build from the same texts.
// Browser-safe: types only from the model core.

import type { Diagnostic, LoadResult, Model } from '../../generator/model/types.js';

export interface FileLoad {
  path: string;
  /** The model core's load of this one file (`load([{ path, text }])`). */
  result: LoadResult;
}

/** Per-file loads, in any order, as one LoadResult: contexts in path order, every file's diagnostics. */
export function assembleFileLoads(loads: readonly FileLoad[]): LoadResult {
  const model: Model = { contexts: [], layouts: {} };
  const diagnostics: Diagnostic[] = [];
  let failed = false;
  for (const { result } of [...loads].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    diagnostics.push(...result.diagnostics);
    if (!result.model) {
      failed = true;
      continue;
    }
    model.contexts.push(...result.model.contexts);
    Object.assign(model.layouts, result.model.layouts);
  }
  return failed ? { ok: false, diagnostics } : ({ ok: !diagnostics.some((d) => d.severity === 'error'), model, diagnostics } as LoadResult);
}
