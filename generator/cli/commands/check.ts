// `stormsmith check [model] [--out <dir> | --into <dir>] [--format text|json|github]`: the one
// CI gate. Runs a list of steps over one load and one plan of the model, prints every
// diagnostic, and exits 1 when any step fails. A new gate is one more entry in CHECK_STEPS.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { apply } from '../../apply/apply.js';
import { render } from '../render-output.js';
import { applyDiagnostics, applyDiffs, displayPath } from '../../apply/report-diagnostics.js';
import type { Diagnostic, Model } from '../../model/types.js';
import type { FileMap } from '../../plan-types.js';
import { EXIT, type CliCommand, type CliIo } from '../io.js';
import { recordedVersion, versionMismatch } from '../output-version.js';
import { STORMSMITH_VERSION } from '../../version.js';
import { loadValidateAndIndexedPlan, planModel } from '../../model-pipeline.js';
import { openPlanCache } from '../../plan-cache/open.js';
import { RunIndexStale } from '../../plan-cache/run-index.js';
import { findConfigFile } from '../../project-config.js';
import { resolveTarget } from '../../target.js';
import { formatFromArgv, guarded, parseFormat, UsageError } from '../command-support.js';
import { DEFAULT_OUT_DIR } from './generate.js';
import type { CheckContext, CheckStep, StepOutcome } from './check-step.js';

export type { CheckContext, CheckStep, StepOutcome } from './check-step.js';

export const CHECK_HELP = `Usage: stormsmith check [model] [options]

The CI gate: model validation, generated output up to date (generate --check), the event
schema gate (schemas/registry, see \`stormsmith schemas\`), and an ADR draft per bounded
context. One exit code.

Options:
  --out <dir>     generated output folder (default: "out" of stormsmith.config.json, else ./generated)
  --into <dir>    the output is an existing repo (as with generate --into)
  --format <f>    text (default), json, github (GitHub Actions annotations), or sarif
                  (SARIF 2.1.0 for GitHub code scanning, see docs/ci.md)
  --typecheck     also run strict tsc over the output with the TypeScript it has installed
                  (fails when its dependencies are not installed: run npm ci there first)

Exit codes: 0 all steps pass, 1 a step failed, 2 usage or IO error.
`;

const failedIf = (diagnostics: Diagnostic[]): StepOutcome['status'] => (diagnostics.some((d) => d.severity === 'error') ? 'failed' : 'passed');
const skipped = (note: string): StepOutcome => ({ status: 'skipped', diagnostics: [], note });

/** generate --check: the output folder matches the plan (and nothing was hand-edited). */
export const generatedFreshStep: CheckStep = {
  id: 'generated',
  title: 'generated output up to date',
  async run(ctx) {
    if (!ctx.plan) return skipped('the model has errors');
    let report;
    // Generated files whose identity a writing run recorded with their hash are not read (ADR 0104).
    const knownHashes = openPlanCache(ctx.outDir)?.knownHashes();
    const options = { mode: 'check' as const, allowNonEmpty: ctx.into, ...(knownHashes ? { knownHashes } : {}) };
    try {
      report = await apply(ctx.plan, ctx.outDir, options);
    } catch (error) {
      // A plan from the run index whose cache entries went away before a diff needed them.
      if (!(error instanceof RunIndexStale) || !ctx.replan) throw error;
      ctx.plan = await ctx.replan();
      report = await apply(ctx.plan, ctx.outDir, options);
    }
    const diagnostics = applyDiagnostics(report, ctx.io.cwd);
    return { status: report.ok ? 'passed' : 'failed', diagnostics, diffs: applyDiffs(report, ctx.io.cwd) };
  },
};

/** Every bounded context has its ADR draft (a docs/adr/*.md file the plan names after it) on disk. */
export const adrPresenceStep: CheckStep = {
  id: 'adr',
  title: 'ADR draft per bounded context',
  async run(ctx) {
    if (!ctx.model || !ctx.plan) return skipped('the model has errors');
    const adrs = [...ctx.plan.keys()].filter((p) => /(^|\/)docs\/adr\/[^/]+\.md$/.test(p));
    const diagnostics: Diagnostic[] = [];
    for (const context of ctx.model.contexts) {
      const slug = context.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
      const adr = adrs.find((p) => path.posix.basename(p).toLowerCase().includes(slug));
      const where = { file: ctx.displayFile(context.loc.file), line: context.loc.line, col: context.loc.col };
      if (!adr) {
        diagnostics.push({ code: 'E_ADR_NOT_PLANNED', severity: 'error', ...where, message: `no ADR draft is generated for bounded context "${context.name}"`, hint: 'this is a generator bug; please report it' });
      } else if (!fs.existsSync(path.join(ctx.outDir, ...adr.split('/')))) {
        diagnostics.push({
          code: 'E_ADR_MISSING',
          severity: 'error',
          ...where,
          message: `bounded context "${context.name}" has no ADR draft at ${displayPath(ctx.io.cwd, ctx.outDir, adr)}`,
          hint: 'run `stormsmith generate` to create the draft, then complete and commit it',
        });
      }
    }
    return { status: failedIf(diagnostics), diagnostics };
  },
};

/**
 * The event schema gate (generator/schemas/gate): every event of the model against every released
 * version in the registry (schemas/registry next to stormsmith.config.json, else in the working
 * directory). Nothing released yet passes, with a note.
 */
export const schemaGateStep: CheckStep = {
  id: 'schemas',
  title: 'event schema gate',
  async run(ctx) {
    if (!ctx.model) return skipped('the model has errors');
    const { DEFAULT_REGISTRY_DIR, runSchemaGateReport } = await import('../../schemas/gate/run.js');
    const root = ctx.configFile ? path.dirname(ctx.configFile) : ctx.io.cwd;
    const report = await runSchemaGateReport(ctx.model, path.resolve(root, DEFAULT_REGISTRY_DIR), { cwd: ctx.io.cwd, displayFile: ctx.displayFile });
    return {
      status: failedIf(report.diagnostics),
      diagnostics: report.diagnostics,
      ...(report.registryExists ? {} : { note: 'no released schemas yet; see `stormsmith schemas release`' }),
    };
  },
};

/**
 * The output was generated by this Stormsmith version (the manifest records it). Another version
 * is a warning, not a failure: when its output is identical the gate has nothing to object to,
 * and when it differs the step above fails and this one says why.
 */
export const generatorVersionStep: CheckStep = {
  id: 'version',
  title: 'output generated by this stormsmith version',
  async run(ctx) {
    const recorded = recordedVersion(ctx.outDir);
    if (!recorded) return skipped('no manifest yet');
    const warning = versionMismatch(recorded, ctx.io.cwd, 'check');
    return warning ? { status: 'passed', diagnostics: [warning], note: `generated by ${recorded.version ?? 'an older version'}, this is ${STORMSMITH_VERSION}` } : { status: 'passed', diagnostics: [], note: STORMSMITH_VERSION };
  },
};

/** The gate, in order. */
export const CHECK_STEPS: readonly CheckStep[] = [generatedFreshStep, generatorVersionStep, schemaGateStep, adrPresenceStep];

const MARK = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' } as const;

export const check: CliCommand = (argv, io) =>
  guarded(io, CHECK_HELP, () => runCheck(argv, io), () => formatFromArgv(argv));

async function runCheck(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, into: { type: 'string' }, format: { type: 'string' }, typecheck: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`expected one model path, got ${positionals.length}`);
  // sarif is check's own: one log for code scanning, the other commands keep the shared formats.
  const sarif = values.format === 'sarif';
  const format = sarif ? 'json' : parseFormat(values.format);
  const target = resolveTarget(io.cwd, { ...(positionals[0] !== undefined ? { model: positionals[0] } : {}), ...(values.out !== undefined ? { out: values.out } : {}), ...(values.into !== undefined ? { into: values.into } : {}), defaultOut: DEFAULT_OUT_DIR });

  // Step 0, validation, produces what the other steps share: the model and its plan.
  // The plan of an earlier generate with the same inputs comes from the run index (hashes only);
  // otherwise it is planned here, through the unit entries of the plan cache.
  const options = { into: target.into, outDir: target.outDir, ...(target.templatesDir ? { templatesDir: target.templatesDir } : {}) };
  const { stage, plan: indexed } = await loadValidateAndIndexedPlan(target.model, io.cwd, options);
  const configFile = findConfigFile(io.cwd);
  const ctx: CheckContext = { io, outDir: target.outDir, into: target.into, displayFile: stage.displayFile, ...(configFile ? { configFile } : {}) };
  if (stage.model) {
    const model = stage.model;
    ctx.model = model;
    ctx.replan = () => planModel(model, { ...options, modelRoot: stage.root });
    ctx.plan = indexed ?? (await ctx.replan());
  }
  const results: { id: string; title: string; outcome: StepOutcome }[] = [
    { id: 'validate', title: 'model valid', outcome: { status: failedIf(stage.diagnostics), diagnostics: stage.diagnostics } },
  ];
  for (const step of CHECK_STEPS) results.push({ id: step.id, title: step.title, outcome: await step.run(ctx) });
  if (values.typecheck) {
    // Only over output that matches the model: tsc over stale files would judge the wrong code.
    const fresh = results.find((r) => r.id === generatedFreshStep.id)?.outcome.status === 'passed';
    const { typecheckStep } = await import('./typecheck-step.js');
    results.push({ id: typecheckStep.id, title: typecheckStep.title, outcome: fresh ? await typecheckStep.run(ctx) : skipped('the generated output is not up to date') });
  }

  const ok = results.every((r) => r.outcome.status !== 'failed');
  const summary =
    results.map((r) => `${MARK[r.outcome.status]} ${r.title}${r.outcome.note ? ` (${r.outcome.note})` : ''}\n`).join('') +
    `check: ${ok ? 'passed' : 'FAILED'}\n`;
  const diagnostics = results.flatMap((r) => r.outcome.diagnostics);
  if (sarif) {
    const [{ diagnosticsToSarif, sarifToJson }, { STORMSMITH_VERSION }] = await Promise.all([import('../../diagnostics/sarif.js'), import('../../version.js')]);
    const steps = results.map((r) => ({ id: r.id, title: r.title, status: r.outcome.status, ...(r.outcome.note ? { note: r.outcome.note } : {}) }));
    io.stdout(sarifToJson(diagnosticsToSarif(diagnostics, { toolVersion: STORMSMITH_VERSION, properties: { command: 'check', ok, steps } })));
    return ok ? EXIT.ok : EXIT.problems;
  }
  const out = render(format, diagnostics, {
    summary,
    diffs: results.flatMap((r) => r.outcome.diffs ?? []),
    json: { command: 'check', ok, steps: results.map((r) => ({ id: r.id, title: r.title, status: r.outcome.status, ...(r.outcome.note ? { note: r.outcome.note } : {}) })) },
  });
  io.stdout(out);
  return ok ? EXIT.ok : EXIT.problems;
}
