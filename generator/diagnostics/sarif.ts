// Diagnostics as a SARIF 2.1.0 log (docs/ci.md, "Code scanning"), for GitHub code scanning and
// other SARIF viewers. Pure. One run, tool "stormsmith"; each diagnostic code is a rule.
//
// - Paths: diagnostics carry paths as the user sees them (relative to the working directory,
//   which in CI is the repository root): relative paths become relative URIs against
//   %SRCROOT%, absolute ones file:// URIs. Segments are percent-encoded.
// - Columns: SARIF's default column kind is UTF-16 code units, which is what diagnostics count.
// - Levels: error -> error, warning -> warning, info -> note.
import type { Diagnostic, Severity } from '../model/types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return { uri: `file:///${encoded.replace('%3A', ':')}` };
  if (slashed.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}

function region(d: { line: number; col: number; endLine?: number; endCol?: number }): Record<string, number> {
  const r: Record<string, number> = { startLine: Math.max(1, d.line), startColumn: Math.max(1, d.col) };
  if (d.endLine !== undefined && d.endLine >= r.startLine!) r.endLine = d.endLine;
  if (d.endCol !== undefined && (d.endLine ?? d.line) >= 1) {
    const sameLine = (d.endLine ?? d.line) === d.line;
    if (!sameLine || d.endCol >= r.startColumn!) r.endColumn = Math.max(1, d.endCol);
  }
  return r;
}

export interface SarifOptions {
  toolVersion: string;
  /** Extra facts for `runs[0].properties` (check: its steps). */
  properties?: Record<string, unknown>;
}

export function diagnosticsToSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): Record<string, unknown> {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const rules = codes.map((code) => {
    const first = diagnostics.find((d) => d.code === code)!;
    return { id: code, name: code, defaultConfiguration: { level: LEVEL[first.severity] } };
  });
  const results = diagnostics.map((d) => {
    const result: Record<string, unknown> = {
      ruleId: d.code,
      ruleIndex: codes.indexOf(d.code),
      level: LEVEL[d.severity],
      message: { text: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(d.file), region: region(d) } }],
    };
    if (d.related?.length) {
      result.relatedLocations = d.related.map((r, i) => ({ id: i, physicalLocation: { artifactLocation: artifactLocation(r.file), region: region(r) }, message: { text: 'related' } }));
    }
    if (d.rule !== undefined) result.properties = { validatorRule: d.rule };
    return result;
  });
  const run: Record<string, unknown> = {
    tool: { driver: { name: 'stormsmith', version: options.toolVersion, rules } },
    // The tool ran to the end; findings are results, not a failed execution.
    invocations: [{ executionSuccessful: true }],
    columnKind: 'utf16CodeUnits',
    results,
  };
  if (options.properties) run.properties = options.properties;
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export const sarifToJson = (log: Record<string, unknown>): string => `${JSON.stringify(log, null, 2)}\n`;
