// An error that stops a generating run before it has a model (unreadable model, bad config, no
// output folder, an IO failure) as one diagnostic, so that every face reports it as data:
// the CLI prints it in the requested format and exits 2, the desktop app and the studio show it.

import type { Diagnostic } from './model/types.js';
import { displayPath } from './apply/report-diagnostics.js';
import { ModelReadError } from './io/read-model.js';
import { CONFIG_FILE, ConfigError } from './project-config.js';
import { NoOutputConfigError } from './target.js';

export function failureDiagnostic(error: unknown, cwd: string): Diagnostic | undefined {
  if (error instanceof ModelReadError) return { ...error.diagnostic, file: displayPath(cwd, error.diagnostic.file, '') };
  if (error instanceof ConfigError) {
    return { code: 'E_CONFIG', severity: 'error', file: displayPath(cwd, error.file, ''), line: 1, col: 1, message: error.message, hint: 'see docs/cli.md, "Project config"' };
  }
  if (error instanceof NoOutputConfigError) {
    return {
      code: 'E_NO_OUTPUT_CONFIG',
      severity: 'error',
      file: displayPath(cwd, error.file, ''),
      line: 1,
      col: 1,
      message: error.message,
      hint: `add ${CONFIG_FILE} with "out" (e.g. { "model": "models/library", "out": "services/library" }) in the repo that holds the model`,
    };
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    const where = (error as NodeJS.ErrnoException).path;
    return {
      code: 'E_IO',
      severity: 'error',
      file: where ? displayPath(cwd, where, '') : '.',
      line: 1,
      col: 1,
      message: (error as Error).message,
      hint: 'check the path and its permissions; an interrupted write is rolled back on the next run',
    };
  }
  return undefined;
}
