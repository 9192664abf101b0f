// The generator's one entry point, and the package's public programmatic API:
//   read -> load -> validate -> plan -> apply, as a straight line of stage values.
// It takes a working directory and options, never a terminal: it returns the stage values and
// every problem as diagnostics (paths as the user sees them from `cwd`), and prints nothing.
// The CLI (`stormsmith generate`), the studio and the desktop app all call it; printing,
// exit codes and help text stay in the CLI.

import * as path from 'node:path';
import { apply } from './apply/apply.js';
import { applyDiagnostics } from './apply/report-diagnostics.js';
import type { ApplyMode, ApplyReport } from './apply/types.js';
import { failureDiagnostic } from './failure-diagnostic.js';
import type { Diagnostic } from './model/types.js';
import { loadValidateAndPlan, type ModelStage } from './model-pipeline.js';
import type { FileMap } from './plan-types.js';
import { RunIndexStale } from './plan-cache/run-index.js';
import { resolveTarget, UsageError, type GenerateTarget, type TargetOptions } from './target.js';

export type { ApplyFileStatus, ApplyMode, ApplyReport, ApplyFileReport } from './apply/types.js';
export type { Diagnostic, Severity } from './model/types.js';
export type { ModelStage } from './model-pipeline.js';
export type { FileMap } from './plan-types.js';
export type { GenerateTarget, TargetOptions } from './target.js';
export { DIAGNOSTIC_FORMATS, formatDiagnostics, type DiagnosticFormat } from './diagnostics/format.js';
/** The semantic model diff against a git revision: `stormsmith diff` and the canvas's comparison mode. */
export { compareWithRef, type ComparisonFailure, type RefComparison } from './diff/compare-with-ref.js';
export type { ElementId, FieldChange, ModelChange, ModelDiff, SchemaVerdict } from './diff/semantic-diff.js';
export { details as changeDetails, headline as changeHeadline, summaryLine as diffSummaryLine } from './diff/render.js';

export interface GenerateOptions extends TargetOptions {
  /** Working directory: relative paths resolve against it, diagnostics are shown relative to it. */
  cwd: string;
  /** write (default): change the output; check: zero writes, report staleness; dry-run: zero writes, list the plan. */
  mode?: ApplyMode;
  /** Hand-edited generated files that may be overwritten or removed (relative to cwd or to the output folder). */
  force?: readonly string[];
}

export interface GenerateResult {
  /** True when the run did what was asked: written (write), up to date (check), or writable (dry-run). */
  ok: boolean;
  /** Loader, validator and apply diagnostics, or the one failure diagnostic. */
  diagnostics: Diagnostic[];
  /**
   * Set when the run could not start or was cut short: `usage` (contradicting or missing
   * options; `diagnostics` holds one E_USAGE), `input` (unreadable model or config, no output
   * folder configured, IO error). The CLI exits 2 on either.
   */
  failure?: 'usage' | 'input';
  target?: GenerateTarget;
  /** The model stage (absent when the run failed before reading the model). */
  stage?: ModelStage;
  /** The planned files (absent when model errors block generation). */
  plan?: FileMap;
  report?: ApplyReport;
}

/**
 * --force takes a path as printed in diagnostics (relative to the working directory) or relative
 * to the output folder; apply() wants it output-relative.
 */
function forcedPaths(cwd: string, outDir: string, force: readonly string[]): string[] {
  return force.map((p) => {
    const rel = path.relative(outDir, path.resolve(cwd, p));
    return rel.startsWith('..') || path.isAbsolute(rel) ? p.split(path.sep).join('/') : rel.split(path.sep).join('/');
  });
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { cwd } = options;
  const mode = options.mode ?? 'write';
  try {
    const target = resolveTarget(cwd, options);
    const run = async (reuseRun: boolean): Promise<GenerateResult> => {
      // The plan cache is updated only by a writing run: check and dry-run write nothing.
      const { stage, plan } = await loadValidateAndPlan(target.model, cwd, {
        into: target.into,
        outDir: target.outDir,
        cache: mode === 'write' ? 'read-write' : 'read',
        reuseRun,
        ...(target.templatesDir ? { templatesDir: target.templatesDir } : {}),
      });
      if (!plan) return { ok: false, diagnostics: stage.diagnostics, target, stage };
      const report = await apply(plan, target.outDir, { mode, force: forcedPaths(cwd, target.outDir, options.force ?? []), allowNonEmpty: target.into, diffs: mode !== 'write' });
      return { ok: report.ok, diagnostics: [...stage.diagnostics, ...applyDiagnostics(report, cwd)], target, stage, plan, report };
    };
    try {
      return await run(true);
    } catch (error) {
      // A plan from the run index reads its contents only when it writes or diffs; if the cache
      // lost them meanwhile, apply() stopped before writing anything: plan again in full.
      if (!(error instanceof RunIndexStale)) throw error;
      return await run(false);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      return { ok: false, failure: 'usage', diagnostics: [{ code: 'E_USAGE', severity: 'error', file: '.', line: 1, col: 1, message: error.message }] };
    }
    const diagnostic = failureDiagnostic(error, cwd);
    if (!diagnostic) throw error;
    return { ok: false, failure: 'input', diagnostics: [diagnostic] };
  }
}
