// An ApplyReport as diagnostics (errors are data, DESIGN.md): blocking problems and, in check
// mode, every stale output are errors; orphans and notes are warnings. The CLI prints them
// with the shared formatters (text, json, github).

import * as nodePath from 'node:path';
import type { Diagnostic } from '../model/types.js';
import type { ApplyFileReport, ApplyReport } from './types.js';

const STALE: Partial<Record<ApplyFileReport['status'], { code: string; message: (p: string) => string; hint: string }>> = {
  added: { code: 'E_OUTPUT_MISSING', message: (p) => `"${p}" is missing from the generated output`, hint: 'run `stormsmith generate` and commit the result' },
  changed: { code: 'E_OUTPUT_STALE', message: (p) => `"${p}" is stale: the model changed since it was generated`, hint: 'run `stormsmith generate` and commit the result' },
  removed: { code: 'E_OUTPUT_EXTRA', message: (p) => `"${p}" is no longer generated from the model but is still there`, hint: 'run `stormsmith generate` (it removes it) and commit the result' },
  grown: { code: 'E_OUTPUT_STUBS_MISSING', message: (p) => `"${p}" lacks stubs the model now requires`, hint: 'run `stormsmith generate` (it adds the stubs, keeping your code) and commit the result' },
};

/** Path of an output file as the user should see it (relative to cwd when inside it). */
export function displayPath(cwd: string, outDir: string, rel: string): string {
  const full = nodePath.resolve(cwd, outDir, ...(rel ? rel.split('/') : []));
  const shown = nodePath.relative(cwd, full);
  return (shown.startsWith('..') || nodePath.isAbsolute(shown) ? full : shown || '.').split(nodePath.sep).join('/');
}

export function applyDiagnostics(report: ApplyReport, cwd: string): Diagnostic[] {
  const at = (rel: string) => displayPath(cwd, report.outDir, rel);
  const out: Diagnostic[] = [];
  for (const p of report.problems) {
    out.push({ code: p.code, severity: 'error', file: at(p.path), line: p.line ?? 1, col: p.col ?? 1, message: p.message, ...(p.hint ? { hint: p.hint } : {}) });
  }
  if (report.mode === 'check' && report.folderMissing && report.stale) {
    // One diagnostic for a folder that was never generated, not one per planned file.
    out.push({ code: 'E_OUTPUT_MISSING', severity: 'error', file: at(''), line: 1, col: 1, message: `the output folder does not exist (${report.files.length} files to generate)`, hint: 'run `stormsmith generate` and commit the result' });
  } else if (report.mode === 'check') {
    const reported = new Set(report.problems.map((p) => p.path));
    for (const f of report.files) {
      const stale = STALE[f.status];
      if (stale && !reported.has(f.path)) out.push({ code: stale.code, severity: 'error', file: at(f.path), line: 1, col: 1, message: stale.message(f.path), hint: stale.hint });
    }
  }
  for (const o of report.orphans) {
    out.push(
      o.kind === 'member'
        ? { code: 'W_ORPHAN', severity: 'warning', file: at(o.path), line: o.line, col: o.col, message: `"${o.name}" is no longer asked for by the model; it was kept`, hint: 'move its logic where the model now wants it, then delete it' }
        : { code: 'W_ORPHAN_FILE', severity: 'warning', file: at(o.path), line: 1, col: 1, message: `user-owned file "${o.path}" is no longer produced by the model; it was kept`, hint: 'delete it when you no longer need its code' },
    );
  }
  for (const w of report.warnings) out.push({ code: w.code, severity: 'warning', file: at(w.path), line: w.line ?? 1, col: w.col ?? 1, message: w.message, ...(w.hint ? { hint: w.hint } : {}) });
  return out;
}

/** Diffs to show under the diagnostics (check mode, hand edits), keyed by display path. */
export function applyDiffs(report: ApplyReport, cwd: string): { file: string; diff: string }[] {
  const diffs = new Map<string, string>();
  for (const p of report.problems) if (p.diff) diffs.set(p.path, p.diff);
  for (const f of report.files) if (f.diff && !diffs.has(f.path)) diffs.set(f.path, f.diff);
  return [...diffs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, diff]) => ({ file: displayPath(cwd, report.outDir, p), diff }));
}
