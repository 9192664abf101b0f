// What a `stormsmith check` step is: its context and its outcome. Kept apart from check.ts so
// that steps living in their own modules (typecheck-step.ts) import it without a circle.

import type { Diagnostic, Model } from '../../model/types.js';
import type { FileMap } from '../../plan-types.js';
import type { CliIo } from '../io.js';

export interface CheckContext {
  io: CliIo;
  outDir: string;
  into: boolean;
  /** The validated model (absent when validation failed: later steps are then skipped). */
  model?: Model;
  plan?: FileMap;
  /** Plans the model (again): for a plan from the run index whose contents went away. */
  replan?: () => Promise<FileMap>;
  /** A model-relative file (`loc.file`) as the user sees it. */
  displayFile: (file: string) => string;
  /** stormsmith.config.json, when there is one (the project root is its folder). */
  configFile?: string;
}

export interface StepOutcome {
  status: 'passed' | 'failed' | 'skipped';
  diagnostics: Diagnostic[];
  diffs?: { file: string; diff: string }[];
  note?: string;
}

export interface CheckStep {
  id: string;
  title: string;
  run(ctx: CheckContext): Promise<StepOutcome>;
}
