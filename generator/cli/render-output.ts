// One command's output (generate, check, schemas): diagnostics in the shared formats of
// generator/diagnostics/format.ts, then unified diffs, then a summary. Printing is the CLI's job.

import { diagnosticsToJson, formatDiagnostics, type DiagnosticFormat } from '../diagnostics/format.js';
import type { Diagnostic } from '../model/types.js';

export type OutputFormat = DiagnosticFormat;
export { DIAGNOSTIC_FORMATS as OUTPUT_FORMATS } from '../diagnostics/format.js';

/**
 * text and github: diagnostics (github: as workflow-command annotations), the diffs, then the
 * summary, all on stdout; json: one document on stdout, `{ ...json, diagnostics, diffs }`.
 */
export function render(
  format: OutputFormat,
  diagnostics: Diagnostic[],
  extra: { summary: string; diffs?: { file: string; diff: string }[]; json?: Record<string, unknown> },
): string {
  const diffs = extra.diffs ?? [];
  if (format === 'json') {
    return `${JSON.stringify({ ...extra.json, diagnostics: diagnosticsToJson(diagnostics), diffs }, null, 2)}\n`;
  }
  return formatDiagnostics(diagnostics, format, { summary: false }) + diffs.map((d) => d.diff).join('') + extra.summary;
}
