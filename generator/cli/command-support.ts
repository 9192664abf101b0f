// What the generating commands (generate, check, schemas) share at the terminal: the --format
// option and the guard that turns a usage error into help (exit 2) and an unreadable input into
// one diagnostic in the requested format (exit 2). Never a stack trace.

import { failureDiagnostic } from '../failure-diagnostic.js';
import { UsageError } from '../target.js';
import { EXIT, type CliIo } from './io.js';
import { OUTPUT_FORMATS, render, type OutputFormat } from './render-output.js';

export { UsageError } from '../target.js';

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

/** A usage error as the CLI shows it: the message, then the command's help, on stderr. */
export function printUsageError(io: CliIo, message: string, help: string): number {
  io.stderr(`error[E_USAGE]: ${message}\n\n${help}`);
  return EXIT.usage;
}

/**
 * Shared error handling of generate, check and schemas: usage errors exit 2 with the help; an
 * unreadable model, a bad config or an IO error exit 2 as one diagnostic, in the format the
 * command was asked for (`format()` may throw while arguments are still unparsed: text then).
 */
export async function guarded(io: CliIo, help: string, body: () => Promise<number>, format: () => OutputFormat = () => 'text'): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return printUsageError(io, (error as Error).message, help);
    const diagnostic = failureDiagnostic(error, io.cwd);
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
