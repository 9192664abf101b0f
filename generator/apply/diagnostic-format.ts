// One command's output (generate, check): diagnostics in the shared formats of
// generator/cli/format-diagnostics.ts, then unified diffs, then a summary.

import { formatDiagnostics, type DiagnosticFormat } from '../cli/format-diagnostics.js';
import type { Diagnostic } from '../model/types.js';

export type OutputFormat = DiagnosticFormat;
export { DIAGNOSTIC_FORMATS as OUTPUT_FORMATS } from '../cli/format-diagnostics.js';

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
    const items = JSON.parse(formatDiagnostics(diagnostics, 'json')) as unknown[];
    return `${JSON.stringify({ ...extra.json, diagnostics: items, diffs }, null, 2)}\n`;
  }
  return formatDiagnostics(diagnostics, format, { summary: false }) + diffs.map((d) => d.diff).join('') + extra.summary;
}
