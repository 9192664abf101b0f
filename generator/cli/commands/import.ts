// `stormsmith import <format> ...`: a model from another tool's format (each format's module is
// imported only when asked for).
import type { CliCommand } from '../io.js';
import { EXIT } from '../io.js';

const FORMATS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  esdm: { summary: 'ESDM documents (*.esdm.yaml) -> a Stormsmith model (docs/esdm.md)', load: async () => (await import('../../esdm/cli/esdm-command.js')).importEsdmCommand },
};

export const IMPORT_HELP = (): string =>
  ['Usage: stormsmith import <format> <source> --out <model dir>', '', 'Formats:', ...Object.entries(FORMATS).map(([n, f]) => `  ${n.padEnd(12)} ${f.summary}`), ''].join('\n');

export const importCommand: CliCommand = async (argv, io) => {
  const [format, ...rest] = argv;
  if (format === undefined || format === '--help' || format === '-h') {
    io.stdout(IMPORT_HELP());
    return format === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = FORMATS[format];
  if (!entry) {
    io.stderr(`error[E_USAGE]: unknown import format "${format}"\n\n${IMPORT_HELP()}`);
    return EXIT.usage;
  }
  return (await entry.load())(rest, io);
};
