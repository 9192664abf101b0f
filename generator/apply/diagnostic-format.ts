// Printing diagnostics for people (`file:line:col: error[CODE]: message` + `  hint: ...`), for
// tools (JSON) and for GitHub Actions (workflow-command annotations).

import type { Diagnostic } from '../model/types.js';

export type OutputFormat = 'text' | 'json' | 'github';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'github'];

export function formatText(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}[${d.code}]: ${d.message}\n${d.hint ? `  hint: ${d.hint}\n` : ''}`;
}

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions: data escapes
// %, CR, LF; property values also ':' and ','.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(d: Diagnostic): string {
  const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
  return `::${level} file=${escapeProperty(d.file)},line=${d.line},col=${d.col},title=${escapeProperty(d.code)}::${escapeData(message)}\n`;
}

export interface Rendered {
  stdout: string;
  stderr: string;
}

/**
 * One command's output. text: diagnostics on stderr, diffs and the summary on stdout;
 * github: annotations on stdout (the runner reads them there) plus diffs; json: one document on
 * stdout.
 */
export function render(
  format: OutputFormat,
  diagnostics: Diagnostic[],
  extra: { summary: string; diffs?: { file: string; diff: string }[]; json?: Record<string, unknown> },
): Rendered {
  const diffs = extra.diffs ?? [];
  if (format === 'json') {
    return { stdout: `${JSON.stringify({ ...extra.json, diagnostics, diffs }, null, 2)}\n`, stderr: '' };
  }
  const diffText = diffs.map((d) => d.diff).join('');
  if (format === 'github') return { stdout: diagnostics.map(formatGithub).join('') + diffText + extra.summary, stderr: '' };
  return { stdout: diffText + extra.summary, stderr: diagnostics.map(formatText).join('') };
}
