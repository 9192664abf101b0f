// Diagnostics for people and machines, shared by every command and the programmatic API:
//   text    `path:line:col: error[CODE]: message` + `  hint: ...` + a summary line
//   json    an array of diagnostics (stable key order), nothing else on stdout
//   github  workflow commands (`::error file=...,line=...,col=...::...`), shown as annotations
import type { Diagnostic, Severity } from '../model/types.js';

export const DIAGNOSTIC_FORMATS = ['text', 'json', 'github'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

export const isDiagnosticFormat = (value: string): value is DiagnosticFormat => (DIAGNOSTIC_FORMATS as readonly string[]).includes(value);

export interface FormatOptions {
  /** Maps a diagnostic's file (relative to the model root) to the path shown, e.g. `models/shop/ordering.yaml`. */
  displayPath?: (file: string) => string;
  /** Number of files read, for the summary line of text and github output. */
  filesChecked?: number;
  /** Print the summary line (text and github); default true. */
  summary?: boolean;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, options: FormatOptions = {}): string {
  const show = options.displayPath ?? ((file: string) => file);
  const tail = options.summary === false ? '' : `${summary(diagnostics, options.filesChecked)}\n`;
  switch (format) {
    case 'json':
      return `${JSON.stringify(diagnosticsToJson(diagnostics, show), null, 2)}\n`;
    case 'github':
      return diagnostics.map((d) => githubLine(d, show)).join('') + tail;
    case 'text':
      return diagnostics.map((d) => textBlock(d, show)).join('') + tail;
  }
}

function textBlock(d: Diagnostic, show: (file: string) => string): string {
  let out = `${show(d.file)}:${d.line}:${d.col}: ${d.severity}[${d.code}]: ${d.message}\n`;
  if (d.hint) out += `  hint: ${d.hint}\n`;
  for (const r of d.related ?? []) out += `  see: ${show(r.file)}:${r.line}:${r.col}\n`;
  return out;
}

/** `3 errors, 1 warning, 2 infos in 4 files` (or `no problems in 4 files`). */
export function summary(diagnostics: readonly Diagnostic[], filesChecked?: number): string {
  const count = (s: Severity): number => diagnostics.filter((d) => d.severity === s).length;
  const files = filesChecked === undefined ? '' : ` in ${filesChecked} ${filesChecked === 1 ? 'file' : 'files'}`;
  if (diagnostics.length === 0) return `no problems${files}`;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')}${files}`;
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub workflow command; data and property values escaped as the runner expects. */
function githubLine(d: Diagnostic, show: (file: string) => string): string {
  const props = [`file=${escapeProperty(show(d.file))}`, `line=${d.line}`, `col=${d.col}`];
  if (d.endLine !== undefined) props.push(`endLine=${d.endLine}`);
  if (d.endCol !== undefined) props.push(`endColumn=${d.endCol}`);
  props.push(`title=${escapeProperty(d.code)}`);
  const message = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
  return `::${GITHUB_COMMAND[d.severity]} ${props.join(',')}::${escapeData(message)}\n`;
}

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Diagnostics as the JSON format's objects (stable key order), for embedding in a larger document. */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[], show: (file: string) => string = (file) => file): Record<string, unknown>[] {
  return diagnostics.map((d) => toJson(d, show));
}

function toJson(d: Diagnostic, show: (file: string) => string): Record<string, unknown> {
  // Fixed key order so that JSON output is byte-stable.
  const out: Record<string, unknown> = { code: d.code, severity: d.severity, file: show(d.file), line: d.line, col: d.col };
  if (d.endLine !== undefined) out.endLine = d.endLine;
  if (d.endCol !== undefined) out.endCol = d.endCol;
  out.message = d.message;
  if (d.hint !== undefined) out.hint = d.hint;
  if (d.rule !== undefined) out.rule = d.rule;
  if (d.related) out.related = d.related.map((r) => ({ file: show(r.file), line: r.line, col: r.col }));
  return out;
}
