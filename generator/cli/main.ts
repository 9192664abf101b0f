// Command dispatch. Each command lives in its own module and is imported lazily (the table is
// commands/registry.ts), so that a quick `validate` or `check` never pays for ts-morph or
// handlebars start-up.

import { COMMANDS } from './commands/registry.js';
import { EXIT, processIo, type CliIo } from './io.js';
import { STORMSMITH_VERSION } from '../version.js';

export const usage = (): string =>
  [
    'Usage: stormsmith <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
    '',
    'Run `stormsmith <command> --help` for the options of a command.',
    'Exit codes: 0 clean, 1 problems found, 2 usage or IO error.',
    '',
  ].join('\n');

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`stormsmith ${STORMSMITH_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`error[E_USAGE]: unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    // Errors never show a stack trace to users; STORMSMITH_DEBUG=1 shows it for us.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error[E_INTERNAL]: ${message}\n  hint: this is a bug in stormsmith; rerun with STORMSMITH_DEBUG=1 and report it\n`);
    if (io.env.STORMSMITH_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    return EXIT.usage;
  }
}
