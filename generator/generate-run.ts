// The implementation of generate() (generator/generate.ts is the public entry that re-exports
// it with the rest of the API). The CLI's generate command imports this module, so that a run
// loads only what generating needs, not what the API re-exports (the semantic diff and its YAML).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { apply } from './apply/apply.js';
import { applyDiagnostics } from './apply/report-diagnostics.js';
import type { ApplyMode, ApplyReport } from './apply/types.js';
import { failureDiagnostic } from './failure-diagnostic.js';
import type { Diagnostic } from './model/types.js';
import { loadValidateAndPlan, type ModelStage } from './model-pipeline.js';
import type { FileMap } from './plan-types.js';
import { openPlanCache } from './plan-cache/open.js';
import { RunIndexStale } from './plan-cache/run-index.js';
import { resolveTarget, UsageError, type GenerateTarget, type TargetOptions } from './target.js';

export interface GenerateOptions extends TargetOptions {
  /** Working directory: relative paths resolve against it, diagnostics are shown relative to it. */
  cwd: string;
  /** write (default): change the output; check: zero writes, report staleness; dry-run: zero writes, list the plan. */
  mode?: ApplyMode;
  /** Hand-edited generated files that may be overwritten or removed (relative to cwd or to the output folder). */
  force?: readonly string[];
  /**
   * Parse every TypeScript file about to be written and compile every JSON Schema with ajv
   * (`generate --verify`). Without it, only JSON is parsed: the emitters are tested (goldens,
   * tsc over generated projects), and the TypeScript parser alone costs 0.5-0.8 s. Always on
   * when the project overrides templates, the one input the generator's tests do not cover.
   */
  verify?: boolean;
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
      const verify = options.verify === true || (target.templatesDir !== undefined && fs.existsSync(target.templatesDir)) ? 'full' : 'json';
      // Generated files whose identity an earlier run recorded with their hash are not read (ADR 0104).
      const knownHashes = openPlanCache(target.outDir)?.knownHashes();
      const report = await apply(plan, target.outDir, { mode, force: forcedPaths(cwd, target.outDir, options.force ?? []), allowNonEmpty: target.into, diffs: mode !== 'write', verify, ...(knownHashes ? { knownHashes } : {}) });
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
