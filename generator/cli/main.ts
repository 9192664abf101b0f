// Command dispatch. Each command lives in its own module and is imported lazily, so that a
// quick `validate` or `check` never pays for ts-morph or handlebars start-up.

import { EXIT, processIo, type CliCommand, type CliIo } from './io.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  validate: { summary: 'check model files and print diagnostics', load: async () => (await import('./commands/validate.js')).validate },
  generate: { summary: 'generate (or --check) the TypeScript service from a model', load: async () => (await import('./commands/generate.js')).generate },
  check: { summary: 'the CI gate: validate + generate --check + schema gate + ADRs', load: async () => (await import('./commands/check.js')).check },
  schemas: { summary: 'event schema registry: release, check', load: async () => (await import('./commands/schemas.js')).schemas },
  studio: { summary: 'serve the canvas on 127.0.0.1 and open the browser', load: async () => (await import('./commands/studio.js')).studio },
};

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
    io.stdout('stormsmith 0.1.0\n');
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
