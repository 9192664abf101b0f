// Diagnostics about a whole file (encoding, size) and about loader bugs.
import type { Diagnostic } from '../types.js';

export function fileDiagnostic(file: string, d: { code: string; message: string; hint: string; line?: number; col?: number }): Diagnostic {
  return { code: d.code, severity: 'error', file, line: d.line ?? 1, col: d.col ?? 1, message: d.message, hint: d.hint };
}

/** The loader never throws: an unexpected failure is reported on the file instead. */
export function internalError(file: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return fileDiagnostic(file, {
    code: 'E_INTERNAL',
    message: `the loader failed on this file: ${message}`,
    hint: 'this is a bug in stormsmith; please report it with the file',
  });
}
