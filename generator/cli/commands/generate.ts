// `stormsmith generate [model] [--out <dir> | --into <dir>] [--check] [--dry-run]
//                      [--force <path>]... [--format text|json|github]`
// load -> validate (errors block) -> plan -> apply (write), or the same plan compared with the
// disk (--check: zero writes, exit 1 when anything is stale) or listed (--dry-run).

import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { apply } from '../../apply/apply.js';
import { OUTPUT_FORMATS, render, type OutputFormat } from '../../apply/diagnostic-format.js';
import { applyDiagnostics, applyDiffs, displayPath } from '../../apply/report-diagnostics.js';
import type { ApplyMode, ApplyReport } from '../../apply/types.js';
import type { Diagnostic } from '../../model/types.js';
import { EXIT, type CliCommand, type CliIo } from '../io.js';
import { ModelReadError } from '../../io/read-model.js';
import { dependencyInstructions } from '../../emit/versions.js';
import { loadValidateAndPlan } from '../model-pipeline.js';
import { ConfigError, loadProjectConfig } from '../project-config.js';

/** Where output goes when neither --out/--into nor stormsmith.config.json says. */
export const DEFAULT_OUT_DIR = 'generated';

export const GENERATE_HELP = `Usage: stormsmith generate [model] [options]

Generate the TypeScript service for a model (a folder of .yaml files, or one file).

Options:
  --out <dir>        output folder (default: "out" of stormsmith.config.json, else ./${DEFAULT_OUT_DIR})
  --into <dir>       write only the source tree into an existing repo (no package.json/tsconfig)
  --check            write nothing; exit 1 when anything is stale, missing, extra or hand-edited
  --dry-run          write nothing; print what would be added, changed, grown or removed
  --force <path>     overwrite (or remove) this hand-edited generated file; repeatable
  --format <f>       text (default), json, or github (GitHub Actions annotations)

Exit codes: 0 done/clean, 1 model errors or output problems, 2 usage or IO error.
`;

export class UsageError extends Error {}

export interface GenerateArgs {
  model: string;
  outDir: string;
  into: boolean;
  mode: ApplyMode;
  force: string[];
  format: OutputFormat;
  templatesDir?: string;
}

export function parseFormat(value: string | undefined): OutputFormat {
  const format = (value ?? 'text') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${value}"`);
  return format;
}

/** The --format of an argument list, before (or without) full parsing; text when absent or bad. */
export function formatFromArgv(argv: readonly string[]): OutputFormat {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--format' ? argv[i + 1] : arg.startsWith('--format=') ? arg.slice('--format='.length) : undefined;
    if (value !== undefined) return OUTPUT_FORMATS.includes(value as OutputFormat) ? (value as OutputFormat) : 'text';
  }
  return 'text';
}

/** Model path and output folder from arguments, then stormsmith.config.json, then defaults. */
export function resolveTarget(io: CliIo, positional: string | undefined, out: string | undefined, into: string | undefined) {
  const config = loadProjectConfig(io.cwd);
  if (out !== undefined && into !== undefined) throw new UsageError('use either --out or --into, not both');
  const model = positional !== undefined ? path.resolve(io.cwd, positional) : config?.model;
  if (model === undefined) throw new UsageError('no model given: pass a model folder, or add "model" to stormsmith.config.json');
  const outDir = path.resolve(io.cwd, into ?? out ?? config?.out ?? DEFAULT_OUT_DIR);
  const intoMode = into !== undefined || (out === undefined && Boolean(config?.into));
  return { model, outDir, into: intoMode, ...(config?.templates ? { templatesDir: config.templates } : config ? { templatesDir: path.join(path.dirname(config.file), '.stormsmith/templates') } : {}) };
}

export function parseGenerateArgs(argv: string[], io: CliIo): GenerateArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      into: { type: 'string' },
      check: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      force: { type: 'string', multiple: true },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 1) throw new UsageError(`expected one model path, got ${positionals.length}`);
  if (values.check && values['dry-run']) throw new UsageError('use either --check or --dry-run, not both');
  const target = resolveTarget(io, positionals[0], values.out, values.into);
  // --force takes the path as printed in diagnostics (relative to the working directory) or
  // relative to the output folder.
  const force = (values.force ?? []).map((p) => {
    const rel = path.relative(target.outDir, path.resolve(io.cwd, p));
    return rel.startsWith('..') || path.isAbsolute(rel) ? p.split(path.sep).join('/') : rel.split(path.sep).join('/');
  });
  return { ...target, mode: values.check ? 'check' : values['dry-run'] ? 'dry-run' : 'write', force, format: parseFormat(values.format) };
}

const STATUS_ORDER = ['added', 'changed', 'grown', 'removed', 'hand-edited', 'unchanged'] as const;

function summary(args: GenerateArgs, report: ApplyReport, io: CliIo): string {
  const counts = STATUS_ORDER.map((s) => [s, report.files.filter((f) => f.status === s).length] as const).filter(([, n]) => n > 0);
  const where = displayPath(io.cwd, report.outDir, '');
  const tally = counts.map(([s, n]) => `${n} ${s}`).join(', ') || 'no files';
  const listed = report.files.filter((f) => args.mode === 'dry-run' || f.status !== 'unchanged');
  const lines = listed.map((f) => `  ${f.status.padEnd(11)} ${f.path}${f.forced ? (f.original ? ` (forced; your version kept in ${f.original})` : ' (forced)') : ''}${f.addedMembers?.length ? ` (+ ${f.addedMembers.join(', ')})` : ''}\n`);
  if (args.mode === 'check') {
    return report.ok ? `generate --check: ${where} is up to date (${tally})\n` : `generate --check: ${where} is out of date (${tally}); run \`stormsmith generate\`\n`;
  }
  if (report.problems.length > 0) return `generate: nothing written to ${where} (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'})\n`;
  const verb = args.mode === 'dry-run' ? 'would write' : 'wrote';
  const intoNote = args.into && args.mode === 'write' && report.written > 0 ? INTO_INSTRUCTIONS : '';
  return `${lines.join('')}generate: ${verb} ${where} (${tally})\n${intoNote}`;
}

// The pins come from the generator (generator/emit/versions.ts), so the printed lines always match
// what a generated package.json would have declared.
const INTO_INSTRUCTIONS = `
The source tree was added to an existing repo (--into). Add its dependencies, pinned exactly:
${dependencyInstructions().replace(/^/gm, '  ').trimEnd()}
`;

/** Runs generate and returns the pieces a caller (generate, check) needs. */
export async function runGenerate(args: GenerateArgs, io: CliIo): Promise<{ diagnostics: Diagnostic[]; report?: ApplyReport }> {
  // The plan cache is updated only by a writing run: --check and --dry-run write nothing.
  const { stage, plan: fileMap } = await loadValidateAndPlan(args.model, io.cwd, { into: args.into, outDir: args.outDir, cache: args.mode === 'write' ? 'read-write' : 'read', ...(args.templatesDir ? { templatesDir: args.templatesDir } : {}) });
  if (!fileMap) return { diagnostics: stage.diagnostics };
  const report = await apply(fileMap, args.outDir, { mode: args.mode, force: args.force, allowNonEmpty: args.into, diffs: args.mode !== 'write' });
  return { diagnostics: [...stage.diagnostics, ...applyDiagnostics(report, io.cwd)], report };
}

/**
 * Shared error handling of generate, check and schemas: usage errors exit 2 with the help; an
 * unreadable model, a bad config or an IO error exit 2 as one diagnostic, in the format the
 * command was asked for (`format()` may throw while arguments are still unparsed: text then).
 * Never a stack trace.
 */
export async function guarded(io: CliIo, help: string, body: () => Promise<number>, format: () => OutputFormat = () => 'text'): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`error[E_USAGE]: ${(error as Error).message}\n\n${help}`);
      return EXIT.usage;
    }
    const diagnostic = failureDiagnostic(error, io);
    if (!diagnostic) throw error;
    let chosen: OutputFormat = 'text';
    try {
      chosen = format();
    } catch {
      // arguments not parsed yet: text
    }
    io.stdout(render(chosen, [diagnostic], { summary: '', json: { ok: false } }));
    return EXIT.usage;
  }
}

function failureDiagnostic(error: unknown, io: CliIo): Diagnostic | undefined {
  if (error instanceof ModelReadError) return { ...error.diagnostic, file: displayPath(io.cwd, error.diagnostic.file, '') };
  if (error instanceof ConfigError) {
    return { code: 'E_CONFIG', severity: 'error', file: displayPath(io.cwd, error.file, ''), line: 1, col: 1, message: error.message, hint: 'see docs/cli.md, "Project config"' };
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    const where = (error as NodeJS.ErrnoException).path;
    return {
      code: 'E_IO',
      severity: 'error',
      file: where ? displayPath(io.cwd, where, '') : '.',
      line: 1,
      col: 1,
      message: (error as Error).message,
      hint: 'check the path and its permissions; an interrupted write is rolled back on the next run',
    };
  }
  return undefined;
}

export const generate: CliCommand = (argv, io) =>
  guarded(
    io,
    GENERATE_HELP,
    async () => {
      const args = parseGenerateArgs(argv, io);
      if (args === 'help') {
        io.stdout(GENERATE_HELP);
        return EXIT.ok;
      }
      const { diagnostics, report } = await runGenerate(args, io);
      const ok = report !== undefined && report.ok;
      const text = report ? summary(args, report, io) : 'generate: the model has errors; nothing was generated\n';
      const out = render(args.format, diagnostics, {
        summary: text,
        diffs: report ? applyDiffs(report, io.cwd) : [],
        json: {
          command: args.mode === 'check' ? 'generate --check' : args.mode === 'dry-run' ? 'generate --dry-run' : 'generate',
          ok,
          outDir: displayPath(io.cwd, args.outDir, ''),
          files: report?.files.map(({ diff: _diff, ...f }) => f) ?? [],
          orphans: report?.orphans ?? [],
        },
      });
      io.stdout(out);
      return ok ? EXIT.ok : EXIT.problems;
    },
    () => formatFromArgv(argv),
  );
