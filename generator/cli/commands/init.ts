// `stormsmith init [dir] [--context Name]`: starts a project from nothing. Writes a minimal
// valid model (one bounded context), stormsmith.config.json with the output folder, and the
// .gitignore lines for the generator's caches; prints the next three commands. Never
// overwrites: when a file it would create exists, it writes nothing and says so.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONTEXT, initialProject, isContextName, withGitignoreLines } from '../../init/initial-model.js';
import { EXIT, type CliCommand, type CliIo } from '../io.js';

export const INIT_HELP = `Usage: stormsmith init [dir] [--context Name]

Starts a Stormsmith project in <dir> (default: the current folder):
  models/<context>/<context>.yaml   one empty bounded context, valid as it is
  stormsmith.config.json            model folder and output folder (services/<context>)
  .gitignore                        lines for the generator's per-machine caches (appended)
Writes nothing when one of the first two files exists already.

Options:
  --context Name   name of the first bounded context (default: ${DEFAULT_CONTEXT})
  -h, --help       show this help

Exit codes: 0 done, 2 usage error, existing files or IO error.
`;

export const init: CliCommand = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { context: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return usage(io, (error as Error).message.split('\n')[0]!);
  }
  if (parsed.values.help) {
    io.stdout(INIT_HELP);
    return EXIT.ok;
  }
  if (parsed.positionals.length > 1) return usage(io, `expected at most one folder, got ${parsed.positionals.length}`);
  const context = parsed.values.context ?? DEFAULT_CONTEXT;
  if (!isContextName(context)) return usage(io, `"${context}" is not a valid context name (letters, digits and _; starts with a letter, e.g. Billing)`);

  const dir = path.resolve(io.cwd, parsed.positionals[0] ?? '.');
  const project = initialProject(context);
  const clashes = project.files.map((f) => f.path).filter((rel) => existsSync(path.join(dir, rel)));
  if (clashes.length > 0) {
    for (const rel of clashes) io.stderr(`${display(io.cwd, path.join(dir, rel))}:1:1: error[E_EXISTS]: ${rel} exists already; init writes nothing\n`);
    io.stderr('  hint: run init in an empty folder, or pick another first context with --context Name\n');
    return EXIT.usage;
  }
  try {
    for (const file of project.files) {
      const target = path.join(dir, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      // `wx`: a file that appeared since the check above is never overwritten.
      writeFileSync(target, file.content, { flag: 'wx' });
      io.stdout(`  created     ${file.path}\n`);
    }
    const gitignore = path.join(dir, '.gitignore');
    const before = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
    const after = withGitignoreLines(before, project.gitignore);
    if (after !== before) {
      writeFileSync(gitignore, after);
      io.stdout(`  ${before === '' ? 'created' : 'updated'}     .gitignore\n`);
    }
  } catch (error) {
    io.stderr(`${display(io.cwd, dir)}:1:1: error[E_IO]: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const where = path.relative(io.cwd, dir);
  const notes = ['model on the canvas', `write the service to ${project.outDir}`, 'the CI gate: model, output, schemas'];
  const width = Math.max(...project.nextCommands.map((c) => c.length));
  io.stdout(['', `Next${where ? ` (from ${where})` : ''}:`, ...project.nextCommands.map((c, i) => `  ${c.padEnd(width)}   # ${notes[i]}`), ''].join('\n'));
  return EXIT.ok;
};

function usage(io: CliIo, message: string): number {
  io.stderr(`error[E_USAGE]: ${message}\n  hint: stormsmith init --help\n`);
  return EXIT.usage;
}

const display = (cwd: string, file: string): string => path.relative(cwd, file) || '.';
