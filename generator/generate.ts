// The generator's one entry point, and the package's public programmatic API:
//   read -> load -> validate -> plan -> apply, as a straight line of stage values.
// It takes a working directory and options, never a terminal: it returns the stage values and
// every problem as diagnostics (paths as the user sees them from `cwd`), and prints nothing.
// The CLI (`stormsmith generate`), the studio and the desktop app all call it; printing,
// exit codes and help text stay in the CLI. The implementation is in generate-run.ts.

export { generate, type GenerateOptions, type GenerateResult } from './generate-run.js';
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

