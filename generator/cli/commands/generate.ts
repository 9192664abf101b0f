// `stormsmith generate [model] [--out <dir> | --into <dir>] [--check] [--dry-run]
//                      [--force <path>]... [--format text|json|github]`
// load -> validate (errors block) -> plan -> apply (write), or the same plan compared with the
// disk (--check: zero writes, exit 1 when anything is stale) or listed (--dry-run).

import { parseArgs } from 'node:util';
import { displayPath, applyDiffs } from '../../apply/report-diagnostics.js';
import type { ApplyReport } from '../../apply/types.js';
import { generate as runGenerate, type GenerateOptions } from '../../generate-run.js';
import { dependencyInstructions } from '../../emit/versions.js';
import { formatFromArgv, guarded, parseFormat, printUsageError, UsageError } from '../command-support.js';
import { EXIT, type CliCommand, type CliIo } from '../io.js';
import { recordedVersion, versionMismatch, type RecordedVersion } from '../output-version.js';
import { resolveTarget } from '../../target.js';
import { render, type OutputFormat } from '../render-output.js';

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
  --verify           parse every TypeScript file and compile every JSON Schema before writing
                     (always done when the project overrides templates; otherwise JSON only)
  --format <f>       text (default), json, or github (GitHub Actions annotations)

Exit codes: 0 done/clean, 1 model errors or output problems, 2 usage or IO error.
`;

export interface GenerateArgs extends GenerateOptions {
  mode: NonNullable<GenerateOptions['mode']>;
  format: OutputFormat;
}

/** Arguments as entry-point options; the model and output folder are resolved by generate(). */
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
      verify: { type: 'boolean' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 1) throw new UsageError(`expected one model path, got ${positionals.length}`);
  if (values.check && values['dry-run']) throw new UsageError('use either --check or --dry-run, not both');
  return {
    cwd: io.cwd,
    ...(positionals[0] !== undefined ? { model: positionals[0] } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.into !== undefined ? { into: values.into } : {}),
    defaultOut: DEFAULT_OUT_DIR,
    mode: values.check ? 'check' : values['dry-run'] ? 'dry-run' : 'write',
    force: values.force ?? [],
    ...(values.verify ? { verify: true } : {}),
    format: parseFormat(values.format),
  };
}

function recordedOutputVersion(options: GenerateOptions): RecordedVersion | undefined {
  try {
    return recordedVersion(resolveTarget(options.cwd, options).outDir);
  } catch {
    return undefined; // the run itself reports a bad target
  }
}

const STATUS_ORDER = ['added', 'changed', 'grown', 'removed', 'hand-edited', 'unchanged'] as const;

function summary(args: { mode: GenerateArgs['mode']; into: boolean }, report: ApplyReport, io: CliIo): string {
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
      const { format, ...options } = args;
      // Read before the run rewrites the manifest: which version made the output so far.
      const before = args.mode === 'write' ? recordedOutputVersion(options) : undefined;
      const result = await runGenerate(options);
      const { report, target } = result;
      const upgrade = report?.ok ? versionMismatch(before, io.cwd, 'generate') : undefined;
      const diagnostics = upgrade ? [upgrade, ...result.diagnostics] : result.diagnostics;
      if (result.failure === 'usage') return printUsageError(io, diagnostics[0]!.message, GENERATE_HELP);
      if (result.failure) {
        io.stdout(render(format, diagnostics, { summary: '', json: { ok: false } }));
        return EXIT.usage;
      }
      const ok = report !== undefined && report.ok;
      const text = report ? summary({ mode: args.mode, into: target!.into }, report, io) : 'generate: the model has errors; nothing was generated\n';
      const out = render(format, diagnostics, {
        summary: text,
        diffs: report ? applyDiffs(report, io.cwd) : [],
        json: {
          command: args.mode === 'check' ? 'generate --check' : args.mode === 'dry-run' ? 'generate --dry-run' : 'generate',
          ok,
          outDir: displayPath(io.cwd, target!.outDir, ''),
          files: report?.files.map(({ diff: _diff, ...f }) => f) ?? [],
          orphans: report?.orphans ?? [],
        },
      });
      io.stdout(out);
      return ok ? EXIT.ok : EXIT.problems;
    },
    () => formatFromArgv(argv),
  );
