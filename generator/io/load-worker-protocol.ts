// Messages between the main thread and a model-loading worker (see parallel-load.ts).
import type { ContextFileResult, LoadOptions } from '../model/load.js';
import type { SourceFile } from '../model/types.js';

/** Main -> worker: load one domain file with these options. */
export interface ContextFileJob {
  file: SourceFile;
  options: LoadOptions;
}

/** Worker -> main: started (modules loaded), or the result of one job. */
export type WorkerMessage = { kind: 'ready' } | { kind: 'result'; path: string; result: ContextFileResult };
