// `stormsmith validate [path] [--format text|json|github]`: load the model, run every validation
// rule, print the diagnostics. Exit 0 when there is no error (warnings and infos allowed), 1 when
// the model has errors, 2 for bad usage or a path that cannot be read.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadModelRead } from '../../io/load-model-from-disk.js';
import { ModelReadError, readModel } from '../../io/read-model.js';
import { openUserLoadCache } from '../../plan-cache/user-load-cache.js';
import type { Diagnostic, LoadResult } from '../../model/types.js';
import { sortDiagnostics, validateModel } from '../../model/validate/index.js';
import { DIAGNOSTIC_FORMATS, formatDiagnostics, isDiagnosticFormat, type DiagnosticFormat } from '../../diagnostics/format.js';
import { EXIT, type CliCommand, type CliIo } from '../io.js';

export const VALIDATE_HELP = `Usage: stormsmith validate [path] [--format text|json|github]

Checks a model: YAML syntax and structure first, then every validation rule
(references, duplicates, naming, versions, specs, ...). See docs/cli.md.

Arguments:
  path                 a model folder (every *.yaml below it) or one model file;
                       default: ./models if it exists, else the current folder

Options:
  -f, --format <fmt>   text (default), json (an array of diagnostics) or
                       github (workflow annotations)
  -h, --help           show this help

Exit codes: 0 no errors (warnings allowed), 1 the model has errors, 2 usage or IO error.
`;

export const validate: CliCommand = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return usageError(io, error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  if (parsed.values.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT.ok;
  }
  const format = parsed.values.format ?? 'text';
  if (!isDiagnosticFormat(format)) return usageError(io, `unknown format "${format}"; expected one of ${DIAGNOSTIC_FORMATS.join(', ')}`);
  if (parsed.positionals.length > 1) return usageError(io, `expected at most one path, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);

  const target = path.resolve(io.cwd, parsed.positionals[0] ?? defaultModelPath(io.cwd));
  let root: string;
  let files;
  let loaded: LoadResult;
  try {
    const onDisk = await readModel(target);
    // Loaded files are kept in the user's cache folder, keyed on their bytes (ADR 0103): a run
    // parses only the files that changed since the last one.
    const cache = onDisk.files.length > 0 ? openUserLoadCache(onDisk.root) : undefined;
    ({ root, files, loaded } = await loadModelRead(onDisk, cache ? { contextCache: cache } : {}));
    cache?.save();
  } catch (error) {
    if (!(error instanceof ModelReadError)) throw error;
    return ioFailure(io, format, error.diagnostic, (file) => display(io.cwd, path.isAbsolute(file) ? file : path.join(path.dirname(target), file)));
  }
  const show = (file: string): string => display(io.cwd, path.join(root, file));
  if (files.length === 0) {
    const d: Diagnostic = {
      code: 'E_NO_MODEL',
      severity: 'error',
      file: '.',
      line: 1,
      col: 1,
      message: `no model files (*.yaml, *.yml) in ${display(io.cwd, target) || '.'}`,
      hint: 'pass the folder that holds the model, e.g. `stormsmith validate models/shop`',
    };
    return ioFailure(io, format, d, () => display(io.cwd, target) || '.');
  }

  // Rules run only on a model that loaded without errors: on a partly read model they would
  // report follow-on problems (a reference to an element the loader had to skip).
  const diagnostics = loaded.ok ? sortDiagnostics([...loaded.diagnostics, ...validateModel(loaded.model)]) : sortDiagnostics(loaded.diagnostics);
  io.stdout(formatDiagnostics(diagnostics, format, { displayPath: show, filesChecked: files.length }));
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.problems : EXIT.ok;
};

function defaultModelPath(cwd: string): string {
  const models = path.join(cwd, 'models');
  return existsSync(models) && statSync(models).isDirectory() ? 'models' : '.';
}

/** A path as the user should see it: relative to where they ran the command, `/` separators. */
function display(cwd: string, absolute: string): string {
  const rel = path.relative(cwd, absolute);
  // Outside the working folder an absolute path is easier to read than a chain of `../`.
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel;
  return shown.split(path.sep).join('/');
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`error[E_USAGE]: ${message}\n  hint: run \`stormsmith validate --help\` for the options\n`);
  return EXIT.usage;
}

/** IO problems use the requested format too, so `--format json` consumers always get JSON. */
function ioFailure(io: CliIo, format: DiagnosticFormat, d: Diagnostic, show: (file: string) => string): number {
  const text = formatDiagnostics([d], format, { displayPath: show, summary: false });
  if (format === 'text') io.stderr(text);
  else io.stdout(text);
  return EXIT.usage;
}
