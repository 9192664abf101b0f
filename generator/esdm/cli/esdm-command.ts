// `stormsmith export esdm [model] --out <dir> [--domain <name>]` and
// `stormsmith import esdm <dir> --out <model dir>`: see docs/esdm.md.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { guarded } from '../../cli/command-support.js';
import { EXIT, type CliCommand } from '../../cli/io.js';
import { loadValidModel, modelPathOf } from '../../export/cli/shared.js';
import { serializeContext, serializeLayout, layoutFileOf } from '../../model/index.js';
import { UsageError } from '../../target.js';
import { exportEsdm } from '../export.js';
import { importEsdm } from '../import.js';
import { EsdmIoError, formatNotes, readEsdmFolder, writeFolderAtomic } from './esdm-io.js';

export const EXPORT_ESDM_HELP = `Usage: stormsmith export esdm [model] --out <dir> [--domain <name>]

Writes the model as ESDM documents (schema.esdm.io/core/v1), one *.esdm.yaml file per element,
and lists what ESDM has no field for (kept as stormsmith.io/ annotations, so that
\`stormsmith import esdm\` gives the model back). The folder must be new or empty.

Options:
  --out <dir>       the ESDM folder to create (required)
  --domain <name>   the ESDM domain name (default: the model folder's name)
  --quiet           do not list the mapping report
`;

export const IMPORT_ESDM_HELP = `Usage: stormsmith import esdm <dir> --out <model dir>

Reads every *.esdm.yaml below <dir> and writes a Stormsmith model (one file per bounded
context, with a layout sidecar), then lists what did not map. The folder must be new or empty.
`;

const fail = (io: Parameters<CliCommand>[1], error: unknown): number => {
  if (!(error instanceof EsdmIoError)) throw error;
  io.stderr(`error[E_ESDM]: ${error.message}\n`);
  return EXIT.usage;
};

export const exportEsdmCommand: CliCommand = (argv, io) =>
  guarded(io, EXPORT_ESDM_HELP, async () => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, domain: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) return io.stdout(EXPORT_ESDM_HELP), EXIT.ok;
    if (values.out === undefined) throw new UsageError('--out <dir> is required');
    const modelPath = modelPathOf(io, positionals[0]);
    const model = await loadValidModel(io, modelPath, 'export esdm');
    if (!model) return EXIT.problems;
    const { files, notes } = exportEsdm(model, values.domain ?? path.basename(modelPath).replace(/\.ya?ml$/, ''));
    const out = path.resolve(io.cwd, values.out);
    try {
      writeFolderAtomic(out, files);
    } catch (error) {
      return fail(io, error);
    }
    io.stdout(`export esdm: wrote ${files.size} documents to ${path.relative(io.cwd, out) || out}\n${values.quiet || notes.length === 0 ? '' : `Not expressible in ESDM (${notes.length}):\n${formatNotes(notes)}`}`);
    return EXIT.ok;
  });

export const importEsdmCommand: CliCommand = (argv, io) =>
  guarded(io, IMPORT_ESDM_HELP, async () => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) return io.stdout(IMPORT_ESDM_HELP), EXIT.ok;
    if (positionals.length !== 1) throw new UsageError('expected one ESDM folder');
    if (values.out === undefined) throw new UsageError('--out <model dir> is required');
    try {
      const docs = readEsdmFolder(path.resolve(io.cwd, positionals[0]!));
      const { contexts, layouts, notes } = importEsdm(docs);
      const files = new Map<string, string>();
      for (const c of contexts) {
        files.set(c.file, serializeContext(c));
        const layout = layouts.get(c.file);
        if (layout) files.set(layoutFileOf(c.file), serializeLayout(layout));
      }
      const out = path.resolve(io.cwd, values.out);
      writeFolderAtomic(out, files);
      io.stdout(`import esdm: read ${docs.length} documents, wrote ${contexts.length} bounded contexts to ${path.relative(io.cwd, out) || out}\n${notes.length ? `Did not map exactly (${notes.length}):\n${formatNotes(notes)}` : ''}Run \`stormsmith validate ${path.relative(io.cwd, out) || out}\` next.\n`);
      return EXIT.ok;
    } catch (error) {
      return fail(io, error);
    }
  });
